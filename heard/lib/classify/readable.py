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
from collections.abc import Container, Sequence

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


_NOT_LATIN = re.compile("[^\u0000-\u024f\u1e00-\u1eff]")
_SEPARATOR = "\x00"  # between texts judged together; a non-letter, so no word crosses it
_LETTERS_OR_SEPARATOR = re.compile(r"[^\W\d_]+|\x00")


def _latin_share(text: str) -> float:
    """Of the text's letters, the share in Latin script (1.0 when there are none)."""
    if text.isascii():
        return 1.0
    letters = "".join(filter(str.isalpha, text))
    return len(_NOT_LATIN.sub("", letters)) / len(letters) if letters else 1.0


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


def words_to_suggest_from_each(
    texts: Sequence[str], english_texts: Sequence[str], known_words: Container[str] | None = None
) -> list[str | None]:
    """`words_to_suggest_from(text, english, "", known_words)` for many texts at once (`heard classify`): the
    letters of all of them found in one pass, and each distinct text judged once. The same answers."""
    answers: list[str | None] = list(english_texts)
    judge = [i for i, english in enumerate(english_texts) if not english.strip()]
    distinct = list(dict.fromkeys(texts[i] for i in judge))
    if known_words is None or any(_SEPARATOR in text for text in distinct):
        verdict = {text: readable(text, "", known_words) for text in distinct}
    else:
        verdict = dict(zip(distinct, _readable_each(distinct, known_words), strict=True))
    for i in judge:
        answers[i] = texts[i] if verdict[texts[i]] else None
    return answers


def _readable_each(texts: list[str], known_words: Container[str]) -> list[bool]:
    import numpy as np  # here: this module stays light (a migration imports it)

    starts = [text[:_JUDGED] for text in texts]
    words = _LETTERS_OR_SEPARATOR.findall(_SEPARATOR.join(starts).lower())
    # Each distinct word looked up once: 2 for the separator, 1 for a known word, 0 for any other.
    kind = {word: int(word in known_words) for word in dict.fromkeys(words)}
    kind[_SEPARATOR] = 2
    kinds = np.fromiter(map(kind.__getitem__, words), dtype=np.int8, count=len(words))
    separator, known = kinds == 2, kinds == 1
    row = np.cumsum(separator)
    n_words = np.bincount(row[~separator], minlength=len(texts))
    n_known = np.bincount(row[known], minlength=len(texts))
    answers = []
    for i, start in enumerate(starts):
        if not start.isascii() and _latin_share(start) < _LATIN_SHARE:
            answers.append(False)
        elif n_words[i] == 0 or n_known[i] >= _MOSTLY_KNOWN * n_words[i]:
            answers.append(True)
        else:
            answers.append(readable(texts[i], "", known_words))  # the detector decides: a few texts
    return answers


def known_words(model: object) -> frozenset[str] | None:
    """The single words a trained model learnt (its word vocabulary), or None for a model that keeps none."""
    from heard.lib.classify.features import NEGATED  # here: this module stays light (a migration imports it)

    vocabulary = getattr(getattr(model, "features", None), "word_vocabulary", None)
    if not isinstance(vocabulary, dict):
        return None
    return frozenset(gram for gram in vocabulary if " " not in gram and not gram.startswith(NEGATED))
