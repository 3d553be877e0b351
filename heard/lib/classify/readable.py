"""Whether the theme and sentiment model can read an answer's words, and which words to suggest from.

The model learnt from English comments only. Given words in another language or script it still answers, and
confidently: an Arabic complaint about a missing interpreter came back "Positive experience & gratitude" at 96%.
So English words are suggested from; other words from their English translation when there is one; and
otherwise nothing is suggested (neither a theme nor a sentiment) and the answer needs a person.

Pure and cheap (no model, no download): the writing system, the share of words the model knows, and
heard.lib.language's detector for the rest.
"""

from __future__ import annotations

import re
from collections.abc import Container

from heard.lib.language import detect_language

NEEDS_PERSON_REASON = "not English and no English translation"

# Below this share of Latin letters, the text is in another writing system (Arabic, Bengali, Cyrillic...).
_LATIN_SHARE = 0.8
# Text with at least this share of words the model knows is read (English words the detector may not place:
# "I cannot see any way you could do better" has more Polish than English common words).
_MOSTLY_KNOWN = 0.8
# A short Latin-script text the detector cannot place is read when at least this share of its words are known.
_KNOWN_SHARE = 0.5
# The words are judged on their start: a few dozen words tell, and long comments cost no more.
_JUDGED = 300
_LETTERS = re.compile(r"[^\W\d_]+")


def _latin_share(text: str) -> float:
    """Of the text's letters, the share in Latin script (1.0 when there are none)."""
    if text.isascii():
        return 1.0
    letters = latin = 0
    for char in text:
        if char.isalpha():
            letters += 1
            code = ord(char)
            if code < 0x250 or 0x1E00 <= code <= 0x1EFF:
                latin += 1
    return latin / letters if letters else 1.0


def readable(text: str, language: str = "", known_words: Container[str] | None = None) -> bool:
    """True when the model can read these words: English, or nothing to read at all (blank text is the model's
    "Labelling not possible").

    `known_words` are the lower-case words the model learnt: text made mostly of them is read without more ado
    (most comments, and the cheapest test). Otherwise the detector decides, and for Latin-script text it cannot
    place, `language` (the language recorded for the answer; a hint only, as it may be the resident's main
    language rather than the words') being "en", or at least half the words being known. Without `known_words`,
    such text counts as readable."""
    start = text[:_JUDGED]
    if not start.isascii() and _latin_share(start) < _LATIN_SHARE:
        return False
    words: list[str] = []
    known = 0
    if known_words is not None:
        words = _LETTERS.findall(start.lower())
        if not words:
            return True
        known = sum(map(known_words.__contains__, words))
        if known >= _MOSTLY_KNOWN * len(words):
            return True
    detected = detect_language(start)
    if detected:
        return detected == "en"
    if language == "en" or known_words is None:
        return True
    return known >= _KNOWN_SHARE * len(words)


def words_to_suggest_from(
    text: str, english_text: str = "", language: str = "", known_words: Container[str] | None = None
) -> str | None:
    """The English translation when there is one, else the words themselves when the model can read them, else
    None: the answer needs a person."""
    if english_text.strip():
        return english_text
    return text if readable(text, language, known_words) else None


def known_words(model: object) -> frozenset[str] | None:
    """The single words a trained model learnt (its word vocabulary), or None for a model that keeps none."""
    from heard.lib.classify.features import NEGATED  # here: this module stays light (a migration imports it)

    vocabulary = getattr(getattr(model, "features", None), "word_vocabulary", None)
    if not isinstance(vocabulary, dict):
        return None
    return frozenset(gram for gram in vocabulary if " " not in gram and not gram.startswith(NEGATED))
