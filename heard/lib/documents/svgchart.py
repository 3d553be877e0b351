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

Words are laid out by their widths in the shipped fonts (`textwidth`); a label too long for its place wraps, and a
word too long for a line is broken, so no word is ever cut off at the chart's edge.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable

from heard.lib.documents import textwidth
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


def text_width(text: str, size: float = FONT, *, bold: bool = False) -> float:
    """How wide `text` is drawn in the shipped Noto fonts (each character's own width: `textwidth`)."""
    return textwidth.width(text, size, bold=bold)


def wrap(text: str, width: float, size: float = FONT, *, bold: bool = False) -> list[str]:
    """Words broken into lines no wider than `width`; a word too long for a line of its own is broken across
    lines (after a hyphen or slash where it has one), so no word runs past the edge of the chart."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        for n, piece in enumerate(_pieces(word, width, size, bold)):
            candidate = line + ("" if n or not line else " ") + piece
            if line and text_width(candidate, size, bold=bold) > width:
                lines.append(line)
                line = piece
            else:
                line = candidate
    return [*lines, line] if line else lines or [""]


def _pieces(word: str, width: float, size: float, bold: bool) -> list[str]:
    """A word as pieces each no wider than `width`: the whole word when it fits, else broken after its hyphens
    and slashes, and a piece still too wide broken between letters."""
    if text_width(word, size, bold=bold) <= width:
        return [word]
    pieces: list[str] = []
    for part in re.split(r"(?<=[-/])", word):
        while part and text_width(part, size, bold=bold) > width:
            cut = len(part) - 1
            while cut > 1 and text_width(part[:cut], size, bold=bold) > width:
                cut -= 1
            pieces.append(part[:cut])
            part = part[cut:]
        if part:
            pieces.append(part)
    return pieces


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
    """The series' names with their colour and shape (and dash, for lines), wrapped across rows (a name too long
    for a row wrapped over lines of its own); returns the y below it."""
    x = 0.0
    line_height = FONT + 4
    row_lines = 1
    for n, series in enumerate(spec.series):
        words = wrap(series.name, WIDTH - 62)
        width = 44 + max(text_width(line) for line in words) + 18
        if x and x + width > WIDTH:
            x, y = 0.0, y + row_lines * line_height + 6
            row_lines = 1
        colour = PALETTE[n % len(PALETTE)]
        if lines:
            canvas.line(x, y, x + 34, y, colour, 2.5, DASHES[n % len(DASHES)])
            canvas.shape(SHAPES[n % len(SHAPES)], x + 17, y, 5, colour)
        else:
            canvas.rect(x, y - 8, 34, 16, colour)
            canvas.shape(SHAPES[n % len(SHAPES)], x + 17, y, 5, "#ffffff")
        for k, line in enumerate(words):
            canvas.text(x + 42, y + k * line_height, line)
        row_lines = max(row_lines, len(words))
        x += width
    return y + row_lines * line_height + 6


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
    return _x_label(canvas, spec, (left + right) / 2, bottom + 24)


def _x_label(canvas: Canvas, spec: ChartSpec, centre: float, y: float) -> float:
    """The scale's name, centred under it (moved in, and wrapped, where it would run past an edge)."""
    for line in wrap(spec.x_label, WIDTH - 4) if spec.x_label else []:
        half = text_width(line) / 2
        canvas.text(min(max(centre, half + 2), WIDTH - half - 2), y + 8, line, anchor="middle")
        y += FONT + 9
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
    for line in wrap(spec.y_label, WIDTH - 4, bold=True) if spec.y_label else []:
        canvas.text(0, y + 8, line, weight="700")
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
    ends = _stack_ends(spec, at) if stacked else []
    tallest = float(max((len(lines) for lines in labels), default=1) * (FONT + 2))
    tallest = max([tallest, *((len(lines) * (SMALL + 2)) for lines in ends)])
    row = max(per_row * bar + 16, tallest + 10, 30)
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
            _stacked_row(canvas, spec, i, centre, at, ends[i])
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
        if marked:  # the series' shape says whose figure it is, as beside a figure
            canvas.shape(SHAPES[n % len(SHAPES)], left + 11, middle, 5, PALETTE[n % len(PALETTE)])
        canvas.text(left + (22 if marked else 6), middle, NOT_SHOWN, size=SMALL, fill=MUTED, italic=True)
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


def _stack_ends(spec: ChartSpec, at: Callable[[float], float]) -> list[list[str]]:
    """Each stacked bar's words at its end (see `_stack_words`), wrapped to the room left after the bar."""
    ends = []
    for i in range(len(spec.categories)):
        values = [series.values[i] for series in spec.series]
        if all(value is None for value in values):
            ends.append([NOT_SHOWN])
            continue
        total = sum(value or 0 for value in values)
        words = _stack_words(spec, i, total, None in values, at)
        ends.append(wrap(words, WIDTH - at(total) - 8, SMALL))
    return ends


