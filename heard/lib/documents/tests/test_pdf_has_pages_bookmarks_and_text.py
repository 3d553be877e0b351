"""PDF: opens, has its pages numbered "Page N of M", a bookmark per heading, text a reader can copy and search,
is tagged for screen readers, and never fetches anything from outside Heard."""

from __future__ import annotations

import re
import zlib

import pypdfium2
import pytest

from heard.lib.documents import examples
from heard.lib.documents.model import Document, Paragraph, Section
from heard.lib.documents.pdf import RefusedURL, _Fetcher, render_pdf


@pytest.fixture(scope="module")
def report() -> pypdfium2.PdfDocument:
    return pypdfium2.PdfDocument(render_pdf(examples.example_document(sections=2, footer="Draft: not for sharing")))


def page_text(pdf: pypdfium2.PdfDocument, index: int) -> str:
    text: str = pdf[index].get_textpage().get_text_bounded()
    return text


def test_the_bookmarks_are_the_headings(report: pypdfium2.PdfDocument) -> None:
    doc = examples.example_document(sections=2)
    bookmarks = [(item.get_title(), item.level) for item in report.get_toc()]
    expected = [(doc.title, 0)]
    for section in doc.sections:
        expected.append((section.heading, 1))
        expected += [(sub.heading, 2) for sub in section.subsections]
    assert bookmarks == expected


def test_every_page_says_page_n_of_m(report: pypdfium2.PdfDocument) -> None:
    pages = len(report)
    assert pages >= 2
    for index in range(pages):
        assert f"Page {index + 1} of {pages}" in page_text(report, index)


def test_the_words_can_be_copied_out(report: pypdfium2.PdfDocument) -> None:
    text = "".join(page_text(report, i) for i in range(len(report)))
    assert "What residents told us about GP services" in text
    assert "What we heard, part 2" in text
    assert "Draft: not for sharing" in text
    assert "I phone at eight every morning" in text


def objects(data: bytes) -> bytes:
    """The PDF's objects with their compressed object streams opened, to search."""
    out = [data]
    for match in re.finditer(rb"/Type /ObjStm.*?stream\r?\n(.*?)endstream", data, re.S):
        try:
            out.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(out)


def test_the_pdf_is_tagged_for_screen_readers_with_its_language_title_and_alt_text() -> None:
    pdf = render_pdf(examples.example_document(sections=1))
    assert pypdfium2.raw.FPDFCatalog_IsTagged(pypdfium2.PdfDocument(pdf).raw)
    data = objects(pdf)
    assert b"/StructTreeRoot" in data
    assert re.search(rb"/Lang ?\(en\)", data)
    assert b"/DisplayDocTitle true" in data
    # The chart's text alternative, as the figure's /Alt (UTF-16 or plain).
    alt = "Getting a GP appointment mattered most"
    assert alt.encode() in data or alt.encode("utf-16-be") in data


def test_printing_refuses_every_url_that_is_not_heards_own_file() -> None:
    fetcher = _Fetcher()
    for url in ("https://fonts.example.org/a.woff2", "http://127.0.0.1/x.css", "ftp://x/y", "file:///etc/passwd"):
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)


def test_an_image_from_the_web_in_the_text_is_not_fetched() -> None:
    # Text is escaped, so markup in a document never becomes a request either.
    doc = Document(title="T", sections=[Section("S", [Paragraph('<img src="https://example.org/x.png">')])])
    pdf = pypdfium2.PdfDocument(render_pdf(doc))
    assert '<img src="https://example.org/x.png">' in page_text(pdf, 0)


@pytest.mark.slow
def test_a_long_report_prints_every_page_numbered() -> None:
    # How long it takes is measured by bench/report.py (and bench/documents.py), not asserted here.
    pdf = pypdfium2.PdfDocument(render_pdf(examples.example_document(sections=14)))
    pages = len(pdf)
    assert pages >= 20
    assert f"Page {pages} of {pages}" in page_text(pdf, pages - 1)
