"""The word lists names are found with, read once from heard/privacy/data/ (see PROVENANCE.md there)."""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final

DATA: Final = Path(__file__).resolve().parents[2] / "privacy" / "data"


@dataclass(frozen=True, slots=True)
class Lexicon:
    first_names: frozenset[str]  # as written: "Aisha", "Oisín", "Oisin"
    surnames: frozenset[str]
    common_words: frozenset[str]  # lower case: ordinary words, days, months, languages, faiths
    places: frozenset[str]  # as written: "Islington", "Whittington"
    english: frozenset[str]  # lower case: English dictionary words, so "not a word" can hint at a name


def _read(name: str) -> frozenset[str]:
    path = DATA / name
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            return frozenset(line.strip() for line in handle if line.strip())
    except OSError as error:  # a broken install must not silently stop redacting names
        raise RuntimeError(f"Redaction word list missing or unreadable: {path} ({error})") from error


@cache
def lexicon() -> Lexicon:
    return Lexicon(
        first_names=_read("first_names.txt.gz"),
        surnames=_read("surnames.txt.gz"),
        common_words=frozenset(w.lower() for w in _read("common_words.txt.gz")),
        places=_read("places.txt.gz"),
        english=_read("english_words.txt.gz"),
    )
