"""A chart as the PDF prints it: the same SVG as the page, in an <img> whose alt is the chart's text alternative,
with the words that need shaping laid over it as positioned HTML text.

WeasyPrint draws an SVG's <text> one character at a time, with no shaping and no bidirectional ordering: Arabic,
Urdu and Farsi labels print their letters backwards and unjoined, Bengali loses its joined letters and a Yoruba
accent floats beside its letter. Its HTML text is shaped by Pango and HarfBuzz like a browser's, so those words
(`textruns.needs_shaping`) leave the SVG and are printed as <span>s at the very points the SVG would put them:
the same size (`pdf.print_css` sets the canvas's font-size to one unit of the chart's viewBox), colour, weight,
anchor (start, middle or end) and turn. Every other word stays in the SVG, and a chart with no such words is
printed exactly as before. The words stay real text in the PDF, so a reader can search and copy them.
"""

from __future__ import annotations

import base64
from html import escape

from heard.lib.documents import charts, fonts, svgchart, textruns
from heard.lib.documents.chart_cache import cached
from heard.lib.documents.chartmarks import FONT, TEXT, Canvas, Text
from heard.lib.documents.model import ChartSpec

_ORIGIN = {"start": "0 50%", "middle": "50% 50%", "end": "100% 50%"}


def _n(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".")


def _img(svg: str, alt: str) -> str:
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img src="data:image/svg+xml;base64,{data}" alt="{escape(alt, quote=True)}">'


def _word(mark: Text, height: float) -> str:
    """One word (or line of words) placed where the SVG would draw it, as a percentage of the chart's box."""
    x = 100 * mark.x / svgchart.WIDTH
    styles = [f"top:{_n(100 * mark.y / height)}%"]
    if mark.anchor == "end":
        styles.append(f"right:{_n(100 - x)}%")
    elif mark.anchor == "middle":  # a box the chart's width, centred on the point
        styles += [f"left:{_n(x - 50)}%", "width:100%", "text-align:center"]
    else:
        styles.append(f"left:{_n(x)}%")
    if mark.size != FONT:
        styles.append(f"font-size:{_n(mark.size)}em")
    if mark.fill != TEXT:
        styles.append(f"color:{mark.fill}")
    if mark.bold:
        styles.append("font-weight:700")
    if mark.italic:
        styles.append("font-style:italic")
    if mark.rotate:
        styles += [f"transform:rotate({_n(mark.rotate)}deg)", f"transform-origin:{_ORIGIN[mark.anchor]}"]
    return f'<span class="doc-chart-word" dir="ltr" style="{";".join(styles)}">{escape(mark.words)}</span>'


def picture(spec: ChartSpec) -> str:
    """The chart for print: an <img> of its SVG (the page's own, kept by `chart_cache`), and its words that need
    shaping, if it has any, as HTML text over it."""
    words = [*spec.categories, *(series.name for series in spec.series), spec.x_label, spec.y_label, spec.note]
    if not textruns.needs_shaping(" ".join(words)):
        return _img(charts.render_svg(spec), spec.alt)
    return _shaped(spec)


@cached("print")
def _shaped(spec: ChartSpec) -> str:
    canvas, height = svgchart.layout(spec)
    shaped = [mark for mark in canvas.marks if isinstance(mark, Text) and textruns.needs_shaping(mark.words)]
    rest = Canvas()
    rest.marks = [mark for mark in canvas.marks if not (isinstance(mark, Text) and mark in shaped)]
    svg = svgchart.svg(spec, rest, height, charts.title_id(spec), fonts.CSS_STACK)
    words = "".join(_word(mark, height) for mark in shaped)
    return f'<div class="doc-chart-canvas">{_img(svg, spec.alt)}{words}</div>'
