"""A `Document` as a Word file that staff can keep editing.

Real styles throughout: Title, Heading 1 for sections and Heading 2, 3... below (Word's navigation pane and
table of contents work), List Bullet / List Number, Quote, Caption; real tables with a header row that repeats
on every page and a table title for screen readers; charts as PNG pictures with their text alternative (the
picture's description, which Word's "Alt Text" pane shows); the document's language on every style, and right
to left when the document is. Easy Read uses larger type and puts each point in a row with its picture.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from heard.lib.documents import charts, icons
from heard.lib.documents.html import chart_table, direction_of
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

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.table import Table as WordTable
    from docx.text.paragraph import Paragraph as WordParagraph

FONT = "Arial"  # on every staff machine; Word picks its own font for other scripts by language
DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"
CHART_WIDTH_CM = 16.0
LANGUAGE_TAGS = {"zh-hans": "zh-CN", "en": "en-GB"}


# Word rejects a file whose properties are out of the schema's order, so new ones go before their successors.
PPR_AFTER_BIDI = (
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
    "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
RPR_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")
RPR_AFTER_RTL = ("w:cs", "w:em", "w:lang", *RPR_AFTER_LANG)


def _right_to_left(p_pr: Any, r_pr: Any) -> None:
    """A paragraph (w:bidi) and its text (w:rtl) right to left."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    if p_pr.find(qn("w:bidi")) is None:
        p_pr.insert_element_before(OxmlElement("w:bidi"), *PPR_AFTER_BIDI)
    if r_pr.find(qn("w:rtl")) is None:
        r_pr.insert_element_before(OxmlElement("w:rtl"), *RPR_AFTER_RTL)


def _word_language(code: str) -> str:
    return LANGUAGE_TAGS.get(code.lower(), code)


def _set_language(element: Any, language: str) -> None:
    """w:lang on a run-properties element: the document's language for Latin, complex and East Asian text."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    lang = element.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        element.insert_element_before(lang, *RPR_AFTER_LANG)
    tag = _word_language(language)
    lang.set(qn("w:val"), tag)
    lang.set(qn("w:bidi"), tag if direction_of(language) == "rtl" else "ar-SA")
    lang.set(qn("w:eastAsia"), tag if tag.startswith("zh") else "zh-CN")


def _setup_styles(word: WordDocument, doc: Document) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    styles = word.styles
    normal: Any = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(16 if doc.easy_read else 11)
    normal.paragraph_format.space_after = Pt(10 if doc.easy_read else 6)
    normal.paragraph_format.line_spacing = 1.25
    _set_language(normal.element.get_or_add_rPr(), doc.language)
    if doc.direction == "rtl":
        _right_to_left(normal.element.get_or_add_pPr(), normal.element.get_or_add_rPr())
    sizes = {"Title": 30 if doc.easy_read else 26, "Heading 1": 24 if doc.easy_read else 18}
    sizes |= {"Heading 2": 20 if doc.easy_read else 14, "Heading 3": 18 if doc.easy_read else 12}
    for name, size in sizes.items():
        style: Any = styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0x0B, 0x0C, 0x0C)
        rfonts = style.element.get_or_add_rPr().find(qn("w:rFonts"))
        if rfonts is not None:  # the template's theme fonts would override the name
            for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                rfonts.attrib.pop(qn(attribute), None)
    for name in ("Quote", "Caption", "List Bullet", "List Number", "Subtitle"):
        styles[name].font.name = FONT
    styles["Caption"].font.color.rgb = RGBColor(0x0B, 0x0C, 0x0C)
    styles["Caption"].font.size = Pt(14 if doc.easy_read else 10)


def _heading(word: WordDocument, text: str, level: int) -> None:
    word.add_heading(text, level=min(level, 9))


def _paragraph(word: WordDocument, text: str, style: str | None = None, size: float | None = None) -> WordParagraph:
    from docx.shared import Pt

    paragraph = word.add_paragraph(style=style)
    run = paragraph.add_run(text)
    if size:
        run.font.size = Pt(size)
    return paragraph


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)
    cant_split = OxmlElement("w:cantSplit")
    tr_pr.append(cant_split)


def _table_title(table: WordTable, caption: str) -> None:
    """w:tblCaption: the table's title for screen readers (Word's Table Properties > Alt Text)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tbl_pr = table._tbl.tblPr
    title = OxmlElement("w:tblCaption")
    title.set(qn("w:val"), caption[:250])
    # The schema wants tblCaption near the end of tblPr (before tblDescription, after tblLook).
    tbl_pr.append(title)


