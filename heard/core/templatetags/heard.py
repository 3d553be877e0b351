"""Template helpers shared by every app."""

from __future__ import annotations

from typing import Any

from django import template
from django.forms import BoundField
from django.http import HttpRequest

from heard.lib.numbers import suppress

register = template.Library()

# Django's own message names neither the field nor what to do about it; `what_to_do` says both.
REQUIRED = "This field is required."
CHOOSE_WIDGETS = frozenset({"select", "selectmultiple", "radioselect", "checkboxselectmultiple"})
UPLOAD_WIDGETS = frozenset({"file", "clearablefile"})


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


@register.filter
def what_to_do(error: Any, field: BoundField) -> str:
    """A field's error as a person can act on it: Django's "This field is required." becomes "Enter “Title”.",
    "Choose “Addressed to”.", "Tick “I have read the report”." or "Choose a file for “Upload the return”."; any
    other message is kept (a page in another language keeps Django's translated message, which does not match)."""
    if str(error) != REQUIRED:
        return str(error)
    kind = field.widget_type
    if kind in UPLOAD_WIDGETS:
        return f"Choose a file for “{field.label}”."
    if str(field.label).rstrip().endswith("?"):
        return f"Answer “{field.label}”"  # not 'Choose “Are we adding value?”.'
    verb = "Choose" if kind in CHOOSE_WIDGETS else "Tick" if kind == "checkbox" else "Enter"
    return f"{verb} “{field.label}”."
