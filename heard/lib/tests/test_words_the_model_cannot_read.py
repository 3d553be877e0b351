"""The rule for words the English-only theme model cannot read: English and blank text are read; other scripts and
other languages are not, unless there is an English translation to read instead."""

from __future__ import annotations

import pytest

from heard.lib.classify.readable import readable, words_to_suggest_from

KNOWN = frozenset(
    ["the", "nurse", "was", "kind", "great", "service", "staff", "lovely", "waited", "too", "long", "gp", "rude"]
)
INTERPRETER = "لم يكن هناك مترجم فوري ولم أفهم ما قاله الطبيب"  # No interpreter; I did not understand the doctor.


@pytest.mark.parametrize(
    "text",
    [
        "The nurse was kind and listened to everything I said.",
        "Great service",  # too short for the detector: its words are known
        "Waited too long!!",
        "",
        "   ",
        "10/10",
    ],
)
def test_english_and_blank_text_is_read(text):
    assert readable(text, "", KNOWN)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (INTERPRETER, "ar"),
        (INTERPRETER, ""),
        (INTERPRETER, "en"),  # a wrong language on the record does not make Arabic letters English
        ("ডাক্তার আমার কথা শোনেননি", ""),  # Bengali
        ("Врач меня не выслушал", ""),  # Cyrillic: a script the detector has no name for
        ("Waxaan sugay saddex toddobaad oo dhakhtarka ma aan arag", ""),  # Somali
        ("Lekarz nie chciał mnie słuchać i było mi bardzo przykro", ""),  # Polish
        ("Çok uzun bekledim", ""),  # Turkish, short
        ("Muito bom", "pt"),  # too short for the detector; no word the model knows
    ],
)
def test_other_scripts_and_languages_are_not_read(text, language):
    assert not readable(text, language, KNOWN)


def test_a_short_text_in_no_clear_language_is_read_when_the_record_says_english():
    assert not readable("Muito bom", "", KNOWN)
    assert readable("Muito bom", "en", KNOWN)


def test_the_translation_is_what_gets_read_when_there_is_one():
    assert words_to_suggest_from(INTERPRETER, "There was no interpreter.", "ar", KNOWN) == "There was no interpreter."
    assert words_to_suggest_from(INTERPRETER, "", "ar", KNOWN) is None
    assert words_to_suggest_from(INTERPRETER, "  ", "ar", KNOWN) is None
    assert words_to_suggest_from("Great service", "", "", KNOWN) == "Great service"
