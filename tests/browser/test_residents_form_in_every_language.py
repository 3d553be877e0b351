"""The residents' form in every language it can be offered in, on a 390 x 844 phone: no English words of the
project's questions on a page in another language, right to left where the language is, every character drawn
with one of Heard's shipped Noto fonts (no empty boxes, no device font), and no axe violations.

The project is the demo's: its questions and their words in Somali, Turkish, Kurdish, Bengali, Arabic and Polish
(`heard/demo/question_words.py`). So that every other language Heard's pages are written in is walked too, the
project also asks in those, with its questions' words taken from that language's catalogue (real words in the
right script, standing in for a project's own translation)."""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation

from heard.core import census_labels, languages
from heard.core.testing import make_organisation, make_project
from heard.demo import question_words
from heard.demo.builder import QUESTIONS
from heard.engagement import translations
from heard.engagement.models import EntryLink, Question
from heard.lib import census
from heard.lib.documents.fonts import FONT_DIR, PRINT_FACES, WEB_FACES
from heard.partners.models import OrganisationKind
from tests.browser.support import check_accessibility

SCREENSHOTS = Path(os.environ.get("HEARD_SCREENSHOTS", "/tmp/heard-screenshots"))
PHONE = {"width": 390, "height": 844}
RIGHT_TO_LEFT = {"ar", "fa", "ur"}
STAFF_NOTE = question_words.STAFF_NOTES["recent_experience"]


def _stand_in_words(code: str) -> dict[str, dict[str, Any]]:
    """The demo questions' words in a language the demo does not ask in, from Heard's own catalogue for it."""
    with translation.override(languages.page_language(code)):
        texts = [str(census_labels.LANGUAGES[c]) for c in ("so", "tr", "ku", "bn", "ar")]
        said = [str(census_labels.ETHNIC_GROUPS_19[c]) for c, _label in census.ETHNIC_GROUPS_19]
    words: dict[str, dict[str, Any]] = {}
    for n, (qcode, _kind, _text, help_text, choices) in enumerate(QUESTIONS):
        entry: dict[str, Any] = {"text": f"{texts[n]}?"}
        if help_text:
            entry["help_text"] = said[-1 - n]
        if choices:
            entry["choices"] = {c: said[i + 3 * n] for i, (c, _label) in enumerate(choices)}
        words[qcode] = entry
    return words


@pytest.fixture
def link(transactional_db):
    make_organisation(name="Two Boroughs Health Voice", kind=OrganisationKind.HOST, **question_words.HOST_CONTACTS)
    partner = make_organisation(name="Bangla Health Link")
    written = [code for code, _name in census.LANGUAGES if code not in ("en", "bfi", "other")]
    project = make_project(name="Diverse Communities Health Voice", partners=[partner], languages=["en", *written])
    for position, (code, kind, text, help_text, choices) in enumerate(QUESTIONS):
        words = question_words.translations(code)
        for lang in written:
            words.setdefault(lang, _stand_in_words(lang)[code])
        Question.objects.create(
            project=project,
            code=code,
            kind=kind,
            text=text,
            help_text=help_text,
            staff_help_text=question_words.STAFF_NOTES.get(code, ""),
            choices=choices,
            position=position,
            translations=words,
        )
    return EntryLink.objects.create(project=project, partner=partner)


def _english_words(project: Any) -> set[str]:
    """The project's questions, hints and answers to choose from, in English."""
    words: set[str] = set()
    for question in project.questions.all():
        words |= {question.text, question.help_text, *(str(label) for _c, label in question.choices)}
    return words - {""}


@cache
def _shipped_characters() -> frozenset[int]:
    from fontTools.ttLib import TTFont

    found: set[int] = set()
    for face in {*PRINT_FACES, *WEB_FACES}:
        found |= set(TTFont(FONT_DIR / face.file).getBestCmap())
    return frozenset(found)


def _fonts_drawing(page: Any) -> dict[str, set[str]]:
    """For each font the browser drew the page's text with: whether it is a web font Heard ships, by family."""
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument", {"depth": -1, "pierce": False})["root"]
    fonts: dict[str, set[str]] = {"shipped": set(), "device": set()}
    for node in _elements_with_text(root):
        for font in session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]:
            fonts["shipped" if font["isCustomFont"] else "device"].add(font["familyName"])
    session.detach()
    return fonts


