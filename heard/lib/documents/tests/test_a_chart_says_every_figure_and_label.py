"""A chart cannot silently drop a bar: its SVG is well-formed XML that writes every category, every series' name
and every figure of its spec (or says "not shown" for a protected one), in text colours readable on white."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heard.lib.documents import charts, svgchart
from heard.lib.documents.model import ChartSpec, Series

SVG = "{http://www.w3.org/2000/svg}"
KINDS = ["bar", "grouped_bar", "stacked_bar", "line", "interval"]


def _spec(kind: str, categories: list[str], series: list[Series], unit: str = "count") -> ChartSpec:
    return ChartSpec(
        kind=kind,  # type: ignore[arg-type]
        title="What residents talked about",
        categories=categories,
        series=series,
        alt="Waiting came up most.",
        unit=unit,  # type: ignore[arg-type]
        reference=1.0 if kind == "interval" else None,
        note="Counts under 5 are not shown.",
    )


def _words(svg: str) -> tuple[str, list[str]]:
    """Everything the SVG says (its <text> in drawing order, joined), and its marks' tooltips (<title>)."""
    root = ET.fromstring(svg)  # noqa: S314 (Heard's own drawing) raises on anything not well-formed XML
    texts = [element.text or "" for element in root.iter(f"{SVG}text")]
    titles = [element.text or "" for element in root.iter(f"{SVG}title")]
    return " ".join(texts), titles


def _figures_said(spec: ChartSpec, svg: str) -> None:
    said, titles = _words(svg)
    # A label wrapped, or a word too long for a line broken: the same characters in order, whatever spaces fall
    # between them.
    spoken = "".join(said.split())
    for category in spec.categories:
        assert "".join(category.split()) in spoken, category
    if spec.kind in ("grouped_bar", "stacked_bar") or (spec.kind == "line" and len(spec.series) > 1):
        for series in spec.series:
            assert series.name in said, series.name
    checked = spec.series[:1] if spec.kind == "interval" else spec.series
    for series in checked:
        for category, value in zip(spec.categories, series.values, strict=True):
            if value is None:
                assert charts.NOT_SHOWN in said
                continue
            figure = svgchart.format_value(value, spec.unit)
            # Written on the chart; or, for a line's third series on, in its point's tooltip.
            assert figure in said or f"{category}, {series.name}: {figure}" in titles, (category, series.name)


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_of_chart_writes_each_category_series_and_figure(kind: str) -> None:
    series = [
        Series("Waiting", [120, None, 3, 48]),
        Series("Kindness", [100, 7, 2, 40]),
        Series("Interpreters", [140, 9, 1, 50]),
    ]
    categories = ["Somali", "Polish", "Turkish and Kurdish speaking residents of the north of the borough", "Roma"]
    spec = _spec(kind, categories, series[:1] if kind == "bar" else series)
    _figures_said(spec, charts.render_svg(spec))


def test_a_stacked_bar_writes_the_figures_too_narrow_for_their_segments() -> None:
    spec = _spec("stacked_bar", ["Somali"], [Series("Positive", [400]), Series("Mixed", [2]), Series("Negative", [1])])
    said, _ = _words(charts.render_svg(spec))
    assert "Mixed 2" in said and "Negative 1" in said


@settings(max_examples=40, deadline=None)
@given(
    kind=st.sampled_from(KINDS),
    categories=st.lists(
        st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(
            str.strip
        ),
        min_size=1,
        max_size=8,
        unique_by=lambda text: " ".join(text.split()),
    ),
    data=st.data(),
)
def test_any_spec_gives_well_formed_svg_that_says_all_of_it(
    kind: str, categories: list[str], data: st.DataObject
) -> None:
    count = 1 if kind == "bar" else 3
    figures = st.one_of(st.none(), st.integers(0, 100_000).map(float))
    series = [
        Series(f"Series {n}", data.draw(st.lists(figures, min_size=len(categories), max_size=len(categories))))
        for n in range(count)
    ]
    spec = _spec(kind, categories, series)
    _figures_said(spec, svgchart.draw(spec, "chart-x", "sans-serif"))


def _contrast(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (luminance + 0.05)


def test_words_on_a_chart_are_dark_enough_to_read_on_white() -> None:
    spec = _spec("grouped_bar", ["Somali", "Polish"], [Series("Waiting", [12, None]), Series("Kindness", [3, 4])])
    root = ET.fromstring(charts.render_svg(spec))  # noqa: S314 (Heard's own drawing)
    fills = {element.get("fill") for element in root.iter(f"{SVG}text")} - {"#ffffff"}  # white is on a dark tab
    assert fills and all(_contrast(fill or "") >= 4.5 for fill in fills)
    # The first four series' colours stand out from white (3:1, for graphics) and carry a shape as well.
    assert all(_contrast(colour) >= 3 for colour in svgchart.PALETTE[:3])
