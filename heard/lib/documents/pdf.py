"""A `Document` as a PDF: the same HTML as `html`, printed by WeasyPrint on A4.

Page numbers ("Page 3 of 12"), the title at the top of every page after the first, headings as PDF bookmarks, a
tagged PDF (PDF/UA-1: structure, language, title and the charts' text alternatives for screen readers), a chart
kept on one page with its caption while its table may go on over the next, a chart's Arabic and Bengali words
shaped and in order (`printchart`), table rows that never split across pages, header rows that repeat, at least
three rows of a table on each page it is printed on (never a header and a row or two at a page's foot), and fonts
from Heard's own files only: the fetcher refuses every URL that is not a file: inside Heard's code or a data: URL,
so printing never touches the network.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from heard.lib.documents import fonts, html, svgchart
from heard.lib.documents.chartmarks import FONT, TEXT
from heard.lib.documents.model import Document

HEARD_DIR = Path(__file__).resolve().parents[2]
PAGE_LABEL_FORMAT = '"Page " counter(page) " of " counter(pages)'


class RefusedURL(ValueError):
    pass


def _css_string(text: str) -> str:
    """Text as a quoted CSS string (for `content:`)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'"{escaped}"'


PAGE_WIDTH_MM = 210  # A4
MARGIN_MM = 18  # left and right
CHART_MAX_REM = 45  # documents.css: .doc-chart img { max-width: 45rem }


def chart_unit_pt(base_pt: float) -> float:
    """One unit of a chart's viewBox on the printed page, in points: the chart is as wide as the text (at most
    45rem) and its viewBox `svgchart.WIDTH` units wide. Words laid over a chart (`printchart`) are sized in it."""
    text_width = (PAGE_WIDTH_MM - 2 * MARGIN_MM) / 25.4 * 72
    return min(text_width, CHART_MAX_REM * base_pt) / svgchart.WIDTH


def print_css(doc: Document) -> str:
    base_pt = 13 if doc.easy_read else 10.5
    base = f"{base_pt:g}pt"
    footer = f"@bottom-left {{ content: {_css_string(doc.footer)}; font-weight: 700; }}" if doc.footer else ""
    inline_end = "left" if doc.direction == "rtl" else "right"
    inline_start = "right" if doc.direction == "rtl" else "left"
    footer = footer.replace("bottom-left", f"bottom-{inline_start}")
    return f"""
@page {{
  size: A4;
  margin: 22mm {MARGIN_MM}mm 22mm {MARGIN_MM}mm;
  @top-{inline_start} {{ content: {_css_string(doc.title)}; font-size: 8.5pt; color: #484949; }}
  @bottom-{inline_end} {{ content: {PAGE_LABEL_FORMAT}; font-size: 8.5pt; color: #484949; }}
  {footer}
}}
@page :first {{ @top-{inline_start} {{ content: none; }} }}
@page {{
  @top-left {{ font-family: {fonts.CSS_STACK}; }}
  @top-right {{ font-family: {fonts.CSS_STACK}; }}
  @bottom-left {{ font-family: {fonts.CSS_STACK}; font-size: 8.5pt; }}
  @bottom-right {{ font-family: {fonts.CSS_STACK}; }}
}}
html {{ font-size: {base}; }}
body {{ margin: 0; }}
.doc {{ max-width: none; }}
.doc h1 {{ font-size: 2.2rem; margin-bottom: 1rem; }}
.doc h2 {{ break-before: auto; }}
.doc h1, .doc h2, .doc h3, .doc h4 {{ break-after: avoid; }}
.doc-chart, .doc-quote, .easy-point {{ break-inside: avoid; }}
.doc-chart-with-table .doc-chart {{ margin-bottom: .75rem; }}
.doc tr {{ break-inside: avoid; }}
.doc tbody tr:nth-child(-n+2) {{ break-after: avoid; }}
.doc tbody tr:nth-last-child(-n+2) {{ break-before: avoid; }}
.doc thead {{ display: table-header-group; }}
.doc caption {{ break-after: avoid; }}
.doc a {{ color: inherit; text-decoration: none; }}
.doc-chart svg {{ max-width: 100%; }}
.doc-chart-canvas {{ position: relative; max-width: {CHART_MAX_REM}rem; font-size: {chart_unit_pt(base_pt):.4f}pt; }}
.doc-chart-canvas img {{ max-width: none; }}
.doc-chart-word {{ position: absolute; white-space: nowrap; font-size: {FONT}em; line-height: 1.4;
  margin-top: -.7em; font-family: {fonts.CSS_STACK}; color: {TEXT}; }}
.doc-contents {{ break-after: page; }}
.doc-footer {{ display: none; }}
.doc.easy-read {{ font-size: 1.25rem; }}
.doc.easy-read .easy-point {{ margin-bottom: 1.5rem; }}
"""


class _Fetcher:
    """Only Heard's own files (and its fonts unpacked in the temporary directory) and data: URLs; anything else
    (http:, https:, ftp:, a file elsewhere) is refused."""

    def __init__(self) -> None:
        from weasyprint.urls import URLFetcher

        self._fetcher = URLFetcher(allowed_protocols=("file", "data"), fail_on_errors=False)

    def __call__(self, url: str, *args: Any, **kwargs: Any) -> Any:
        return self.fetch(url)

    def fetch(self, url: str, headers: Any = None) -> Any:
        scheme = url.split(":", 1)[0].lower()
        if scheme == "file":
            from urllib.parse import unquote, urlsplit

            path = Path(unquote(urlsplit(url).path)).resolve()
            if not (path.is_relative_to(HEARD_DIR) or path.is_relative_to(fonts.CACHE_DIR.resolve())):
                raise RefusedURL(f"Printing reads only Heard's own files, not {url}")
        elif scheme != "data":
            raise RefusedURL(f"Printing never fetches from the network: {url}")
        return self._fetcher.fetch(url, headers)


def render_pdf(doc: Document, *, variant: str | None = "pdf/ua-1") -> bytes:
    """The document as PDF bytes. `variant` "pdf/ua-1" (the default) tags the structure for screen readers;
    None gives an untagged PDF (smaller and faster, for drafts)."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    page = (
        "<!DOCTYPE html>\n"
        f'<html lang="{html._e(doc.language)}" dir="{doc.direction}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html._e(doc.title)}</title>\n"
        + (f'<meta name="author" content="{html._e(doc.author)}">\n' if doc.author else "")
        + f"</head>\n<body>\n{html.render_fragment(doc, details=False)}\n</body>\n</html>\n"
    )
    fetcher = _Fetcher()
    font_config = FontConfiguration()  # without it WeasyPrint ignores @font-face
    stylesheets = [
        weasyprint.CSS(string=css, url_fetcher=fetcher, font_config=font_config)
        for css in (fonts.print_css(doc.plain_text()), html.document_css(), print_css(doc))
    ]
    document = weasyprint.HTML(string=page, base_url=HEARD_DIR.as_uri() + "/", url_fetcher=fetcher)
    options: dict[str, Any] = {"stylesheets": stylesheets, "pdf_tags": True, "uncompressed_pdf": False}
    if variant:
        options["pdf_variant"] = variant
    pdf: bytes = document.write_pdf(font_config=font_config, **options)
    return pdf
