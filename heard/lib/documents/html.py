"""A `Document` as accessible HTML: one h1, an h2 per section, h3 for subsections, figures with captions, tables
with captions and header cells, quotes in the resident's language.

`render_html` gives one self-contained file (inline CSS, fonts as data: URLs, inline SVG charts and icons: no
external URL at all) that a reader can download, open offline and print. `render_fragment` gives the <article>
alone for a Django page, which links heard/documents.css itself.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from html import escape
from pathlib import Path

from heard.lib.documents import charts, fonts, icons, printchart
from heard.lib.documents.model import (
    Block,
    BulletList,
    Chart,
    Document,
    EasyReadPoint,
    Paragraph,
    Quote,
    Section,
    Table,
)

CSS_FILE = Path(__file__).resolve().parents[2] / "static" / "heard" / "documents.css"
RTL_LANGUAGES = {"ar", "fa", "ur", "he", "ckb", "ps", "yi", "dv", "sd", "ug"}
FIGURES_SUMMARY = "Show the figures as a table"


def direction_of(language: str) -> str:
    return "rtl" if language.split("-")[0].lower() in RTL_LANGUAGES else "ltr"


def document_css() -> str:
    return CSS_FILE.read_text(encoding="utf-8")


def _e(text: str) -> str:
    return escape(text, quote=True)


def _slug(text: str) -> str:
    return re.sub(r"[^\w]+", "-", text.lower()).strip("-")[:50] or "section"


class _Ids:
    """Unique, stable ids for headings (the section's `anchor` when given)."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def make(self, wanted: str) -> str:
        base = wanted if wanted and wanted[0].isalpha() else f"s-{wanted}"
        candidate, n = base, 2
        while candidate in self.used:
            candidate, n = f"{base}-{n}", n + 1
        self.used.add(candidate)
        return candidate


def section_ids(doc: Document) -> list[tuple[Section, str, int]]:
    """Every section with its id and heading level (2 for sections, 3 for subsections...), in reading order."""
    ids = _Ids()
    out: list[tuple[Section, str, int]] = []

    def walk(sections: list[Section], level: int) -> None:
        for section in sections:
            out.append((section, ids.make(section.anchor or _slug(section.heading)), level))
            walk(section.subsections, level + 1)

    walk(doc.sections, 2)
    return out


def table_html(table: Table, *, caption_shown: bool = True) -> str:
    """The table with its caption; `caption_shown` False (a chart's table whose caption the chart's already says)
    names it for screen readers (aria-label) without printing the same words twice."""
    name = f' aria-label="{_e(table.caption)}"' if table.caption and not caption_shown else ""
    parts = [f'<div class="doc-table"><table{name}>']
    if table.caption and caption_shown:
        parts.append(f"<caption>{_e(table.caption)}</caption>")
    if table.header:
        cells = "".join(f'<th scope="col"{_num(i, table)}>{_e(cell)}</th>' for i, cell in enumerate(table.header))
        parts.append(f"<thead><tr>{cells}</tr></thead>")
    parts.append("<tbody>")
    for row in table.rows:
        cells = "".join(
            f'<th scope="row">{_e(cell)}</th>' if i == 0 and len(row) > 1 else f"<td{_num(i, table)}>{_e(cell)}</td>"
            for i, cell in enumerate(row)
        )
        parts.append(f"<tr>{cells}</tr>")
    parts.append("</tbody></table>")
    if table.note:
        parts.append(f'<p class="doc-note">{_e(table.note)}</p>')
    parts.append("</div>")
    return "".join(parts)


def _num(index: int, table: Table) -> str:
    return ' class="num"' if index in table.numeric_columns else ""


def chart_table(chart: Chart) -> Table:
    """The chart's own table, or one made from its figures (a category per row, a series per column)."""
    if chart.table is not None:
        return chart.table
    spec = chart.spec
    names = ["Estimate", "Low", "High"] if spec.kind == "interval" else [s.name for s in spec.series]
    header = [spec.y_label or "", *names]
    rows = [
        [
            category,
            *(
                charts.NOT_SHOWN if s.values[i] is None else charts.format_value(s.values[i] or 0, spec.unit)
                for s in spec.series
            ),
        ]
        for i, category in enumerate(spec.categories)
    ]
    return Table(
        caption=f"{spec.title}: the figures",
        header=header,
        rows=rows,
        numeric_columns=frozenset(range(1, len(spec.series) + 1)),
        note=spec.note,
    )


def chart_html(chart: Chart, *, details: bool = True, image: bool = False) -> str:
    """<figure> with the inline SVG, its caption, and the same figures as a table (folded away on pages). The
    chart's caption is printed once: a table captioned the same is named for screen readers instead.

    Without `details` (for print) the table follows the figure rather than sitting in it, so the chart stays on
    one page with its caption while a long table may go on over the next, its header row repeated. `image` (for
    print) puts the same SVG in an <img> with the text alternative as its alt instead: WeasyPrint draws the SVG
    itself (as sharp as on screen, no picture to decode) and tags an image's alt in the PDF for screen readers,
    which it does not do for an inline SVG's description. Words WeasyPrint cannot shape in an SVG (Arabic, Bengali)
    are laid over the picture as HTML text (`printchart`)."""
    spec = chart.spec
    caption = _e(spec.title)
    figures = chart_table(chart)
    table = table_html(figures, caption_shown=not chart.caption_repeats(figures))
    picture = printchart.picture(spec) if image else charts.render_svg(spec)
    if not details:
        return (
            f'<div class="doc-chart-with-table"><figure class="doc-chart">{picture}<figcaption>{caption}'
            f"</figcaption></figure>{table}</div>"
        )
    table = f"<details><summary>{FIGURES_SUMMARY}</summary>{table}</details>"
    return f'<figure class="doc-chart">{picture}<figcaption>{caption}</figcaption>{table}</figure>'


def _block(block: Block, doc: Document, *, details: bool) -> str:
    if isinstance(block, Paragraph):
        style = "" if block.style == "body" else f' class="{block.style}"'
        return f"<p{style}>{_e(block.text)}</p>"
    if isinstance(block, BulletList):
        tag = "ol" if block.numbered else "ul"
        return f"<{tag}>" + "".join(f"<li>{_e(item)}</li>" for item in block.items) + f"</{tag}>"
    if isinstance(block, Quote):
        lang = block.language or doc.language
        attrs = f' lang="{_e(lang)}" dir="{direction_of(lang)}"'
        caption = f"<figcaption>{_e(block.attribution)}</figcaption>" if block.attribution else ""
        return f'<figure class="doc-quote"><blockquote{attrs}><p>{_e(block.text)}</p></blockquote>{caption}</figure>'
    if isinstance(block, Table):
        return table_html(block)
    if isinstance(block, Chart):
        return chart_html(block, details=details, image=not details)
    if isinstance(block, EasyReadPoint):
        if block.icon:
            picture = f'<span class="easy-icon" aria-hidden="true">{icons.svg(block.icon)}</span>'
            return f'<div class="easy-point">{picture}<p>{_e(block.text)}</p></div>'
        return f'<div class="easy-point easy-point--no-icon"><p>{_e(block.text)}</p></div>'
    raise TypeError(f"Not a document block: {block!r}")


def _sections(doc: Document, *, details: bool) -> Iterator[str]:
    ids = iter(section_ids(doc))

    def walk(sections: list[Section]) -> Iterator[str]:
        for section in sections:
            _, anchor, level = next(ids)
            tag = f"h{min(level, 6)}"
            yield f'<section aria-labelledby="{anchor}"><{tag} id="{anchor}">{_e(section.heading)}</{tag}>'
            for block in section.blocks:
                yield _block(block, doc, details=details)
            yield from walk(section.subsections)
            yield "</section>"

    yield from walk(doc.sections)


def _contents(doc: Document) -> str:
    """A list of links to the sections, for documents long enough to need one."""
    if doc.easy_read or len(doc.sections) < 4:
        return ""
    top = [(section, anchor) for section, anchor, level in section_ids(doc) if level == 2]
    items = "".join(f'<li><a href="#{anchor}">{_e(section.heading)}</a></li>' for section, anchor in top)
    return f'<nav class="doc-contents" aria-label="Contents"><h2>Contents</h2><ol>{items}</ol></nav>'


def render_fragment(doc: Document, *, details: bool = True) -> str:
    """The document as one <article>, for a page that already has <html>, <head> and the documents stylesheet."""
    classes = "doc easy-read" if doc.easy_read else "doc"
    meta = " · ".join(
        part for part in (doc.author, doc.published.strftime("%-d %B %Y") if doc.published else "") if part
    )
    header = [f"<header><h1>{_e(doc.title)}</h1>"]
    if doc.subtitle:
        header.append(f'<p class="doc-subtitle">{_e(doc.subtitle)}</p>')
    if meta:
        header.append(f'<p class="doc-meta">{_e(meta)}</p>')
    header.append("</header>")
    footer = f'<footer class="doc-footer"><p>{_e(doc.footer)}</p></footer>' if doc.footer else ""
    body = "".join(_sections(doc, details=details))
    return (
        f'<article class="{classes}" lang="{_e(doc.language)}" dir="{doc.direction}">'
        f"{''.join(header)}{_contents(doc)}{body}{footer}</article>"
    )


def _embedded_fonts(text: str) -> str:
    rules = []
    for face in fonts.WEB_FACES:
        if fonts.needed(face, text):
            data = base64.b64encode(fonts.embeddable(face, text)).decode("ascii")
            rules.append(fonts.face_css(face, f"data:font/woff2;base64,{data}"))
    return "".join(rules)


def render_html(doc: Document, *, standalone: bool = True) -> str:
    """The whole document as one HTML file. `standalone` (the default) puts the shipped fonts the text needs in
    the file as data: URLs, so it reads the same offline; without it the file is smaller and relies on the
    reader's fonts."""
    css = document_css()
    if standalone:
        css = _embedded_fonts(doc.plain_text()) + css
    page = (
        "body { margin: 0; padding: 2rem 1rem; background: #fff; }\n"
        ".doc { margin: 0 auto; }\n"
        "@media print { body { padding: 0; } }\n"
    )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_e(doc.language)}" dir="{doc.direction}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(doc.title)}</title>\n<style>\n{css}{page}</style>\n</head>\n"
        f"<body>\n<main>\n{render_fragment(doc)}\n</main>\n</body>\n</html>\n"
    )
