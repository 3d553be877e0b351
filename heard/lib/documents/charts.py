"""Charts from one `ChartSpec`: SVG for pages and PDFs, PNG for Word, both drawn by Heard's own code.

`svgchart` lays the chart out once as marks (words, bars, lines, shapes); the SVG writes them out (a few
milliseconds a chart; WeasyPrint draws the same SVG in PDFs) and `rasterchart` draws them with Pillow for Word,
which needs a picture: the same order, words, colours, shapes and figures everywhere. Every chart:
- uses a colour-blind-safe palette (Okabe and Ito) in its darker colours, and also a shape per series (and a dash
  per line) and the figures written beside the bars and points, so it still reads in greyscale or when printed;
- leaves out a missing or protected figure (None) and says so beside the bar, with `spec.note` explaining why;
- is deterministic (no dates), so the same spec gives the same bytes;
- carries its text alternative: the SVG has role="img", a <title> (spec.title) and a <desc> (spec.alt); Word's
  picture has spec.alt as its description.
Drawings are kept by their spec's hash (`chart_cache`), so a report's page and files draw each chart once.
"""

from __future__ import annotations

import hashlib
import re

from heard.lib.documents import fonts, rasterchart, svgchart
from heard.lib.documents.chart_cache import cached
from heard.lib.documents.model import ChartSpec
from heard.lib.documents.svgchart import NOT_SHOWN, PALETTE, format_value

__all__ = ["NOT_SHOWN", "PALETTE", "format_value", "render_png", "render_svg"]


@cached("svg")
def render_svg(spec: ChartSpec) -> str:
    """The chart as an inline <svg> element (no XML declaration), titled and described for screen readers."""
    return svgchart.draw(spec, title_id(spec), fonts.CSS_STACK)


def title_id(spec: ChartSpec) -> str:
    """The id the chart's <title> and <desc> are named by (unique to the spec)."""
    return f"chart-{_slug(spec.title)}-{hashlib.sha256(repr(spec).encode()).hexdigest()[:8]}"


@cached("png")
def render_png(spec: ChartSpec, dpi: int = 200) -> bytes:
    """The same chart as a PNG picture (for Word), with no date in it."""
    canvas, height = svgchart.layout(spec)
    return rasterchart.render(canvas, svgchart.WIDTH, height, dpi)


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40]
    return slug or "chart"
