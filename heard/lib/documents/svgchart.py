"""A `ChartSpec` drawn straight as SVG by Heard's own code: a few milliseconds a chart, no matplotlib.

The same drawing goes on pages (inline <svg>) and into PDFs (WeasyPrint draws SVG itself), so a chart reads the
same everywhere. Every chart:
- has role="img", a <title> (spec.title) and a <desc> (spec.alt), and its words as real text;
- writes every figure beside its bar, point or segment, and names every category, so nothing is told by length or
  colour alone, and a protected figure (None) is left out and said to be "not shown", with `spec.note` below;
- tells series apart by colour (Okabe and Ito's colour-blind-safe palette, the darker members first), by a shape
  (the same shape in the legend and beside each figure) and, for lines, by a dash pattern;
- has a viewBox and no width or height, so CSS sizes it (width: 100%; height: auto);
- uses presentation attributes only (no style attribute, no <style>: the pages' Content-Security-Policy), no
  <pattern> (WeasyPrint draws patterns slowly), and no date: the same spec gives the same bytes.

Text widths are estimated (no font is measured), generously, for Noto Sans.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

from heard.lib.documents.chartmarks import FONT, TEXT, Canvas, _e
from heard.lib.documents.model import ChartSpec

# Okabe-Ito, the darker members first (contrast against white of at least 3:1 for the first four).
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#8C6D00", "#56B4E9", "#000000"]
SHAPES = ["circle", "square", "triangle", "diamond", "triangle-down", "plus", "cross"]
DASHES = ["", "8 4", "2 3", "8 3 2 3", "5 2 1 2", "1 2", "4 2 1 2 1 2"]
MUTED = "#505a5f"
GRID = "#b1b4b6"
NOT_SHOWN = "not shown"
WIDTH = 750  # the viewBox's width (7.5 inches at 100 per inch, as the charts have always been)
SMALL = 13.5  # figures, ticks, notes
LABEL_MAX = 250  # widest category label before it wraps


def text_width(text: str, size: float = FONT) -> float:
    """About how wide `text` is in Noto Sans (a little wider than it is, so nothing overlaps)."""
    wide = sum(1 for char in text if ord(char) > 0x2E80)  # Chinese characters are a full em
    narrow = sum(1 for char in text if char in "il.,:;'|!() ")
    return size * (0.58 * (len(text) - wide - narrow) + 1.0 * wide + 0.3 * narrow)


def wrap(text: str, width: float, size: float = FONT) -> list[str]:
    """Words broken into lines no wider than `width` (a single long word stays whole)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and text_width(candidate, size) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line] if line else lines or [""]


def format_value(value: float, unit: str) -> str:
    """A figure as a reader sees it on the chart: 1,234 / 12% / 0.85."""
    if unit == "percent":
        return f"{value:.0f}%" if abs(value - round(value)) < 0.05 else f"{value:.1f}%"
    if unit == "count":
        return f"{value:,.0f}"
    return f"{value:.2f}"


def ticks(top: float, unit: str, count: int = 5) -> list[float]:
    """Round scale marks from 0 to at least `top` (whole numbers only for counts: no half a resident)."""
    top = top or 1
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if unit == "count":
        step = max(1.0, math.ceil(step))
    marks = [0.0]
    while marks[-1] < top - 1e-9:
        marks.append(round(marks[-1] + step, 10))
    return marks


def tick_label(value: float, unit: str) -> str:
    if unit == "percent":
        return f"{value:g}%"
    if unit == "count":
        return f"{value:,.0f}"
    return f"{value:g}"


def _values(spec: ChartSpec) -> Iterable[float]:
    return (v for s in spec.series for v in s.values if v is not None)


def _legend(canvas: Canvas, spec: ChartSpec, y: float, *, lines: bool = False) -> float:
    """The series' names with their colour and shape (and dash, for lines), wrapped across rows; returns the y
    below it."""
    x = 0.0
    row_height = FONT + 10
    for n, series in enumerate(spec.series):
        width = 44 + text_width(series.name, FONT) + 18
        if x and x + width > WIDTH:
            x, y = 0.0, y + row_height
        colour = PALETTE[n % len(PALETTE)]
        if lines:
            canvas.line(x, y, x + 34, y, colour, 2.5, DASHES[n % len(DASHES)])
            canvas.shape(SHAPES[n % len(SHAPES)], x + 17, y, 5, colour)
        else:
            canvas.rect(x, y - 8, 34, 16, colour)
            canvas.shape(SHAPES[n % len(SHAPES)], x + 17, y, 5, "#ffffff")
        canvas.text(x + 42, y, series.name)
        x += width
    return y + row_height