def _table(word: WordDocument, table: Table, *, caption_shown: bool = True) -> None:
    """The table with its caption above it; `caption_shown` False (a chart's table captioned as the chart already
    is) keeps the caption only as the table's title for screen readers."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    if table.caption and caption_shown:
        caption = _paragraph(word, table.caption, style="Caption")
        caption.paragraph_format.keep_with_next = True
    columns = max(1, len(table.header), *(len(row) for row in table.rows))
    word_table = word.add_table(rows=0, cols=columns)
    word_table.style = word.styles["Table Grid"]
    word_table.alignment = WD_TABLE_ALIGNMENT.LEFT
    rows = ([table.header] if table.header else []) + table.rows
    first = len(rows) - len(table.rows)  # the first body row's index
    for r, values in enumerate(rows):
        row = word_table.add_row()
        if r == 0 and table.header:
            _repeat_header(row)
        for c in range(columns):
            cell = row.cells[c]
            paragraph = cell.paragraphs[0]
            # The header with the first three rows, and the last three rows, kept on one page: a table going on
            # over a page leaves no header and a row or two at its foot, nor a row alone on the next.
            paragraph.paragraph_format.keep_with_next = r < first + 2 or len(rows) - 3 <= r < len(rows) - 1
            run = paragraph.add_run(values[c] if c < len(values) else "")
            run.bold = r == 0 and bool(table.header)
            if c in table.numeric_columns:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if table.caption:
        _table_title(word_table, table.caption)
    if table.note:
        _paragraph(word, table.note, size=9)


def _describe_last_picture(word: WordDocument, title: str, description: str, *, decorative: bool = False) -> None:
    """The picture's title and description (alt text); an icon is marked decorative instead."""
    from docx.oxml import OxmlElement, parse_xml

    doc_pr = word.inline_shapes[len(word.inline_shapes) - 1]._inline.docPr
    doc_pr.set("title", title)
    doc_pr.set("descr", description)
    if decorative:
        ext_lst = OxmlElement("a:extLst")
        ext_lst.append(
            parse_xml(
                f'<a:ext xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" uri="{DECORATIVE_URI}">'
                f'<adec:decorative xmlns:adec="{DECORATIVE_NS}" val="1"/></a:ext>'
            )
        )
        doc_pr.append(ext_lst)


def _chart(word: WordDocument, chart: Chart) -> None:
    from docx.shared import Cm

    spec = chart.spec
    word.add_picture(io.BytesIO(charts.render_png(spec)), width=Cm(CHART_WIDTH_CM))
    _describe_last_picture(word, spec.title, spec.alt)
    word.paragraphs[-1].paragraph_format.keep_with_next = True
    _paragraph(word, spec.title, style="Caption")
    figures = chart_table(chart)
    _table(word, figures, caption_shown=not chart.caption_repeats(figures))


def _easy_point(word: WordDocument, point: EasyReadPoint) -> None:
    """A row of a borderless two-column table: the picture, then the words."""
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.shared import Cm

    table = word.add_table(rows=1, cols=2)
    table.autofit = False
    picture_cell, text_cell = table.rows[0].cells
    picture_cell.width, text_cell.width = Cm(3.2), Cm(13)
    for cell in (picture_cell, text_cell):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    if point.icon:
        run = picture_cell.paragraphs[0].add_run()
        run.add_picture(io.BytesIO(icons.png(point.icon)), width=Cm(2.5))
        _describe_last_picture(word, icons.resolve(point.icon), "", decorative=True)
    text_cell.paragraphs[0].add_run(point.text)
    word.add_paragraph()