def _elements_with_text(node: dict[str, Any]) -> list[int]:
    """The ids of the elements that hold text of their own, in a DevTools DOM tree."""
    found = []
    children = node.get("children", [])
    own_text = any(child["nodeType"] == 3 and child["nodeValue"].strip() for child in children)
    if own_text and node["nodeName"] not in ("SCRIPT", "STYLE", "TITLE", "HEAD"):
        found.append(node["nodeId"])
    for child in children:
        found += _elements_with_text(child)
    return found


def _check(page: Any, code: str, english: set[str]) -> list[str]:
    problems: list[str] = []
    page.evaluate("document.fonts.ready")
    html = page.locator("html")
    page_language = languages.page_language(code)
    if html.get_attribute("lang") != page_language:
        problems.append(f"lang is {html.get_attribute('lang')}, not {page_language}")
    direction = "rtl" if code in RIGHT_TO_LEFT else "ltr"
    if html.get_attribute("dir") != direction:
        problems.append(f"dir is {html.get_attribute('dir')}, not {direction}")
    text = page.inner_text("body") + page.title()
    if STAFF_NOTE in text:
        problems.append("the staff note is shown")
    if code != "en":
        # The project's questions on the page: each one's label or legend, hint and answers to choose from.
        asked = "\n".join(page.locator(".govuk-form-group:has([name^='q_'])").all_inner_texts())
        project_words = {w for words in _translated_words(code) for w in words}
        left = sorted(
            w
            for w in english
            if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", asked) and not any(w in t for t in project_words)
        )
        if left:
            problems.append(f"English words of the project's questions: {left}")
    missing = sorted({ch for ch in text if not ch.isspace() and ord(ch) not in _shipped_characters()})
    if missing:
        problems.append(f"characters no shipped font has: {missing}")
    fonts = _fonts_drawing(page)
    if fonts["device"]:
        problems.append(f"text drawn with the device's fonts {sorted(fonts['device'])}, not Heard's")
    return problems


def _translated_words(code: str) -> list[list[str]]:
    words = []
    for question in Question.objects.filter(is_active=True):
        entry = question.translations.get(code, {})
        words.append([entry.get("text", ""), entry.get("help_text", ""), *entry.get("choices", {}).values()])
    return words


def test_the_form_is_wholly_in_every_offered_language_at_phone_width(browser, live_server, link):
    offered = translations.offered(link.project)
    assert set(offered) == {"en", *(c for c, _n in census.LANGUAGES if c not in ("bfi", "other"))}
    english = _english_words(link.project)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = phone.new_page()
    problems: dict[str, list[str]] = {}
    for code in offered:
        page.goto(f"{live_server.url}{link.get_absolute_url()}?lang={code}")
        found = _check(page, code, english)
        if code in ("ar", "bn"):
            page.screenshot(path=str(SCREENSHOTS / f"residents-form-{code}-phone.png"), full_page=True)
        try:
            check_accessibility(page, f"residents-form-{code}-phone")
        except AssertionError as error:
            found.append(str(error))
        if found:
            problems[code] = found
    phone.close()
    assert problems == {}


def test_the_privacy_notice_and_thanks_page_are_drawn_with_shipped_fonts_in_arabic_and_bengali(
    browser, live_server, link
):
    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = phone.new_page()
    problems: dict[str, list[str]] = {}
    for code in ("ar", "bn"):
        for path in ("privacy/", "thanks/"):
            page.goto(f"{live_server.url}{link.get_absolute_url()}{path}?lang={code}")
            found = _check(page, code, set())
            page.screenshot(path=str(SCREENSHOTS / f"residents-{path[:-1]}-{code}-phone.png"), full_page=True)
            try:
                check_accessibility(page, f"residents-{path[:-1]}-{code}-phone")
            except AssertionError as error:
                found.append(str(error))
            if found:
                problems[f"{code} {path}"] = found
    phone.close()
    assert problems == {}