def _note(canvas: Canvas, spec: ChartSpec, y: float) -> float:
    y += 8 if spec.note else 0  # clear of the scale's figures
    for line in wrap(spec.note, WIDTH - 10, SMALL) if spec.note else []:
        canvas.text(0, y + SMALL / 2, line, size=SMALL, fill=MUTED, italic=True)
        y += SMALL + 5
    return y


def _scale_axis(
    canvas: Canvas, spec: ChartSpec, marks: list[float], left: float, right: float, top: float, bottom: float
) -> float:
    """Vertical grid lines and their figures along the bottom of a horizontal-bar chart; returns the y below."""
    span = marks[-1] or 1
    for mark in marks:
        x = left + (right - left) * mark / span
        canvas.line(x, top, x, bottom, GRID, 0.8)
        canvas.text(x, bottom + 12, tick_label(mark, spec.unit), size=SMALL, anchor="middle")
    canvas.line(left, top, left, bottom, TEXT, 1)
    y = bottom + 24
    if spec.x_label:
        canvas.text(left + (right - left) / 2, y + 8, spec.x_label, anchor="middle")
        y += 24
    return y


def _category_labels(spec: ChartSpec) -> tuple[list[list[str]], float]:
    labels = [wrap(category, LABEL_MAX) for category in spec.categories]
    widest = max((text_width(line) for lines in labels for line in lines), default=0)
    return labels, min(widest, LABEL_MAX) + 12


def _label(canvas: Canvas, lines: list[str], x: float, y: float) -> None:
    first = y - (len(lines) - 1) * (FONT + 2) / 2
    for i, line in enumerate(lines):
        canvas.text(x, first + i * (FONT + 2), line, anchor="end")


def horizontal(spec: ChartSpec) -> tuple[Canvas, float]:
    """Bars, grouped bars, stacked bars and intervals: a category a row, the first at the top (as in the table)."""
    canvas = Canvas()
    y = 4.0
    if spec.kind in ("grouped_bar", "stacked_bar") and spec.series:
        y = _legend(canvas, spec, y + 8)
    if spec.y_label:
        canvas.text(0, y + 8, spec.y_label, weight="700")
        y += 22
    labels, left = _category_labels(spec)
    stacked = spec.kind == "stacked_bar"
    values = list(_values(spec))
    if stacked:
        totals = [sum(s.values[i] or 0 for s in spec.series) for i in range(len(spec.categories))]
        values = totals
    if spec.kind == "interval" and spec.reference is not None:
        values.append(spec.reference)
    marks = ticks(max(values, default=0), spec.unit)
    reserve = {"stacked_bar": 190, "interval": 200, "grouped_bar": 80}.get(spec.kind, 64)
    right = WIDTH - reserve
    span = marks[-1] or 1

    def at(value: float) -> float:
        return left + (right - left) * value / span

    per_row = len(spec.series) if spec.kind == "grouped_bar" else 1
    bar = 21.0 if per_row > 1 else 26.0
    row = max(per_row * bar + 16, max((len(lines) for lines in labels), default=1) * (FONT + 2) + 10, 30)
    top = y + (26 if spec.kind == "interval" and spec.reference is not None else 6)
    bottom = top + row * len(spec.categories)
    marks_y = _scale_axis(canvas, spec, marks, left, right, top, bottom)
    for i, category in enumerate(spec.categories):
        row_top = top + row * i
        centre = row_top + row / 2
        _label(canvas, labels[i], left - 10, centre)
        if spec.kind == "interval":
            _interval_row(canvas, spec, i, centre, at)
        elif stacked:
            _stacked_row(canvas, spec, i, centre, at)
        else:
            for n, series in enumerate(spec.series if spec.kind == "grouped_bar" else spec.series[:1]):
                middle = row_top + (row - per_row * bar) / 2 + bar * (n + 0.5)
                _bar(canvas, spec, n, series.name, category, series.values[i], middle, bar - 3, at, per_row > 1)
    if spec.kind == "interval" and spec.reference is not None:
        x = at(spec.reference)
        canvas.line(x, top - 20, x, bottom, TEXT, 1.2, "5 4")
        canvas.text(x + 5, top - 12, format_value(spec.reference, spec.unit), size=SMALL)
    return canvas, _note(canvas, spec, marks_y)


