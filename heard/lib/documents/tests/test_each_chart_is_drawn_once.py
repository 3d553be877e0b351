"""A report's HTML, PDF and Word files draw each of its charts once: drawings are kept by their specification's
hash (in memory, bounded), the page and the PDF share one SVG, and a changed figure is a new drawing."""

from __future__ import annotations

from typing import Any

import pytest

from heard.lib.documents import chart_cache, charts, docx, html, pdf, svgchart
from heard.lib.documents.model import Chart, ChartSpec, Document, Section, Series, Table


def _spec(value: float = 12) -> ChartSpec:
    return ChartSpec(
        kind="bar",
        title="What residents talked about",
        categories=["Waiting", "Kindness"],
        series=[Series("People", [value, 7])],
        alt="Waiting came up most.",
    )


def _doc() -> Document:
    table = Table("What residents talked about", ["Theme", "People"], [["Waiting", "12"], ["Kindness", "7"]])
    return Document(title="A report", sections=[Section("Themes", [Chart(_spec(), table)])])


@pytest.fixture
def counted(monkeypatch: Any) -> dict[str, int]:
    chart_cache.clear()
    calls = {"figures": 0}
    original = svgchart.layout

    def layout(spec: ChartSpec) -> Any:
        calls["figures"] += 1
        return original(spec)

    monkeypatch.setattr(svgchart, "layout", layout)
    return calls


def test_html_pdf_and_word_of_one_report_draw_each_chart_once_per_kind_of_picture(counted: dict[str, int]) -> None:
    doc = _doc()
    html.render_html(doc)  # the SVG
    pdf.render_pdf(doc)  # the same SVG, drawn by WeasyPrint
    docx.render_docx(doc)  # a PNG: Word needs a picture
    html.render_html(doc)
    assert counted["figures"] == 2  # laid out once for the SVG, once for Word's picture
    assert chart_cache.stats == {"drawn": 2, "reused": 2}


def test_a_changed_figure_is_drawn_afresh(counted: dict[str, int]) -> None:
    first = charts.render_svg(_spec(12))
    second = charts.render_svg(_spec(13))
    assert counted["figures"] == 2
    assert first != second


def test_the_kept_drawings_are_bounded(counted: dict[str, int], monkeypatch: Any) -> None:
    monkeypatch.setattr(chart_cache, "MAX_CHARTS", 2)
    for value in (1, 2, 3):
        charts.render_png(_spec(value), dpi=40)
    charts.render_png(_spec(1), dpi=40)  # the oldest was let go: drawn again
    assert counted["figures"] == 4
    assert len(chart_cache._drawn) == 2
