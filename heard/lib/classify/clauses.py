"""Sentiment a clause at a time: a few extra columns for the sentiment model, from each comment's pieces.

A mixed comment ("Lovely staff but I waited four hours") is what the "neutral or mixed" group mostly holds, and
over a whole comment its praise and its complaint cancel out into something that looks like either side. So each
comment is cut into pieces: at full stops, question and exclamation marks, semicolons and line breaks, and before
a turning word ("but", "however", "although", "apart"...), which also cuts comments that have no punctuation at
all. Each piece gets a polarity from VADER's word valences (heard.lib.classify.lexicon), a valence flipped when
one of the three words before it in the same piece is a negation ("not good", "didnt help"), squashed to -1..1
as VADER's compound score is. The comment then gets: its strongest positive piece, its strongest negative piece,
the smaller of the two (both present: mixed), the share of its pieces that are positive and that are negative,
its last piece's and its first piece's polarity, the whole comment's polarity with negations flipped, and how
many pieces it has.

Vectorised: all texts are joined and tokenised in one pass, each distinct token looked up once, and the pieces'
and comments' figures are sums, maxima and look-ups over arrays (no Python loop per comment or per piece).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from heard.lib.classify.lexicon import valences

N_FEATURES = 9
SEPARATOR = "\x00"
# A piece ends at these; a turning word starts a new one.
_STOPS = frozenset({".", "!", "?", ";", "\n"})
TURNS = frozenset(
    {"but", "however", "although", "though", "apart", "except", "unfortunately", "sadly", "whereas", "despite"}
)
# Negations, with the forms punctuation-stripped text leaves ("didnt", or "didn t" whose "t" is the negation).
NEGATIONS = frozenset(
    {
        *("not", "no", "never", "nor", "without", "cannot", "nothing", "hardly", "nobody", "none", "t"),
        *("dont", "didnt", "doesnt", "isnt", "wasnt", "werent", "arent", "cant", "couldnt", "wont", "wouldnt"),
        *("shouldnt", "havent", "hasnt", "hadnt", "aint"),
    }
)
NEGATION_REACH = 3  # words after a negation whose valence it flips (VADER's window)
_FLIP = -0.74  # VADER's factor for a negated word
_ALPHA = 15.0  # VADER's normalisation: x / sqrt(x^2 + 15)
_TOKENS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|[.!?;\n]|\x00")
_POLAR = 0.05  # a piece at least this far from 0 counts as positive or negative


def _squash(values: NDArray[np.float64]) -> NDArray[np.float64]:
    out: NDArray[np.float64] = values / np.sqrt(values * values + _ALPHA)
    return out


@dataclass(frozen=True)
class Pieces:
    """Many texts' tokens, cut into pieces: each distinct token once, and for every token which one it is, whether
    it is a word, whether a negation reaches it, and its piece and text."""

    distinct: list[str]
    ids: NDArray[np.int64]
    word: NDArray[np.bool_]
    negated: NDArray[np.bool_]
    piece_of: NDArray[np.int64]
    text_of: NDArray[np.int64]
    n_texts: int

    def of_words(self, table: dict[str, float]) -> NDArray[np.float64]:
        """Each token's value in `table` (0 for a token not in it or not a word), negated where a negation
        reaches it."""
        values = np.fromiter((table.get(word.replace("’", "'"), 0.0) for word in self.distinct), float)[self.ids]
        out: NDArray[np.float64] = np.where(self.negated, values * _FLIP, values) * self.word
        return out


def pieces(texts: Sequence[str]) -> Pieces:
    if any(SEPARATOR in text for text in texts):
        texts = [text.replace(SEPARATOR, " ") for text in texts]
    tokens = _TOKENS.findall(f" {SEPARATOR} ".join(texts).lower()) if texts else []
    distinct = list(dict.fromkeys(tokens))
    index = {token: i for i, token in enumerate(distinct)}
    ids = np.fromiter(map(index.__getitem__, tokens), dtype=np.int64, count=len(tokens))

    def flag(test: Callable[[str], bool]) -> NDArray[np.bool_]:
        return np.fromiter(map(test, distinct), bool, len(distinct))[ids]

    negation = flag(lambda w: w in NEGATIONS or w.endswith(("n't", "n’t")))
    turn = flag(TURNS.__contains__)
    stop = flag(_STOPS.__contains__)
    separator = flag(SEPARATOR.__eq__)
    # A new piece starts after a stop or separator and at a turning word.
    starts = np.concatenate([[True], (stop | separator)[:-1]]) | turn
    piece_of = np.cumsum(starts) - 1
    # A negation reaches the next few words in its piece.
    negated = np.zeros(len(tokens), dtype=bool)
    for back in range(1, NEGATION_REACH + 1):
        negated[back:] |= negation[:-back] & (piece_of[:-back] == piece_of[back:])
    return Pieces(
        distinct=distinct,
        ids=ids,
        word=~(stop | separator),
        negated=negated,
        piece_of=piece_of,
        text_of=np.cumsum(separator) - separator,  # texts before each token (a separator ends its text)
        n_texts=len(texts),
    )


def clause_features(texts: Sequence[str]) -> NDArray[np.float64]:
    """Rows x 9: strongest positive piece, strongest negative piece (as a positive number), the smaller of the two,
    share of positive pieces, share of negative pieces, last piece's polarity, first piece's polarity, the whole
    comment's polarity, log(1 + pieces). A comment without words gets zeros."""
    split = pieces(texts)
    return piece_columns(split, split.of_words(valences()))


def piece_columns(split: Pieces, values: NDArray[np.float64]) -> NDArray[np.float64]:
    """The 9 columns from each token's value: a piece's polarity is its values' sum, squashed to -1..1 as VADER
    squashes its compound score."""
    n_texts = split.n_texts
    out = np.zeros((n_texts, N_FEATURES))
    if not split.ids.size:
        return out
    piece_of, word = split.piece_of, split.word
    n_pieces = int(piece_of[-1]) + 1
    piece_words = np.bincount(piece_of, weights=word, minlength=n_pieces)
    piece_sum = np.bincount(piece_of, weights=values, minlength=n_pieces).astype(np.float64)
    piece_text = np.zeros(n_pieces, dtype=np.int64)
    piece_text[piece_of] = split.text_of
    real = np.flatnonzero(piece_words > 0)  # pieces with words in them
    if not real.size:
        return out
    polarity = _squash(piece_sum[real])
    text = piece_text[real]
    positive = np.maximum(polarity, 0.0)
    negative = np.maximum(-polarity, 0.0)
    np.maximum.at(out[:, 0], text, positive)
    np.maximum.at(out[:, 1], text, negative)
    out[:, 2] = np.minimum(out[:, 0], out[:, 1])
    count = np.bincount(text, minlength=n_texts).astype(float)
    has = count > 0
    out[has, 3] = np.bincount(text, weights=polarity > _POLAR, minlength=n_texts)[has] / count[has]
    out[has, 4] = np.bincount(text, weights=polarity < -_POLAR, minlength=n_texts)[has] / count[has]
    # Pieces come in text order: a text's pieces run from its first to its last.
    first = np.searchsorted(text, np.arange(n_texts), side="left")
    last = np.searchsorted(text, np.arange(n_texts), side="right") - 1
    out[has, 5] = polarity[last[has]]
    out[has, 6] = polarity[first[has]]
    out[:, 7] = _squash(np.bincount(text, weights=piece_sum[real], minlength=n_texts).astype(np.float64))
    out[:, 8] = np.log1p(count)
    return out
