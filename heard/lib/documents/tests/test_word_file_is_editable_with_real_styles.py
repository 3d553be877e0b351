"""Word: real Title and Heading styles (the navigation pane works), real tables with a repeating header row,
quotes in the Quote style, bullets as list styles, charts as pictures with alt text, the document's language,
page numbers as fields, and Easy Read in large type with its pictures marked decorative."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml.ns import qn

from heard.lib.documents import examples
from heard.lib.documents.docx import render_docx


@pytest.fixture(scope="module")
def word() -> docx.document.Document:
    return docx.Document(io.BytesIO(render_docx(examples.example_document(sections=2, footer="Draft"))))


def styled(word: docx.document.Document, style: str) -> list[str]:
    return [p.text for p in word.paragraphs if p.style is not None and p.style.name == style]


def test_headings_are_word_headings(word: docx.document.Document) -> None:
    doc = examples.example_document(sections=2)
    assert styled(word, "Title") == [doc.title]
    assert styled(word, "Heading 1") == [section.heading for section in doc.sections]
    assert styled(word, "Heading 2") == ["What people suggested"] * 2


def test_tables_are_real_tables_with_a_repeating_header_row(word: docx.document.Document) -> None:
    table = word.tables[0]
    assert [cell.text for cell in table.rows[0].cells] == ["Community", "Residents"]
    assert [cell.text for cell in table.rows[1].cells] == ["Somali", "212"]
    assert [cell.text for cell in table.rows[5].cells] == ["Polish", "<5"]
    header_row = table.rows[0]._tr.trPr
    assert header_row is not None and header_row.find(qn("w:tblHeader")) is not None
    assert table._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val")) == "Residents we heard from, by community"


def test_quotes_and_lists_use_word_styles(word: docx.document.Document) -> None:
    assert "I phone at eight every morning and by ten past there is nothing left." in styled(word, "Quote")
    assert "Letters in plain words" in styled(word, "List Bullet")


def test_charts_are_pictures_with_their_text_alternative(word: docx.document.Document) -> None:
    described = [shape._inline.docPr.get("descr") for shape in word.inline_shapes]
    assert len(described) == 2
    assert all(text and text.startswith(("Getting a GP appointment", "Most of the 527")) for text in described)


def test_the_language_is_set_and_pages_are_numbered(word: docx.document.Document) -> None:
    normal = word.styles["Normal"].element
    assert normal.rPr.find(qn("w:lang")).get(qn("w:val")) == "en-GB"
    assert word.core_properties.language == "en-GB"
    footer = word.sections[0].footer._element.xml
    assert "NUMPAGES" in footer and "Draft" in footer


def test_a_right_to_left_document_is_right_to_left_in_word() -> None:
    word = docx.Document(io.BytesIO(render_docx(examples.many_scripts_document())))
    assert word.styles["Normal"].element.pPr.find(qn("w:bidi")) is not None


def test_easy_read_is_large_type_with_decorative_pictures() -> None:
    word = docx.Document(io.BytesIO(render_docx(examples.easy_read_document())))
    assert word.styles["Normal"].font.size.pt >= 16
    assert len(word.inline_shapes) == 8
    for shape in word.inline_shapes:
        assert "decorative" in shape._inline.docPr.xml
    assert "We talked to 527 people who live here." in [t.rows[0].cells[1].text for t in word.tables]


def test_right_to_left_properties_sit_where_words_schema_puts_them() -> None:
    # Word refuses to open a file whose properties are out of order (w:bidi before w:spacing, w:rtl before w:lang).
    word = docx.Document(io.BytesIO(render_docx(examples.many_scripts_document())))
    normal = word.styles["Normal"].element
    assert [child.tag.split("}")[1] for child in normal.pPr] == ["bidi", "spacing"]
    assert [child.tag.split("}")[1] for child in normal.rPr][-2:] == ["rtl", "lang"]
    urdu = next(p for p in word.paragraphs if p.text.startswith("ہمیں"))
    run_properties = urdu.runs[0]._r.rPr
    assert run_properties is not None
    assert [child.tag.split("}")[1] for child in run_properties][-2:] == ["rtl", "lang"]
