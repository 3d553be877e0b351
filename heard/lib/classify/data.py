"""The labelled comments and the framework Heard ships (heard/analysis/data/, see PROVENANCE.md there)."""

from __future__ import annotations

import csv
import gzip
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parents[2] / "analysis" / "data"
TRAINING_FILE = DATA_DIR / "fft_v7_train.csv.gz"
FRAMEWORK_FILE = DATA_DIR / "fft_framework.json"
# Columns before the theme columns in fft_v7_train.csv.
_LEADING_COLUMNS = ("comment_id", "organisation", "service", "question", "text", "sentiment")


@dataclass(frozen=True)
class LabelledData:
    ids: list[str]
    texts: list[str]
    labels: list[frozenset[str]]
    sentiments: list[int | None]
    themes: list[str]


def read_labelled_csv(lines: Any) -> LabelledData:
    """Read comments in the layout of fft_v7_train.csv from an iterable of text lines."""
    reader = csv.reader(lines)
    header = next(reader)
    if tuple(header[: len(_LEADING_COLUMNS)]) != _LEADING_COLUMNS:
        raise ValueError(f"expected the columns {', '.join(_LEADING_COLUMNS)} first, found {', '.join(header[:6])}")
    themes = header[len(_LEADING_COLUMNS) :]
    data = LabelledData(ids=[], texts=[], labels=[], sentiments=[], themes=themes)
    for row in reader:
        if not row:
            continue
        data.ids.append(row[0])
        data.texts.append(row[4])
        data.sentiments.append(int(row[5]) if row[5].strip() else None)
        flags = row[len(_LEADING_COLUMNS) :]
        data.labels.append(frozenset(theme for theme, flag in zip(themes, flags, strict=True) if flag.strip() == "1"))
    return data


@cache
def shipped_training_data() -> LabelledData:
    """The 4,426 labelled FFT comments shipped with Heard."""
    with gzip.open(TRAINING_FILE, "rt", encoding="utf-8", newline="") as handle:
        return read_labelled_csv(handle)


def national_themes() -> list[str]:
    """The 32 modelled themes of the national framework, in the column order of fft_v7_train.csv."""
    return list(_header_themes())


@cache
def _header_themes() -> tuple[str, ...]:
    # The header row is enough: reading all 4,426 comments cost `heard classify` a quarter of a second.
    with gzip.open(TRAINING_FILE, "rt", encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    return tuple(header[len(_LEADING_COLUMNS) :])


@cache
def framework() -> list[dict[str, Any]]:
    """The national framework's themes: category, theme, description, examples, modelled (bool)."""
    themes: list[dict[str, Any]] = json.loads(FRAMEWORK_FILE.read_text(encoding="utf-8"))["themes"]
    return themes


_SECTION_LABEL = re.compile(r"^\s*(positi?ve|negative|mixed|wishlist|neutral)[\w/ ]*:\s*", re.IGNORECASE | re.MULTILINE)
_QUOTE_BREAK = re.compile(r"[‘’'\"]\s*[,;]\s*[‘’'\"]|[‘’'\"]?\s*\n+\s*[‘’'\"]?")
_QUOTES = "‘’'\" ,."


def framework_examples() -> list[tuple[str, str]]:
    """The framework's example comments as (text, theme) pairs, from its "Examples" and "Longer-Examples"."""
    pairs: dict[tuple[str, str], None] = {}
    for entry in framework():
        if not entry["modelled"]:
            continue
        for block in (entry["examples"], entry.get("longer_examples", "")):
            text = _SECTION_LABEL.sub("\n", block or "")
            for piece in _QUOTE_BREAK.split(text):
                example = piece.strip().strip(_QUOTES).strip()
                if len(example) >= 3:
                    pairs[(example, entry["theme"])] = None
    return list(pairs)
