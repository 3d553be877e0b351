"""In a PDF a chart stays on one page with its caption, but the long table of its figures goes on over the next
pages with its header row repeated, so no page is left mostly blank; and the figure's caption is printed once
(the table, captioned the same, keeps it as its name for screen readers)."""

from __future__ import annotations

import re

import pypdfium2
import pytest

from heard.lib.documents import html
from heard.lib.documents.model import Chart, ChartSpec, Document, Paragraph, Section, Series, Table
from heard.lib.documents.pdf import render_pdf

TITLE = "What Somali-speaking residents talked about"
THEMES = [f"Theme number {n}" for n in range(1, 41)]


def chart() -> Chart:
    return Chart(
        ChartSpec(
            "bar",
            TITLE,
            THEMES[:8],
            [Series("People", [float(80 - 5 * n) for n in range(8)])],
            alt="Theme number 1 came up most.",
        ),
        Table(
            TITLE,  # as the report's theme charts do
            ["Theme", "People", "Share of those heard"],
            [[theme, str(200 - n), f"{40 - n // 2}%"] for n, theme in enumerate(THEMES)],
            frozenset({1, 2}),
        ),
    )


def document() -> Document:
    words = (
        "Residents told us that getting an appointment, being understood and being treated with respect "
        "mattered most. Many had no interpreter when they needed one. "
    )
    return Document(
        title="What we heard",
        sections=[Section("Somali-speaking residents", [*(Paragraph(words * 3) for _ in range(3)), chart()])],
    )


Pages = list[tuple[str, pypdfium2.PdfPage, pypdfium2.PdfTextPage]]


@pytest.fixture(scope="module")
def pages() -> Pages:
    pdf = pypdfium2.PdfDocument(render_pdf(document()))
    out = []
    for index in range(len(pdf)):
        page = pdf[index]
        text = page.get_textpage()
        out.append((text.get_text_bounded(), page, text))
    return out


def test_the_chart_stays_on_the_page_of_the_words_before_it_with_its_caption(pages: Pages) -> None:
    first = pages[0][0]
    assert "Many had no interpreter" in first
    assert TITLE in first  # the caption under the chart, on the first page
    assert "Theme number 8" in first  # the chart's last label: the chart was not split


def test_the_long_table_goes_on_over_the_next_pages_with_its_header_row_repeated(pages: Pages) -> None:
    with_rows = [text for text, _page, _text in pages if re.search(r"Theme number \d+\s+\d{3}", text)]
    assert len(with_rows) >= 2
    for text in with_rows:
        assert "Share of those heard" in text


def test_no_page_but_the_last_is_left_mostly_blank(pages: Pages) -> None:
    for text, page, text_page in pages[:-1]:
        width, height = page.get_size()
        # Words in the lowest fifth of the page's writing area (above the page number at the foot).
        lowest = text_page.get_text_bounded(left=0, bottom=height * 0.12, right=width, top=height * 0.3)
        assert lowest.strip(), text[:200]


def test_the_figures_caption_is_printed_once(pages: Pages) -> None:
    everything = "".join(text for text, _page, _text in pages)
    assert everything.count(TITLE) == 1


def test_the_table_keeps_the_caption_as_its_name_for_screen_readers() -> None:
    for details in (True, False):
        fragment = html.chart_html(chart(), details=details)
        assert fragment.count(f"<figcaption>{TITLE}</figcaption>") == 1
        assert f'<table aria-label="{TITLE}">' in fragment
        assert "<caption>" not in fragment


def test_a_table_with_a_caption_of_its_own_keeps_it_visible() -> None:
    own = Chart(chart().spec, Table("The same figures with shares", ["Theme", "People"], [["Waiting", "5"]]))
    assert "<caption>The same figures with shares</caption>" in html.chart_html(own)


def test_word_prints_the_caption_once_and_keeps_it_as_the_tables_title() -> None:
    import io

    import docx

    from heard.lib.documents.docx import render_docx

    word = docx.Document(io.BytesIO(render_docx(document())))
    assert [p.text for p in word.paragraphs].count(TITLE) == 1
    caption = word.tables[0]._tbl.tblPr.xpath("./w:tblCaption")[0]
    assert caption.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val") == TITLE
