"""Drawing a stored document's chart on a page (heard.lib.documents.charts, when Heard has it)."""

from __future__ import annotations

import importlib
from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from heard.reporting.snapshot import spec_from_json

register = template.Library()


@register.simple_tag
def report_chart(block: dict[str, Any]) -> SafeString:
    """The chart of a stored chart block as inline SVG (its table is shown beside it by the template); empty when
    the chart renderer is not there."""
    try:
        charts = importlib.import_module("heard.lib.documents.charts")
    except ImportError:
        return mark_safe("")
    svg = charts.render_svg(spec_from_json(block["spec"]))
    return mark_safe(str(svg))  # noqa: S308 (SVG drawn by Heard's own renderer, text escaped there)


@register.filter
def child_prefix(prefix: str, counter: int) -> str:
    """Heading ids of a nested section's children: unique on the page ("h-2-1-3")."""
    return f"{prefix}{counter}-"
