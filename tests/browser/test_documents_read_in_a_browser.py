"""A downloaded document in Chromium: every script drawn with the fonts inside the file (no device font, no
empty boxes), and no accessibility violations in a report or an Easy Read document."""

from __future__ import annotations

from typing import Any

from heard.lib.documents import examples
from heard.lib.documents.html import render_html
from tests.browser.support import check_accessibility


def fonts_used(page: Any, selector: str) -> list[list[dict[str, Any]]]:
    """For each element matching `selector`, the fonts Chromium drew its text with (DevTools protocol)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    nodes = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": selector})["nodeIds"]
    return [cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"] for node in nodes]


SCRIPT_FONT = {
    "ar": "NotoSansArabic",
    "fa": "NotoSansArabic",
    "ur": "NotoSansArabic",
    "bn": "NotoSansBengali",
    "ti": "NotoSansEthiopic",
    "am": "NotoSansEthiopic",
    "zh-Hans": "NotoSansCJKsc",
}


def test_every_script_draws_with_the_fonts_inside_the_file(page: Any) -> None:
    page.set_content(render_html(examples.many_scripts_document()))
    page.evaluate("async () => { await document.fonts.ready; }")
    languages = page.eval_on_selector_all("blockquote", "quotes => quotes.map(q => q.lang)")
    used = fonts_used(page, "blockquote p")
    assert len(used) == len(languages) == 12
    for language, fonts in zip(languages, used, strict=True):
        names = [f["postScriptName"] for f in fonts]
        device = [f["familyName"] for f in fonts if not f["isCustomFont"]]
        assert device == [], f"{language} drawn with the device's fonts: {device}"
        expected = SCRIPT_FONT.get(language, "NotoSans-")
        assert any(name.startswith(expected) for name in names), f"{language}: {names}"


def test_a_report_has_no_accessibility_violations(page: Any) -> None:
    page.set_content(render_html(examples.example_document(sections=4, footer="Draft: not for sharing")))
    check_accessibility(page, "document-report")


def test_an_easy_read_document_has_no_accessibility_violations(page: Any) -> None:
    page.set_content(render_html(examples.easy_read_document()))
    check_accessibility(page, "document-easy-read")


def test_a_right_to_left_document_has_no_accessibility_violations(page: Any) -> None:
    page.set_content(render_html(examples.many_scripts_document()))
    check_accessibility(page, "document-every-script")
