"""A chart's Arabic, Urdu and Bengali words print in the PDF as they read on the page: letters in their order and
joined, Bengali's joined letters whole (WeasyPrint draws an SVG's text a character at a time, so those words are
laid over the chart as shaped text), at the place, size and turn the chart gives them; a chart without such words
prints as before."""

from __future__ import annotations

import pypdfium2
import pytest

from heard.lib.documents import printchart
from heard.lib.documents.model import Chart, ChartSpec, Document, Section, Series, Table
from heard.lib.documents.pdf import render_pdf

ARABIC = "العربية: الطبيب"
URDU = "اردو: ڈاکٹر نے بات سنی"
BENGALI = "ডাক্তার ক্ষমা"
MIXED = "Somali community عربي"
CATEGORIES = [ARABIC, URDU, BENGALI, MIXED, "English"]


def spec(kind: str = "bar") -> ChartSpec:
    return ChartSpec(
        kind,  # type: ignore[arg-type]
        "Residents heard, by the language they spoke",
        CATEGORIES,
        [Series("Residents", [37.0, 23.0, 31.0, 17.0, 29.0])],
        alt="Arabic speakers were heard most.",
        y_label="اللغة",
    )


def document(chart_spec: ChartSpec) -> Document:
    # The chart's table is in English, so the PDF's only Arabic and Bengali words are the chart's own.
    table = Table("The figures", ["Language", "Residents"], [["Every language", "150"]], frozenset({1}))
    return Document(title="Languages", sections=[Section("Who we heard", [Chart(chart_spec, table)])])


@pytest.fixture(scope="module")
def page() -> pypdfium2.PdfTextPage:
    return pypdfium2.PdfDocument(render_pdf(document(spec())))[0].get_textpage()


def box(text: pypdfium2.PdfTextPage, words: str) -> tuple[float, float, float, float]:
    """Left, bottom, right, top around every letter of `words` on the page (which must be there once)."""
    found = text.search(words).get_next()
    assert found, f"{words!r} is not in the PDF's text"
    start, count = found
    boxes = [text.get_charbox(i) for i in range(start, start + count) if not text.get_text_range(i, 1).isspace()]
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def test_arabic_and_urdu_chart_labels_print_with_their_letters_in_order(page: pypdfium2.PdfTextPage) -> None:
    text = page.get_text_bounded()
    for words in (ARABIC, URDU, "اللغة"):
        assert words in text
    assert "بيبطلا" not in text  # a word's letters drawn one by one, left to right


def test_bengali_chart_labels_print_with_their_joined_letters(page: pypdfium2.PdfTextPage) -> None:
    text = page.get_text_bounded()
    assert BENGALI in text
    assert "\u25cc" not in text and "ʕ" not in text  # the dotted circle a lone vowel sign is drawn on


def test_a_label_mixing_english_and_arabic_prints_whole(page: pypdfium2.PdfTextPage) -> None:
    assert MIXED in page.get_text_bounded()


def test_the_shaped_labels_end_where_the_english_ones_do_beside_their_own_bars(page: pypdfium2.PdfTextPage) -> None:
    english = box(page, "English")
    middles = {}
    for words in (ARABIC, BENGALI, "English"):
        _, bottom, right, top = box(page, words)
        assert right == pytest.approx(english[2], abs=1.5), words  # every label ends 10 units left of the bars
        assert top - bottom < 2.2 * (english[3] - english[1]), words  # the chart's size, not the page's
        middles[words] = (top + bottom) / 2
    for words, figure in ((ARABIC, "37"), (BENGALI, "31"), ("English", "29")):
        _, bottom, _, top = box(page, figure)
        assert middles[words] == pytest.approx((top + bottom) / 2, abs=3), words  # level with its bar's figure


def test_a_turned_arabic_label_prints_turned() -> None:
    line = ChartSpec(
        "line",
        "Residents heard each month",
        ["يناير الأول", "ফেব্রুয়ারি মাস", "March of this year", "April", "May", "June", "July"],
        [Series("Residents", [3.0, 5.0, 7.0, 6.0, 9.0, 4.0, 5.0])],
        alt="More residents were heard each month.",
    )
    text = pypdfium2.PdfDocument(render_pdf(document(line)))[0].get_textpage()
    for words in ("يناير", "মাস", "March of this year"):  # (a turned ligature's letters copy out of order)
        left, bottom, right, top = box(text, words)
        assert top - bottom > 0.4 * (right - left), words  # slanted up, as the English label beside it


def test_a_chart_without_such_words_prints_its_svg_alone() -> None:
    english = ChartSpec("bar", "Themes", ["Waiting", "Being listened to"], [Series("People", [4.0, 9.0])], "x")
    assert "doc-chart-word" not in printchart.picture(english)
    shaped = printchart.picture(spec())
    assert shaped.count('class="doc-chart-word"') == len(CATEGORIES) - 1 + 1  # four labels and the axis name
    assert 'alt="Arabic speakers were heard most."' in shaped