def _bar(
    canvas: Canvas,
    spec: ChartSpec,
    n: int,
    name: str,
    category: str,
    value: float | None,
    middle: float,
    height: float,
    at: Callable[[float], float],
    marked: bool,
) -> None:
    left = at(0)
    if value is None:
        canvas.text(
            left + 6, middle, f"{name}: {NOT_SHOWN}" if marked else NOT_SHOWN, size=SMALL, fill=MUTED, italic=True
        )
        return
    colour = PALETTE[n % len(PALETTE)]
    figure = format_value(value, spec.unit)
    end = at(value)
    canvas.rect(left, middle - height / 2, end - left, height, colour, f"{category}, {name}: {figure}")
    x = end + 6
    if marked:
        canvas.shape(SHAPES[n % len(SHAPES)], x + 5, middle, 5, colour)
        x += 14
    canvas.text(x, middle, figure, size=SMALL)


def _stacked_row(canvas: Canvas, spec: ChartSpec, i: int, centre: float, at: Callable[[float], float]) -> None:
    x = at(0)
    total = 0.0
    gap = False
    for n, series in enumerate(spec.series):
        value = series.values[i]
        if value is None:
            gap = True
            continue
        colour = PALETTE[n % len(PALETTE)]
        figure = format_value(value, spec.unit)
        width = at(total + value) - at(total)
        canvas.rect(
            x, centre - 11, width, 22, colour, f"{spec.categories[i]}, {series.name}: {figure}", outline="#ffffff"
        )
        label = text_width(figure, SMALL) + 18
        if value and _fits(width, figure):
            # The figure and the series' shape inside its segment, on a dark tab so it reads on every colour.
            start = x + (width - label) / 2
            canvas.rect(start, centre - 9, label, 18, TEXT, radius=3, opacity=0.6)
            canvas.shape(SHAPES[n % len(SHAPES)], start + 8, centre, 4, "#ffffff")
            canvas.text(start + 15, centre, figure, size=SMALL, fill="#ffffff")
        x += width
        total += value
    if all(series.values[i] is None for series in spec.series):
        canvas.text(at(0) + 6, centre, NOT_SHOWN, size=SMALL, fill=MUTED, italic=True)
        return
    canvas.text(x + 6, centre, _stack_words(spec, i, total, gap, at), size=SMALL)


def _fits(width: float, figure: str) -> bool:
    """Whether a stacked segment is wide enough to hold its figure and its series' shape."""
    return width >= text_width(figure, SMALL) + 22


def _stack_words(spec: ChartSpec, i: int, total: float, gap: bool, at: Callable[[float], float]) -> str:
    """The total at the end of a stacked bar, then the figures too narrow to write inside their segments."""
    words = format_value(total, spec.unit) + (f" (some {NOT_SHOWN})" if gap else "")
    outside = []
    for series in spec.series:
        value = series.values[i]
        if value and not _fits(at(value) - at(0), format_value(value, spec.unit)):
            outside.append(f"{series.name} {format_value(value, spec.unit)}")
    return words + (f": {', '.join(outside)}" if outside else "")


def _interval_row(canvas: Canvas, spec: ChartSpec, i: int, centre: float, at: Callable[[float], float]) -> None:
    estimate = spec.series[0].values[i]
    low = spec.series[1].values[i] if len(spec.series) > 1 else None
    high = spec.series[2].values[i] if len(spec.series) > 2 else None
    if estimate is None:
        canvas.text(at(0) + 6, centre, NOT_SHOWN, size=SMALL, fill=MUTED, italic=True)
        return
    if low is not None and high is not None:
        canvas.line(at(low), centre, at(high), centre, PALETTE[0], 2.5)
        for end in (low, high):
            canvas.line(at(end), centre - 7, at(end), centre + 7, PALETTE[0], 2.5)
    figure = format_value(estimate, spec.unit)
    canvas.shape("diamond", at(estimate), centre, 6.5, PALETTE[1], TEXT)
    words = figure
    if low is not None and high is not None:
        words += f" ({format_value(low, spec.unit)} to {format_value(high, spec.unit)})"
    canvas.text(at(high if high is not None else estimate) + 10, centre, words, size=SMALL)


