"""A sentiment lexicon as a few extra features for the sentiment model only (not for themes).

VADER's word list (Hutto and Gilbert, 2014; MIT licence; heard/lib/classify/data/PROVENANCE.md) gives about 7,500
English words a valence from -4 to +4. A comment gets how much positive and how much negative valence its words
carry (per square root of its length, so a long comment is not more sentimental for its length) and the smaller
of the two: mixed comments ("lovely staff but waited hours") carry both, which word weights alone add up to a
middle score that looks like either side. Then its length, and how many negations ("not", "never"...) and turns
("but", "however", "apart from"...) it holds, which is where mixed and neutral comments differ from plain praise
or complaint. Words the n-gram vocabulary never saw in training (short, unpunctuated comments from other
services) still carry their valence.

Vectorised: each distinct word is looked up once, the rest is one sparse product.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

LEXICON_FILE = Path(__file__).resolve().parent / "data" / "vader_lexicon.txt"
N_FEATURES = 6
NEGATIONS = frozenset({"not", "no", "never", "nor", "without", "cannot", "nothing", "hardly", "nobody", "none"})
TURNS = frozenset({"but", "however", "although", "though", "apart", "except", "shame", "only"})
_PUNCTUATION = "\"'.,;:!?()[]{}<>-_*/\\|&+=~`#@$%^"


@cache
def valences() -> dict[str, float]:
    """Word -> valence (-4 very negative .. +4 very positive); the first entry wins where a word repeats."""
    table: dict[str, float] = {}
    with LEXICON_FILE.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.split("\t")
            if len(parts) >= 2:
                table.setdefault(parts[0], float(parts[1]))
    return table


def lexicon_features(texts: Sequence[str]) -> NDArray[np.float64]:
    """Rows x 6: positive valence, negative valence (as a positive number) and the smaller of the two, each divided
    by the square root of the number of words; then log(1 + words), the number of negations and of turns."""
    words: dict[str, int] = {}
    columns: list[int] = []
    lengths: list[int] = []
    add = words.setdefault
    for text in texts:
        tokens = text.lower().split()
        columns.extend([add(token, len(words)) for token in tokens])
        lengths.append(len(tokens))
    rows = np.repeat(np.arange(len(texts), dtype=np.int32), lengths)
    text_words = sp.csr_matrix(
        (np.ones(len(columns)), (rows, np.asarray(columns, dtype=np.int32))), shape=(len(texts), len(words))
    )
    table = valences()
    bare = [word.strip(_PUNCTUATION) for word in words]
    valence = np.fromiter((table.get(word, 0.0) for word in bare), float, len(bare))
    negation = np.fromiter((word in NEGATIONS or word.endswith("n't") for word in bare), float, len(bare))
    turn = np.fromiter((word in TURNS for word in bare), float, len(bare))
    positive = text_words @ np.maximum(valence, 0.0)
    negative = text_words @ np.maximum(-valence, 0.0)
    length = np.asarray(lengths, dtype=np.float64)
    root = np.sqrt(np.maximum(length, 1.0))
    return np.column_stack(
        [
            positive / root,
            negative / root,
            np.minimum(positive, negative) / root,
            np.log1p(length),
            text_words @ negation,
            text_words @ turn,
        ]
    )


@dataclass(frozen=True)
class LexiconWeights:
    """The sentiment model's weights on the lexicon's columns, with the columns' standardisation (from training):
    `logits(texts)` is what the lexicon adds to each of the five sentiment logits."""

    shift: NDArray[np.float64]  # N_FEATURES (+ clauses.N_FEATURES)
    scale: NDArray[np.float64]  # N_FEATURES (+ clauses.N_FEATURES)
    weights: NDArray[np.float64]  # N_FEATURES (+ clauses.N_FEATURES) x sentiment columns
    clauses: bool = False
    """Whether the clause-at-a-time columns (heard.lib.classify.clauses) follow the lexicon's own."""

    def columns(self, texts: Sequence[str]) -> NDArray[np.float64]:
        out: NDArray[np.float64] = (raw_columns(texts, clauses=self.clauses) - self.shift) * self.scale
        return out

    def logits(self, texts: Sequence[str]) -> NDArray[np.float64]:
        return self.logits_of(raw_columns(texts, clauses=self.clauses))

    def logits_of(self, raw: NDArray[np.float64]) -> NDArray[np.float64]:
        """`logits` from the texts' `raw_columns`, already worked out."""
        out: NDArray[np.float64] = ((raw - self.shift) * self.scale) @ self.weights
        return out


def raw_columns(texts: Sequence[str], *, clauses: bool) -> NDArray[np.float64]:
    """The lexicon's columns, then (with `clauses`) the clause-at-a-time ones."""
    columns = lexicon_features(texts)
    if not clauses:
        return columns
    from heard.lib.classify.clauses import clause_features  # it reads this module's valences: imported here

    return np.hstack([columns, clause_features(texts)])


def standardised(
    texts: Sequence[str], weight: float, clause_weight: float = 0.0
) -> tuple[NDArray[np.float64], LexiconWeights]:
    """The training texts' lexicon columns (and with `clause_weight` > 0 the clause columns), standardised and
    times `weight` (`clause_weight`), their weight beside the n-grams, and the standardisation to apply to other
    texts (its `weights` are filled in once the model is fitted)."""
    clauses = clause_weight > 0
    columns = raw_columns(texts, clauses=clauses)
    shift = columns.mean(axis=0)
    weights = np.full(columns.shape[1], weight)
    weights[N_FEATURES:] = clause_weight
    scale = weights / (columns.std(axis=0) + 1e-9)
    empty = np.zeros((columns.shape[1], 0))
    return (columns - shift) * scale, LexiconWeights(shift=shift, scale=scale, weights=empty, clauses=clauses)
