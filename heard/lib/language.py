"""Telling which language a resident wrote in, when nobody said, without a model download.

Writing systems settle most cases (Bengali, Arabic-script languages told apart by their own letters, Ethiopic,
Chinese); for Latin script, the language whose common short words and letters appear most wins. Short or mixed
texts may be unknown ("") rather than guessed.
"""

from __future__ import annotations

import re
from collections import Counter

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


def detect_language(text: str) -> str:
    """An ISO code from heard.lib.census.LANGUAGES, or "" when the text is too short or unclear."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 8:
        return ""
    scripts = Counter(_script(c) for c in letters)
    script, count = scripts.most_common(1)[0]
    if count / len(letters) < 0.6:
        return ""
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
    words = [w.lower() for w in _WORD.findall(text)]
    scores: Counter[str] = Counter()
    for language, common in _WORDS.items():
        scores[language] = sum(1 for w in words if w in common)
    lowered = text.lower()
    for language, special in _LETTERS.items():
        scores[language] += sum(2 for c in lowered if c in special)
    ranked = [*scores.most_common(2), ("", 0)]
    (best, top), runner_up = ranked[0], ranked[1][1]
    if top < 2 or top <= runner_up:
        return ""
    return best


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
