"""No word on a chart is cut off at its edge: for long labels, long series names and long notes in every kind of
chart, each word's box (its width in the shipped font, turned as it is drawn) lies inside the chart's viewBox;
and the widths the layout uses are never narrower than the font draws them."""

from __future__ import annotations

import math

import pytest

from heard.lib.documents import svgchart, textwidth
from heard.lib.documents.chartmarks import Text
from heard.lib.documents.model import ChartSpec, Series

KINDS = ["bar", "grouped_bar", "stacked_bar", "line", "interval"]
LONG_LABELS = [
    "Being kept informed, clarity & consistency of information",
    "WWW MMM WWW: Mobile Women's Wellbeing Workshop Members",
    "Staff listening, understanding & involving patients",
    "Interpreters-and-translators-for-every-appointment-made-by-phone",
    "Money, work, caring and housing",
    "Arabic: الرعاية الصحية",
    "Bengali: স্বাস্থ্যসেবা",
    "Tigrinya: ጥዕና",
    "Chinese: 医疗服务和等候时间",
]


def spec(kind: str) -> ChartSpec:
    count = len(LONG_LABELS)
    values = [[float(10 + 7 * i) for i in range(count)], [float(4 + 3 * i) for i in range(count)]]
    values[0][2] = None  # type: ignore[call-overload]
    if kind == "interval":
        series = [
            Series("Estimate", [1.0 + i / 10 for i in range(count)]),
            Series("Low", [0.8 + i / 10 for i in range(count)]),
            Series("High", [1.3 + i / 10 for i in range(count)]),
        ]
    elif kind == "bar":
        series = [Series("People", values[0])]  # type: ignore[arg-type]
    else:
        series = [
            Series("Share of people heard in this community (rounded to the nearest five)", values[0]),  # type: ignore[arg-type]
            Series("Share of residents who live in Islington and Hackney (Census 2021)", values[1]),  # type: ignore[arg-type]
        ]
    return ChartSpec(
        kind=kind,  # type: ignore[arg-type]
        title="What residents talked about",
        categories=LONG_LABELS,
        series=series,
        alt="A chart with long labels.",
        x_label="People heard in each community, rounded to the nearest five",
        y_label="Community or group of residents",
        unit="ratio" if kind == "interval" else "count",
        reference=1.0 if kind == "interval" else None,
        note="Counts are rounded to the nearest 5 and counts of 1 to 4 people are shown as “<5”; “[c]” hides a "
        "figure that would let someone work one of those out. Totals may not add up exactly.",
    )


def box(mark: Text) -> list[tuple[float, float]]:
    """The corners of a word's box as drawn: its width in the font, a line's height, anchored and turned."""
    width = textwidth.width(mark.words, mark.size, bold=mark.bold)
    start = {"start": 0.0, "middle": -width / 2, "end": -width}[mark.anchor]
    half = mark.size * 0.7  # ascenders and descenders about a centred line
    corners = [(start, -half), (start + width, -half), (start + width, half), (start, half)]
    turn = math.radians(mark.rotate)
    return [
        (mark.x + dx * math.cos(turn) - dy * math.sin(turn), mark.y + dx * math.sin(turn) + dy * math.cos(turn))
        for dx, dy in corners
    ]


@pytest.mark.parametrize("kind", KINDS)
def test_every_word_of_a_chart_with_long_labels_lies_inside_its_viewbox(kind: str) -> None:
    canvas, height = svgchart.layout(spec(kind))
    words = [mark for mark in canvas.marks if isinstance(mark, Text)]
    assert words
    for mark in words:
        for x, y in box(mark):
            assert -0.5 <= x <= svgchart.WIDTH + 0.5, (mark.words, round(x))
            assert -0.5 <= y <= height + 0.5, (mark.words, round(y))


def test_a_word_too_long_for_a_line_is_broken_not_clipped() -> None:
    word = "Interpreters-and-translators-for-every-appointment-made-by-phone"
    lines = svgchart.wrap(word, svgchart.LABEL_MAX)
    assert "".join(lines) == word
    assert all(svgchart.text_width(line) <= svgchart.LABEL_MAX for line in lines)


@pytest.mark.parametrize("bold", [False, True])
def test_the_widths_are_never_narrower_than_the_shipped_font_draws_them(bold: bool) -> None:
    from PIL import ImageFont

    from heard.lib.documents import fonts

    font = ImageFont.truetype(str(fonts._ttf("noto-sans-700.woff2" if bold else "noto-sans-400.woff2")), 1000)
    for words in [*LONG_LABELS[:5], "Ŵŵ Ẅẅ ẞ Ωμέγα Щука", "1,234 (some not shown): 99%"]:
        drawn = font.getlength(words)
        estimated = textwidth.width(words, 1000, bold=bold)
        assert drawn <= estimated <= drawn * 1.1 + 10, (words, drawn, estimated)


def test_the_width_table_matches_the_shipped_fonts() -> None:
    assert textwidth._table() == {
        weight: {int(code): width for code, width in table.items()}
        for weight, table in textwidth.measure_fonts().items()
    }, "A shipped font changed: run `uv run python tools/build_font_widths.py`"
