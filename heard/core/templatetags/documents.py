"""`{% chart spec %}` / `{% chart spec table %}`: a chart on a page, drawn as in the reports.

Gives a <figure> with the inline SVG (titled and described for screen readers), its caption, and the same
figures as a table in a <details> element. The page's base template links heard/documents.css.
"""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from heard.lib.documents.html import chart_html
from heard.lib.documents.model import Chart, ChartSpec, Table

register = template.Library()


@register.simple_tag
def chart(spec: ChartSpec, table: Table | None = None) -> SafeString:
    # chart_html escapes every piece of text it is given, and svgchart escapes every word it writes into the SVG.
    return mark_safe(chart_html(Chart(spec=spec, table=table)))  # noqa: S308