def _block(word: WordDocument, block: Block, doc: Document) -> None:
    if isinstance(block, Paragraph):
        size = {"lead": 13.0, "small": 9.0}.get(block.style)
        _paragraph(word, block.text, size=size * (1.4 if doc.easy_read else 1) if size else None)
    elif isinstance(block, BulletList):
        style = "List Number" if block.numbered else "List Bullet"
        for item in block.items:
            _paragraph(word, item, style=style)
    elif isinstance(block, Quote):
        paragraph = _paragraph(word, block.text, style="Quote")
        if block.language and block.language != doc.language:
            _set_language(paragraph.runs[0]._r.get_or_add_rPr(), block.language)
            if direction_of(block.language) == "rtl":
                _right_to_left(paragraph._p.get_or_add_pPr(), paragraph.runs[0]._r.get_or_add_rPr())
        if block.attribution:
            _paragraph(word, block.attribution, size=10)
    elif isinstance(block, Table):
        _table(word, block)
    elif isinstance(block, Chart):
        _chart(word, block)
    elif isinstance(block, EasyReadPoint):
        _easy_point(word, block)


def _page_number(paragraph: WordParagraph) -> None:
    """ "Page N of M" with Word fields, so the numbers stay right as staff edit."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def field(code: str) -> None:
        run = paragraph.add_run()
        begin = OxmlElement("w:fldChar")
        begin.set(qn("w:fldCharType"), "begin")
        instruction = OxmlElement("w:instrText")
        instruction.set(qn("xml:space"), "preserve")
        instruction.text = f" {code} "
        separate = OxmlElement("w:fldChar")
        separate.set(qn("w:fldCharType"), "separate")
        placeholder = OxmlElement("w:t")
        placeholder.text = "1"
        end = OxmlElement("w:fldChar")
        end.set(qn("w:fldCharType"), "end")
        for element in (begin, instruction, separate, placeholder, end):
            run._r.append(element)

    paragraph.add_run("Page ")
    field("PAGE")
    paragraph.add_run(" of ")
    field("NUMPAGES")


def _sections(word: WordDocument, doc: Document, sections: list[Section], level: int) -> None:
    for section in sections:
        _heading(word, section.heading, level)
        for block in section.blocks:
            _block(word, block, doc)
        _sections(word, doc, section.subsections, level + 1)


def render_docx(doc: Document) -> bytes:
    """The document as .docx bytes."""
    import docx
    from docx.shared import Cm, Pt

    word = docx.Document()
    _setup_styles(word, doc)
    page = word.sections[0]
    page.page_width, page.page_height = Cm(21), Cm(29.7)  # A4
    for side in ("left_margin", "right_margin"):
        setattr(page, side, Cm(2))
    properties = word.core_properties
    properties.title = doc.title
    properties.author = doc.author or "Heard"
    properties.language = _word_language(doc.language)
    properties.comments = ""
    word.add_heading(doc.title, level=0)
    if doc.subtitle:
        _paragraph(word, doc.subtitle, style="Subtitle")
    meta = " · ".join(p for p in (doc.author, doc.published.strftime("%-d %B %Y") if doc.published else "") if p)
    if meta:
        _paragraph(word, meta)
    _sections(word, doc, doc.sections, 1)
    header = page.header.paragraphs[0]
    header.text = doc.title
    header.runs[0].font.size = Pt(9)
    footer = page.footer.paragraphs[0]
    if doc.footer:
        footer.add_run(doc.footer + "    ").bold = True
    _page_number(footer)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()
