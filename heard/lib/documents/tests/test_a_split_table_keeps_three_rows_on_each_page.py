"""A table that goes on over a page keeps at least three rows with its header at the page's foot and at least
three on the next page: never a header and a row or two stranded at the bottom of a page, nor a last row alone.
In the PDF (counted on the printed pages) and in Word (its rows kept with the next)."""

from __future__ import annotations

import io
import re
from collections import Counter

import docx
import pypdfium2
import pytest

from heard.lib.documents.docx import render_docx
from heard.lib.documents.model import Block, Document, Paragraph, Section, Table
from heard.lib.documents.pdf import render_pdf

TABLES = 14
ROWS = 11


def document() -> Document:
    """Tables of eleven rows between one to four paragraphs, so their starts fall all over the pages."""
    blocks: list[Block] = []
    for t in range(TABLES):
        blocks += [Paragraph(f"Paragraph {t}: residents told us about waiting for appointments.")] * (1 + t * 5 % 4)
        rows = [[f"T{t:02d} row {r:02d}", str(10 + r)] for r in range(ROWS)]
        blocks.append(Table(f"Table {t}", ["Theme", "People"], rows, frozenset({1})))
    return Document(title="Tables over pages", sections=[Section("What we heard", blocks)])


@pytest.fixture(scope="module")
def rows_per_page() -> list[Counter[str]]:
    pdf = pypdfium2.PdfDocument(render_pdf(document()))
    pages = []
    for index in range(len(pdf)):
        text = pdf[index].get_textpage().get_text_bounded()
        pages.append(Counter(re.findall(r"T(\d\d) row \d\d", text)))
    return pages


def test_the_tables_do_go_on_over_pages(rows_per_page: list[Counter[str]]) -> None:
    split = [t for t in range(TABLES) if sum(1 for page in rows_per_page if page[f"{t:02d}"]) > 1]
    assert len(split) >= 3


def test_no_page_holds_only_one_or_two_rows_of_a_table(rows_per_page: list[Counter[str]]) -> None:
    for number, page in enumerate(rows_per_page, start=1):
        for table, rows in page.items():
            assert rows >= 3, f"page {number} holds only {rows} rows of table {table}"


def test_every_row_is_printed_once(rows_per_page: list[Counter[str]]) -> None:
    total: Counter[str] = Counter()
    for page in rows_per_page:
        total.update(page)
    assert total == {f"{t:02d}": ROWS for t in range(TABLES)}


def test_word_keeps_the_header_with_three_rows_and_the_last_three_rows_together() -> None:
    rows = [[f"Row {r}", str(r)] for r in range(8)]
    doc = Document(title="T", sections=[Section("S", [Table("Themes", ["Theme", "People"], rows)])])
    table = docx.Document(io.BytesIO(render_docx(doc))).tables[0]
    kept = [all(cell.paragraphs[0].paragraph_format.keep_with_next for cell in row.cells) for row in table.rows]
    # header, rows 0-7: a row kept with the next cannot end a page
    assert kept == [True, True, True, False, False, False, True, True, False]
