"""A chart as a PNG picture, for Word (which needs a raster picture): the very marks `svgchart` lays out for the
page and the PDF, drawn with Pillow, so Word shows the same chart (order, words, colours, shapes, figures).

Words are drawn in Heard's shipped Noto fonts (through `fonts`: the script of each piece of text picks its font;
Arabic and Bengali are shaped by Pillow's libraqm layout). Words mixing scripts (an English name beside Arabic or
Bengali) are cut into runs of one font and one direction and drawn in visual order (`textruns`), so no letter
falls to a font that lacks it. Italic words are drawn upright (no italic font ships).
"""

from __future__ import annotations

import io
import itertools
import math
from functools import cache
from typing import TYPE_CHECKING

from heard.lib.documents import fonts, textruns
from heard.lib.documents.chartmarks import Box, Canvas, Line, Shape, Text, shape_points

if TYPE_CHECKING:
    from PIL import ImageDraw, ImageFont
    from PIL.Image import Image

_ANCHOR = {"start": "lm", "middle": "mm", "end": "rm"}


def _rgb(colour: str, opacity: float = 1) -> tuple[int, int, int, int]:
    return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16), round(255 * opacity))


@cache
def _font(file: str, size: int) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont

    return ImageFont.truetype(str(fonts._ttf(file)), size, layout_engine=ImageFont.Layout.RAQM)


def _face_for(words: str, bold: bool) -> str:
    """The shipped font for these words: another script's font when the words have it, else Noto Sans."""
    weight = 700 if bold else 400
    for face in fonts.print_faces(words):
        if face.unicode_range:
            same = [f for f in fonts.PRINT_FACES if f.family == face.family and f.weight == weight]
            return (same[0] if same else face).file
    return "noto-sans-700.woff2" if bold else "noto-sans-400.woff2"


def _dashes(points: tuple[tuple[float, float], ...], dash: str) -> list[list[tuple[float, float]]]:
    """A dashed line as its visible pieces."""
    pattern = [float(d) for d in dash.split()]
    pieces: list[list[tuple[float, float]]] = []
    index, left, drawing = 0, pattern[0], True
    current: list[tuple[float, float]] = [points[0]]
    for (x1, y1), (x2, y2) in itertools.pairwise(points):
        length = math.hypot(x2 - x1, y2 - y1)
        done = 0.0
        while length - done > left:
            done += left
            point = (x1 + (x2 - x1) * done / length, y1 + (y2 - y1) * done / length)
            if drawing:
                pieces.append([*current, point])
            current = [point]
            drawing = not drawing
            index = (index + 1) % len(pattern)
            left = pattern[index]
        left -= length - done
        current.append((x2, y2))
    if drawing and len(current) > 1:
        pieces.append(current)
    return pieces


def _text(picture: Image, mark: Text, scale: float) -> None:
    from PIL import Image as PILImage
    from PIL import ImageDraw

    size = max(1, round(mark.size * scale))
    runs = textruns.visual_runs(mark.words, bold=mark.bold)
    colour = _rgb(mark.fill)
    x, y = mark.x * scale, mark.y * scale
    if len(runs) < 2:  # one font, one direction: Pillow shapes and orders the words itself
        font = _font(_face_for(mark.words, mark.bold), size)
        anchor = _ANCHOR[mark.anchor]
        pieces: list[tuple[str, ImageFont.FreeTypeFont, str | None, float, float, str]] = [
            (mark.words, font, None, 0.0, 0.0, anchor)
        ]
        extent = font.getbbox(mark.words, anchor=anchor)
    else:  # several: each run from the left in drawing order, on the Latin font's baseline (centred on y)
        ascent, descent = _font(textruns.latin_font(mark.bold), size).getmetrics()
        fonts_of = [_font(run.font, size) for run in runs]
        widths = [font.getlength(run.text, direction=_way(run)) for run, font in zip(runs, fonts_of, strict=True)]
        pen = {"start": 0.0, "middle": -sum(widths) / 2, "end": -sum(widths)}[mark.anchor]
        extent = (pen, -size, pen + sum(widths), size)
        pieces = []
        for run, font, width in zip(runs, fonts_of, widths, strict=True):
            pieces.append((run.text, font, _way(run), pen, (ascent - descent) / 2, "ls"))
            pen += width

    def draw_words(draw: ImageDraw.ImageDraw, at_x: float, at_y: float) -> None:
        for words, font, direction, dx, dy, anchor in pieces:
            draw.text((at_x + dx, at_y + dy), words, font=font, fill=colour, anchor=anchor, direction=direction)

    if not mark.rotate:
        draw_words(ImageDraw.Draw(picture), x, y)
        return
    # Turned words: drawn on their own square around the anchor point, turned about it, laid on the chart.
    half = math.ceil(max(abs(edge) for edge in extent)) + 2
    tile = PILImage.new("RGBA", (2 * half, 2 * half), (255, 255, 255, 0))
    draw_words(ImageDraw.Draw(tile), half, half)
    turned = tile.rotate(-mark.rotate, resample=PILImage.Resampling.BICUBIC)
    picture.alpha_composite(turned, (round(x - half), round(y - half)))


def _way(run: textruns.Run) -> str:
    return "rtl" if run.rtl else "ltr"


def _draw(draw: ImageDraw.ImageDraw, mark: Box | Line | Shape, scale: float) -> None:
    if isinstance(mark, Box):
        box = (mark.x * scale, mark.y * scale, (mark.x + mark.w) * scale, (mark.y + mark.h) * scale)
        if box[2] <= box[0]:
            return
        outline = _rgb(mark.outline) if mark.outline else None
        fill = _rgb(mark.fill, mark.opacity)
        if mark.radius:
            draw.rounded_rectangle(box, radius=mark.radius * scale, fill=fill, outline=outline)
        else:
            draw.rectangle(box, fill=fill, outline=outline, width=max(1, round(scale)) if outline else 0)
        return
    if isinstance(mark, Line):
        width = max(1, round(mark.width * scale))
        pieces = _dashes(mark.points, mark.dash) if mark.dash else [list(mark.points)]
        for piece in pieces:
            draw.line([(x * scale, y * scale) for x, y in piece], fill=_rgb(mark.stroke), width=width, joint="curve")
        return
    outline = _rgb(mark.stroke) if mark.stroke else None
    if mark.kind == "circle":
        r = mark.r * scale
        draw.ellipse(
            (mark.x * scale - r, mark.y * scale - r, mark.x * scale + r, mark.y * scale + r),
            fill=_rgb(mark.fill),
            outline=outline,
        )
        return
    points = [(x * scale, y * scale) for x, y in shape_points(mark.kind, mark.x, mark.y, mark.r)]
    draw.polygon(points, fill=_rgb(mark.fill), outline=outline)


def render(canvas: Canvas, width: int, height: int, dpi: int) -> bytes:
    """The marks as PNG bytes at `dpi` (the layout is 100 units an inch), on white, with no date in them."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    scale = dpi / 100
    picture = PILImage.new("RGBA", (math.ceil(width * scale), math.ceil(height * scale)), (255, 255, 255, 255))
    draw = ImageDraw.Draw(picture, "RGBA")
    for mark in canvas.marks:
        if isinstance(mark, Text):
            _text(picture, mark, scale)
        else:
            _draw(draw, mark, scale)
    buffer = io.BytesIO()
    picture.convert("RGB").save(buffer, format="PNG", dpi=(dpi, dpi), optimize=False)
    return buffer.getvalue()
