"""HTML: parses, one h1, a heading per section and subsection, figures, captions and header cells, quotes in
their own language, right-to-left when the document is, and no URL outside the file when downloaded."""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

import tinyhtml5

from heard.lib.documents import examples
from heard.lib.documents.html import render_fragment, render_html

NS = "{http://www.w3.org/1999/xhtml}"


def parse(text: str) -> Element:
    root: Element = tinyhtml5.parse(text)
    return root


def find_all(root: Element, tag: str) -> list[Element]:
    return list(root.iter(NS + tag))


def text_of(element: Element) -> str:
    return "".join(element.itertext()).strip()


def test_a_report_has_one_h1_an_h2_per_section_and_an_h3_per_subsection() -> None:
    doc = examples.example_document(sections=4)
    root = parse(render_html(doc))
    assert [text_of(h) for h in find_all(root, "h1")] == [doc.title]
    h2 = [text_of(h) for h in find_all(root, "h2")]
    assert h2 == ["Contents", *(section.heading for section in doc.sections)]
    assert len(find_all(root, "h3")) == 4


def test_the_page_says_its_language_and_direction() -> None:
    root = parse(render_html(examples.example_document()))
    assert root.attrib["lang"] == "en" and root.attrib["dir"] == "ltr"
    rtl = parse(render_html(examples.many_scripts_document()))
    assert rtl.attrib["lang"] == "ar" and rtl.attrib["dir"] == "rtl"


def test_quotes_are_blockquotes_in_their_own_language() -> None:
    root = parse(render_html(examples.many_scripts_document()))
    quotes = {q.attrib["lang"]: q.attrib["dir"] for q in find_all(root, "blockquote")}
    assert quotes["bn"] == "ltr" and quotes["ur"] == "rtl" and quotes["zh-Hans"] == "ltr"


def test_tables_are_named_and_have_header_cells_with_scope() -> None:
    root = parse(render_html(examples.example_document(sections=1)))
    tables = find_all(root, "table")
    assert tables
    for table in tables:
        # A caption; or, for a chart's table captioned as the chart already is, the same words as its aria-label.
        assert find_all(table, "caption") or table.attrib.get("aria-label")
        scopes = {th.attrib.get("scope") for th in find_all(table, "th")}
        assert scopes == {"col", "row"}


def test_a_chart_is_a_figure_with_its_svg_caption_and_table_in_details() -> None:
    root = parse(render_html(examples.example_document(sections=1)))
    figure = next(f for f in find_all(root, "figure") if "doc-chart" in f.attrib.get("class", ""))
    svg = next(figure.iter("{http://www.w3.org/2000/svg}svg"))
    assert svg.attrib["role"] == "img"
    assert text_of(find_all(figure, "figcaption")[0]) == "What mattered most, by community"
    details = find_all(figure, "details")[0]
    assert find_all(details, "summary") and find_all(details, "table")


def test_a_downloaded_file_has_no_url_outside_itself() -> None:
    text = render_html(examples.example_document(footer="Draft"))
    assert not re.search(r"https?://(?!www\.w3\.org/(2000/svg|1999/xlink))", text)
    root = parse(text)
    for element in root.iter():
        for name in ("src", "href"):
            value = element.attrib.get(name, "")
            assert not value or value.startswith(("#", "data:")), value
    for url in re.findall(r"url\(([^)]*)\)", text):
        assert url.strip("\"'").startswith(("data:", "#")), url


def test_a_downloaded_file_carries_the_fonts_its_words_need_and_no_others() -> None:
    english = render_html(examples.example_document(sections=1))
    assert english.count("@font-face") >= 1 and "data:font/woff2;base64," in english
    assert "U+4E00" not in english  # no Chinese font for an English report
    assert "U+4E00" in render_html(examples.many_scripts_document())


def test_a_draft_has_its_footer() -> None:
    root = parse(render_html(examples.example_document(sections=1, footer="Draft: not for sharing")))
    assert [text_of(f) for f in find_all(root, "footer")] == ["Draft: not for sharing"]


def test_easy_read_puts_each_point_in_a_row_with_its_picture_in_large_type() -> None:
    text = render_html(examples.easy_read_document())
    root = parse(text)
    article = find_all(root, "article")[0]
    assert "easy-read" in article.attrib["class"]
    points = [d for d in root.iter(NS + "div") if "easy-point" in d.attrib.get("class", "")]
    assert len(points) == 9
    pictures = [p for p in points if find_all(p, "span")]
    assert len(pictures) == 8 and all(p[0].attrib["aria-hidden"] == "true" for p in pictures)
    size = re.search(r"\.doc\.easy-read \{ font-size: ([\d.]+)rem", text)
    assert size and float(size.group(1)) * 12 >= 16  # 1rem is 12pt: at least 16pt


def test_a_fragment_is_the_article_alone_for_a_page() -> None:
    fragment = render_fragment(examples.example_document(sections=1))
    assert fragment.startswith('<article class="doc" lang="en" dir="ltr">') and "<style" not in fragment