def vertical(spec: ChartSpec) -> tuple[Canvas, float]:
    """A line chart: categories are points in time along the bottom, a line (and shape, and dash) a series."""
    canvas = Canvas()
    y = 4.0
    many = len(spec.series) > 1
    if many:
        y = _legend(canvas, spec, y + 8, lines=True)
    marks = ticks(max(_values(spec), default=0), spec.unit)
    left = 16 + max(text_width(tick_label(m, spec.unit), SMALL) for m in marks) + (26 if spec.y_label else 0)
    longest = max((len(s.name) for s in spec.series), default=0) if many else 0
    right = WIDTH - min(160, 20 + longest * 8)
    top, bottom = y + 12, y + 12 + 260
    span = marks[-1] or 1
    if spec.y_label:
        canvas.text(10, (top + bottom) / 2, spec.y_label, anchor="middle", rotate=-90)
    for mark in marks:
        level = bottom - (bottom - top) * mark / span
        canvas.line(left, level, right, level, GRID, 0.8)
        canvas.text(left - 8, level, tick_label(mark, spec.unit), size=SMALL, anchor="end")
    canvas.line(left, bottom, right, bottom, TEXT, 1)
    count = len(spec.categories)
    step = (right - left) / max(count, 1)
    xs = [left + step * (k + 0.5) for k in range(count)]
    slanted = max((text_width(c, SMALL) for c in spec.categories), default=0) > step - 8
    for x, category in zip(xs, spec.categories, strict=False):
        if slanted:
            canvas.text(x, bottom + 10, category, size=SMALL, anchor="end", rotate=-40)
        else:
            canvas.text(x, bottom + 14, category, size=SMALL, anchor="middle")
    depth = max((text_width(c, SMALL) for c in spec.categories), default=0) * 0.65 + 16 if slanted else 30
    for n, series in enumerate(spec.series):
        colour = PALETTE[n % len(PALETTE)]
        points = [(x, v) for x, v in zip(xs, series.values, strict=False) if v is not None]
        coords = [(x, bottom - (bottom - top) * v / span) for x, v in points]
        if len(coords) > 1:
            canvas.polyline(coords, colour, 2.5, DASHES[n % len(DASHES)])
        for (px, py), (_, value), category in zip(
            coords,
            points,
            [c for c, v in zip(spec.categories, series.values, strict=False) if v is not None],
            strict=False,
        ):
            figure = format_value(value, spec.unit)
            canvas.shape(SHAPES[n % len(SHAPES)], px, py, 5, colour, title=f"{category}, {series.name}: {figure}")
            # The first two series' figures are written above and below their points; more would overlap, so
            # they are in each point's tooltip (and the table beside the chart).
            if n < 2:
                canvas.text(px, py + (-13 if n == 0 else 14), figure, size=SMALL - 1.5, anchor="middle")
        if many and coords:
            canvas.text(coords[-1][0] + 10, coords[-1][1], series.name, size=SMALL, fill=colour)
    for x, category in zip(xs, spec.categories, strict=False):
        missing = [s.name for s in spec.series if s.values[spec.categories.index(category)] is None]
        if missing and len(spec.series) == 1:
            canvas.text(x, bottom - 10, NOT_SHOWN, size=SMALL - 2, anchor="middle", fill=MUTED, italic=True)
    y = bottom + depth
    if spec.x_label:
        canvas.text(left + (right - left) / 2, y + 8, spec.x_label, anchor="middle")
        y += 26
    return canvas, _note(canvas, spec, y)


def layout(spec: ChartSpec) -> tuple[Canvas, int]:
    """The chart's marks and its height (its width is always `WIDTH`)."""
    canvas, height = vertical(spec) if spec.kind == "line" else horizontal(spec)
    return canvas, math.ceil(height + 6)


def draw(spec: ChartSpec, title_id: str, font_family: str) -> str:
    """The chart as one <svg> element (no XML declaration), its words in `font_family`."""
    canvas, height = layout(spec)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{title_id}-t {title_id}-d" class="chart" preserveAspectRatio="xMinYMin meet" '
        f'direction="ltr" font-family="{_e(font_family)}">'
        f'<title id="{title_id}-t">{_e(spec.title)}</title><desc id="{title_id}-d">{_e(spec.alt)}</desc>'
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>' + canvas.to_svg() + "</svg>"
    )
