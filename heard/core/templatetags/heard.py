"""Template helpers shared by every app."""

from __future__ import annotations

from typing import Any

from django import template
from django.http import HttpRequest

from heard.lib.numbers import suppress

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context: dict[str, Any], number: int) -> str:
    """The current URL with `page` set, keeping the other filters."""
    request: HttpRequest = context["request"]
    params = request.GET.copy()
    params["page"] = str(number)
    return "?" + params.urlencode()


@register.filter
def small(value: int | None, exact: bool = False) -> str:
    """A count as people outside the host see it: 1-4 shown as "<5"."""
    return suppress(value, exact=exact)


@register.filter
def percent(part: int | float, whole: int | float) -> str:
    if not whole:
        return "0%"
    return f"{round(100 * part / whole)}%"


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key)
