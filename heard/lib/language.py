"""Telling which language a resident wrote in, when nobody said, without a model download.

Writing systems settle most cases (Bengali, Arabic-script languages told apart by their own letters, Ethiopic,
Chinese); for Latin script, the language whose common short words and letters appear most wins. Short or mixed
texts may be unknown ("") rather than guessed.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from collections.abc import Iterable, Mapping

# Common words of languages in Latin script that residents in the partnership write in.
_COMMON = {
    "en": "the and to of a i was in it is my for not that with they me but have at were we had no be so",
    "so": "waxaan iyo ma aan ku oo la waa ay uu ka ee si ah kale waxa aad inaan iga ii ayaa aniga",
    "tr": "ve bir bu da de çok için ben ama ile gibi değil var yok olarak sonra benim mi daha doktor",
    "pl": "i nie w na się że to jest do z jak mi ale o po tak lekarz czy przez było mnie",
    "pt": "e o a de que não um uma para com os as eu foi muito mas meu em no na médico",
    "es": "y el la de que no un una para con los las yo fue muy pero mi en por médico me",
    "ro": "și nu la de că o un am fost cu pe este mai doctor foarte care sunt dar",
    "sq": "dhe në që një për me nuk është ka u jam më por mjeku shumë ishte",
    "ku": "û ez bi ji di de ku min tu ew li jî ne wergêr doktor nexweşxaneyê",
    "yo": "ni mo ti o si fun won ko wa ati je pe emi ile dokita",
}
_WORDS: dict[str, frozenset[str]] = {language: frozenset(words.split(" ")) for language, words in _COMMON.items()}
_LETTERS: dict[str, str] = {
    "tr": "ğışçöü",
    "pl": "ąćęłńóśźż",
    "pt": "ãõçâêô",
    "es": "ñ¿¡",
    "ro": "ăâîșț",
    "sq": "ëç",
    "ku": "êîûşç",
    "yo": "ẹọṣ",
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _languages_of(signs: Mapping[str, Iterable[str]]) -> dict[str, tuple[str, ...]]:
    """Each common word's (or telling letter's) languages, so a text's words and letters are looked up once
    rather than once a language."""
    found: dict[str, tuple[str, ...]] = {}
    for language, each in signs.items():
        for sign in set(each):
            found[sign] = (*found.get(sign, ()), language)
    return found


_LANGUAGES_OF = _languages_of(_WORDS)
_LANGUAGES_OF_LETTER = _languages_of(_LETTERS)
_SPECIAL = re.compile("[" + "".join(sorted(_LANGUAGES_OF_LETTER)) + "]")
_ASCII = dict.fromkeys(range(128))
_ASCII_LETTERS = dict.fromkeys(map(ord, string.ascii_letters))


def detect_language(text: str) -> str:
    """An ISO code from heard.lib.census.LANGUAGES, or "" when the text is too short or unclear."""
    # Residents' words are mostly ASCII: count those letters in C, and look at the other characters one by one.
    ascii_letters = len(text) - len(text.translate(_ASCII_LETTERS))
    others = [c for c in text.translate(_ASCII) if c.isalpha()]
    letters = ascii_letters + len(others)
    if letters < 8:
        return ""
    if others:
        scripts = Counter(_script(c) for c in others)
        scripts["latin"] += ascii_letters
        script, count = scripts.most_common(1)[0]
        if count / letters < 0.6:
            return ""
    else:
        script = "latin"
    if script == "bengali":
        return "bn"
    if script == "ethiopic":
        return "ti" if any(c in text for c in "ቐቑቒቓቔቕቖ") else "am"
    if script == "han":
        return "zh"
    if script == "arabic":
        if any(c in text for c in "ٹڈڑںھےۓ"):
            return "ur"
        if any(c in text for c in "پچژگکی"):
            return "fa"
        return "ar"
    if script != "latin":
        return ""
    scores = dict.fromkeys(_WORDS, 0)
    for word in _WORD.findall(text):
        for language in _LANGUAGES_OF.get(word.lower(), ()):
            scores[language] += 1
    if others:  # the telling letters are all outside ASCII
        for letter in _SPECIAL.findall(text.lower()):
            for language in _LANGUAGES_OF_LETTER[letter]:
                scores[language] += 2
    top, runner_up = sorted(scores.values(), reverse=True)[:2]
    if top < 2 or top <= runner_up:
        return ""
    return max(scores, key=scores.__getitem__)


def _script(char: str) -> str:
    code = ord(char)
    if code < 0x250 or 0x1E00 <= code <= 0x1EFF:
        return "latin"
    if 0x980 <= code <= 0x9FF:
        return "bengali"
    if 0x600 <= code <= 0x6FF or 0x750 <= code <= 0x77F or 0xFB50 <= code <= 0xFEFF:
        return "arabic"
    if 0x1200 <= code <= 0x139F:
        return "ethiopic"
    if 0x4E00 <= code <= 0x9FFF:
        return "han"
    return "other"
