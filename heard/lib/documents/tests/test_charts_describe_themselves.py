"""Charts: an SVG a screen reader can name and describe, drawn the same every time, that still draws under the
pages' Content-Security-Policy, leaves out figures it must not show and says so; and a PNG for Word."""

from __future__ import annotations

import re

import pytest

from heard.lib.documents import chart_cache, charts
from heard.lib.documents.model import ChartSpec, Series


def spec(kind: str = "bar", **kwargs: object) -> ChartSpec:
    series = [Series("Residents", [120, None, 7.5]), Series("Low", [100, None, 5]), Series("High", [140, None, 9])]
    defaults: dict[str, object] = {
        "kind": kind,
        "title": "Who we heard from",
        "categories": ["Somali", "Polish", "Bengali & <Sylheti>"],
        "series": series[:1] if kind == "bar" else series,
        "alt": "Most were Somali; the Polish figure is under 5.",
        "reference": 100.0,
        "note": "Counts under 5 are not shown.",
    }
    return ChartSpec(**(defaults | kwargs))  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", ["bar", "grouped_bar", "stacked_bar", "line", "interval"])
def test_every_kind_of_chart_is_an_svg_with_a_title_and_a_description(kind: str) -> None:
    svg = charts.render_svg(spec(kind))
    assert svg.startswith("<svg")
    assert 'role="img"' in svg
    assert re.search(r'<title id="[^"]+">Who we heard from</title>', svg)
    assert "<desc" in svg and "Most were Somali; the Polish figure is under 5.</desc>" in svg
    assert "Bengali &amp; &lt;Sylheti&gt;" in svg  # text is escaped


def test_the_same_chart_gives_the_same_bytes() -> None:
    drawn = charts.render_svg(spec("grouped_bar")), charts.render_png(spec("grouped_bar"))
    chart_cache.clear()  # drawn again, not taken from the cache
    assert drawn == (charts.render_svg(spec("grouped_bar")), charts.render_png(spec("grouped_bar")))


def test_an_svg_chart_has_no_date_and_no_inline_style() -> None:
    svg = charts.render_svg(spec("stacked_bar"))
    assert "<dc:date" not in svg and "<metadata" not in svg and "<?xml" not in svg
    # style="..." and <style> are inline styles, which the pages' Content-Security-Policy blocks.
    assert " style=" not in svg and "<style" not in svg


def test_a_missing_figure_is_left_out_and_said_to_be_not_shown() -> None:
    svg = charts.render_svg(spec("bar"))
    assert charts.NOT_SHOWN in svg
    assert "Counts under 5 are not shown." in svg
    assert ">120<" in svg and ">7.5<" not in svg  # counts as whole numbers


def test_a_chart_with_nothing_to_show_still_draws() -> None:
    empty = spec("bar", series=[Series("Residents", [None, None, None])])
    assert charts.NOT_SHOWN in charts.render_svg(empty)


@pytest.mark.parametrize("kind", ["bar", "grouped_bar", "stacked_bar", "line", "interval"])
def test_a_png_chart_for_word_is_the_same_drawing_as_the_svg(kind: str) -> None:
    import io

    from PIL import Image

    png = charts.render_png(spec(kind), dpi=100)
    assert png.startswith(b"\x89PNG")
    width, height = Image.open(io.BytesIO(png)).size
    view = re.search(r'viewBox="0 0 (\d+) (\d+)"', charts.render_svg(spec(kind)))
    assert view and (width, height) == (int(view.group(1)), int(view.group(2)))  # one layout, 100 units an inch


def test_figures_read_as_people_expect() -> None:
    assert charts.format_value(1234, "count") == "1,234"
    assert charts.format_value(12.0, "percent") == "12%"
    assert charts.format_value(12.34, "percent") == "12.3%"
    assert charts.format_value(0.8512, "ratio") == "0.85"


def test_a_count_scale_has_no_half_residents() -> None:
    small = spec("bar", series=[Series("Residents", [1, 2, 3])])
    svg = charts.render_svg(small)
    assert ">0.5<" not in svg and ">1.5<" not in svg
    assert ">2<" in svg