def _stacked_row(
    canvas: Canvas, spec: ChartSpec, i: int, centre: float, at: Callable[[float], float], end: list[str]
) -> None:
    x = at(0)
    total = 0.0
    for n, series in enumerate(spec.series):
        value = series.values[i]
        if value is None:
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
    first = centre - (len(end) - 1) * (SMALL + 2) / 2
    for k, line in enumerate(end):
        canvas.text(x + 6, first + k * (SMALL + 2), line, size=SMALL)


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
    turned = wrap(spec.y_label, 256) if spec.y_label else []
    left = 16 + max(text_width(tick_label(m, spec.unit), SMALL) for m in marks) + 26 * len(turned)
    names = {s.name: wrap(s.name, 146, SMALL) for s in spec.series} if many else {}
    longest = max((text_width(line, SMALL) for lines in names.values() for line in lines), default=0)
    right = WIDTH - min(160, 20 + longest) if many else WIDTH - 20
    top, bottom = y + 12, y + 12 + 260
    span = marks[-1] or 1
    for k, line in enumerate(turned):
        canvas.text(11 + 26 * k, (top + bottom) / 2, line, anchor="middle", rotate=-90)
    count = len(spec.categories)
    slanted = max((text_width(c, SMALL) for c in spec.categories), default=0) > (right - left) / max(count, 1) - 8
    labels = [wrap(c, SLANT_MAX, SMALL) if slanted else [c] for c in spec.categories]
    if slanted:
        left = _room_for_slanted(labels, left, right)
    for mark in marks:
        level = bottom - (bottom - top) * mark / span
        canvas.line(left, level, right, level, GRID, 0.8)
        canvas.text(left - 8, level, tick_label(mark, spec.unit), size=SMALL, anchor="end")
    canvas.line(left, bottom, right, bottom, TEXT, 1)
    step = (right - left) / max(count, 1)
    xs = [left + step * (k + 0.5) for k in range(count)]
    line_height = SMALL + 2
    for x, lines in zip(xs, labels, strict=False):
        for k, line in enumerate(lines):
            if slanted:  # each line below the last, along the slant
                canvas.text(
                    x + k * line_height * SIN,
                    bottom + 10 + k * line_height * COS,
                    line,
                    size=SMALL,
                    anchor="end",
                    rotate=-SLANT,
                )
            else:
                canvas.text(x, bottom + 14, line, size=SMALL, anchor="middle")
    depth = 30.0
    if slanted:
        depth = (
            max(
                text_width(line, SMALL) * SIN + k * line_height * COS
                for lines in labels
                for k, line in enumerate(lines)
            )
            + 24
        )
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
            lines = names[series.name]
            first = coords[-1][1] - (len(lines) - 1) * (SMALL + 1) / 2
            for k, line in enumerate(lines):
                canvas.text(coords[-1][0] + 10, first + k * (SMALL + 1), line, size=SMALL, fill=colour)
    for x, category in zip(xs, spec.categories, strict=False):
        missing = [s.name for s in spec.series if s.values[spec.categories.index(category)] is None]
        if missing and len(spec.series) == 1:
            canvas.text(x, bottom - 10, NOT_SHOWN, size=SMALL - 2, anchor="middle", fill=MUTED, italic=True)
    y = _x_label(canvas, spec, (left + right) / 2, bottom + depth)
    return canvas, _note(canvas, spec, y)


SLANT = 40  # degrees: a line chart's category labels turned up when they do not fit side by side
SIN, COS = math.sin(math.radians(SLANT)), math.cos(math.radians(SLANT))
SLANT_MAX = 160  # widest line of a turned label before it wraps


def _room_for_slanted(labels: list[list[str]], left: float, right: float) -> float:
    """The plot's left edge moved right until the first categories' turned labels end inside the chart."""
    height = 0.7 * SMALL  # half a line's height, which also reaches left once turned
    reach = [
        max(text_width(line, SMALL) * COS - k * (SMALL + 2) * SIN for k, line in enumerate(lines)) + height * SIN
        for lines in labels
    ]
    for _ in range(4):  # moving the edge narrows the steps; a few rounds settle it
        step = (right - left) / max(len(labels), 1)
        left = max(left, *(r + 2 - step * (k + 0.5) for k, r in enumerate(reach)))
    return left


def layout(spec: ChartSpec) -> tuple[Canvas, int]:
    """The chart's marks and its height (its width is always `WIDTH`)."""
    canvas, height = vertical(spec) if spec.kind == "line" else horizontal(spec)
    return canvas, math.ceil(height + 6)


def draw(spec: ChartSpec, title_id: str, font_family: str) -> str:
    """The chart as one <svg> element (no XML declaration), its words in `font_family`."""
    canvas, height = layout(spec)
    return svg(spec, canvas, height, title_id, font_family)


def svg(spec: ChartSpec, canvas: Canvas, height: int, title_id: str, font_family: str) -> str:
    """Laid-out marks as one <svg> element, titled and described by `spec`."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{title_id}-t {title_id}-d" class="chart" preserveAspectRatio="xMinYMin meet" '
        f'direction="ltr" font-family="{_e(font_family)}">'
        f'<title id="{title_id}-t">{_e(spec.title)}</title><desc id="{title_id}-d">{_e(spec.alt)}</desc>'
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>' + canvas.to_svg() + "</svg>"
    )
