"""The marks a chart is drawn with (words, boxes, lines, small shapes), kept in drawing order on a `Canvas`, and
written out as SVG: presentation attributes only (no style attribute or <style>, for the pages'
Content-Security-Policy), a tooltip (<title>) on each figure's mark. `rasterchart` draws the same marks as a PNG.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

TEXT = "#0b0c0c"
FONT = 15  # category labels, legend, axis titles


def _e(text: str) -> str:
    return escape(text, quote=True)


def _n(value: float) -> str:
    """A coordinate, short and the same every time."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    words: str
    size: float = FONT
    anchor: str = "start"  # start, middle, end; vertically centred on y
    fill: str = TEXT
    bold: bool = False
    italic: bool = False
    rotate: float = 0  # degrees, clockwise as in SVG


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float
    fill: str
    title: str = ""  # a tooltip naming the figure
    outline: str = ""  # a white edge between stacked segments
    radius: float = 0
    opacity: float = 1


@dataclass(frozen=True)
class Line:
    points: tuple[tuple[float, float], ...]
    stroke: str
    width: float = 1
    dash: str = ""  # lengths, as SVG's stroke-dasharray


@dataclass(frozen=True)
class Shape:
    kind: str  # one of SHAPES
    x: float
    y: float
    r: float
    fill: str
    stroke: str = ""
    title: str = ""


Mark = Text | Box | Line | Shape


def shape_points(kind: str, x: float, y: float, r: float) -> list[tuple[float, float]]:
    """The corners of a marker's polygon (a circle has none)."""
    points = {
        "circle": [],
        "square": [(-0.9, -0.9), (0.9, -0.9), (0.9, 0.9), (-0.9, 0.9)],
        "triangle": [(0, -1.1), (1.05, 0.85), (-1.05, 0.85)],
        "triangle-down": [(0, 1.1), (1.05, -0.85), (-1.05, -0.85)],
        "diamond": [(0, -1.2), (1.1, 0), (0, 1.2), (-1.1, 0)],
        "plus": [
            *[(-0.35, -1), (0.35, -1), (0.35, -0.35), (1, -0.35), (1, 0.35), (0.35, 0.35), (0.35, 1)],
            *[(-0.35, 1), (-0.35, 0.35), (-1, 0.35), (-1, -0.35), (-0.35, -0.35)],
        ],
        "cross": [
            *[(-1, -0.6), (-0.6, -1), (0, -0.4), (0.6, -1), (1, -0.6), (0.4, 0), (1, 0.6), (0.6, 1)],
            *[(0, 0.4), (-0.6, 1), (-1, 0.6), (-0.4, 0)],
        ],
    }[kind]
    return [(x + dx * r, y + dy * r) for dx, dy in points]


class Canvas:
    """The chart's marks in drawing order: written out as SVG (`to_svg`) or drawn as a picture (`rasterchart`)."""

    def __init__(self) -> None:
        self.marks: list[Mark] = []

    def text(
        self,
        x: float,
        y: float,
        words: str,
        *,
        size: float = FONT,
        anchor: str = "start",
        fill: str = TEXT,
        weight: str = "",
        italic: bool = False,
        rotate: float = 0,
    ) -> None:
        self.marks.append(Text(x, y, words, size, anchor, fill, weight == "700", italic, rotate))

    def rect(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        fill: str,
        title: str = "",
        *,
        outline: str = "",
        radius: float = 0,
        opacity: float = 1,
    ) -> None:
        self.marks.append(Box(x, y, max(w, 0), h, fill, title, outline, radius, opacity))

    def line(self, x1: float, y1: float, x2: float, y2: float, stroke: str, width: float = 1, dash: str = "") -> None:
        self.marks.append(Line(((x1, y1), (x2, y2)), stroke, width, dash))

    def polyline(self, points: list[tuple[float, float]], stroke: str, width: float = 1, dash: str = "") -> None:
        self.marks.append(Line(tuple(points), stroke, width, dash))

    def shape(self, kind: str, x: float, y: float, r: float, fill: str, stroke: str = "", title: str = "") -> None:
        """A small marker centred on (x, y): the shape that names a series beside its figures and in the legend."""
        self.marks.append(Shape(kind, x, y, r, fill, stroke, title))

    def to_svg(self) -> str:
        return "".join(_svg(mark) for mark in self.marks)


def _svg(mark: Mark) -> str:
    if isinstance(mark, Text):
        attrs = f'x="{_n(mark.x)}" y="{_n(mark.y)}" font-size="{_n(mark.size)}" fill="{mark.fill}"'
        if mark.anchor != "start":
            attrs += f' text-anchor="{mark.anchor}"'
        if mark.bold:
            attrs += ' font-weight="700"'
        if mark.italic:
            attrs += ' font-style="italic"'
        if mark.rotate:
            attrs += f' transform="rotate({_n(mark.rotate)} {_n(mark.x)} {_n(mark.y)})"'
        return f'<text {attrs} dominant-baseline="central">{_e(mark.words)}</text>'
    if isinstance(mark, Box):
        attrs = f'x="{_n(mark.x)}" y="{_n(mark.y)}" width="{_n(mark.w)}" height="{_n(mark.h)}" fill="{mark.fill}"'
        if mark.outline:
            attrs += f' stroke="{mark.outline}" stroke-width="1"'
        if mark.radius:
            attrs += f' rx="{_n(mark.radius)}"'
        if mark.opacity < 1:
            attrs += f' fill-opacity="{_n(mark.opacity)}"'
        return f"<rect {attrs}><title>{_e(mark.title)}</title></rect>" if mark.title else f"<rect {attrs}/>"
    if isinstance(mark, Line):
        dash = f' stroke-dasharray="{mark.dash}"' if mark.dash else ""
        stroke = f'stroke="{mark.stroke}" stroke-width="{_n(mark.width)}"{dash}'
        if len(mark.points) == 2:
            (x1, y1), (x2, y2) = mark.points
            return f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" {stroke}/>'
        points = " ".join(f"{_n(x)},{_n(y)}" for x, y in mark.points)
        return f'<polyline points="{points}" fill="none" {stroke}/>'
    edge = f' stroke="{mark.stroke}" stroke-width="1"' if mark.stroke else ""
    tag = "circle" if mark.kind == "circle" else "polygon"
    if mark.kind == "circle":
        attrs = f'cx="{_n(mark.x)}" cy="{_n(mark.y)}" r="{_n(mark.r)}"'
    else:
        attrs = 'points="' + " ".join(f"{_n(x)},{_n(y)}" for x, y in shape_points(mark.kind, mark.x, mark.y, mark.r))
        attrs += '"'
    end = f"><title>{_e(mark.title)}</title></{tag}>" if mark.title else "/>"
    return f'<{tag} {attrs} fill="{mark.fill}"{edge}{end}'
