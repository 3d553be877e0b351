"""The model's TF-IDF features for many texts at once, in a few passes over all of them (for `heard classify`).

features.py counts each text's n-grams in Python, a dictionary look-up per n-gram. Here the texts are joined
into one string with a separator, lower-cased and tokenised once, every token becomes a number, and word and
character n-grams become integer keys (a word n-gram: its words' numbers in base T; a character n-gram: its
characters' numbers in base 2^bits) looked up with one sorted search over all of them. The counts, and so the
features, are exactly the ones features.py (and scikit-learn) compute; a test holds them together.

`BatchFeatures.of(features)` is None when the fitted features use something this does not do (marks for
negated words, n-grams too long to fit a key), and `transform` returns None for text it does not take (text
holding the separator); features.py then does it text by text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

if TYPE_CHECKING:
    from heard.lib.classify.features import Features

SEPARATOR = "\x00"  # neither a word character nor white space: no token crosses it
_JOIN = f" {SEPARATOR} "  # white space around it, so splitting on white space makes it a token of its own
_TOKENS = re.compile(rf"\w+|{SEPARATOR}")
_WORD = re.compile(r"\w+")
_DIGITS = re.compile(r"\d+")
_KEY_BITS = 62  # keys stay below 2**62 (int64)


def _normalised_tokens(texts: Sequence[str]) -> str:
    """All texts normalised as features.normalise does (lower case, every number "0"), joined by the separator.
    Done on the joined text at once; the spaces around each separator keep every text's case mapping (a Greek
    final sigma) and numbers as they would be on their own."""
    return _DIGITS.sub("0", _JOIN.join(texts).lower())


_DIRECT = 1 << 20  # keys below this are looked up in a table indexed by the key (4 MB at most)


@dataclass
class _Grams:
    """Integer keys of a vocabulary's n-grams with the column each stands for: a table indexed by the key when
    the keys are small (single words, short character n-grams), else sorted keys searched."""

    keys: NDArray[np.int64]
    columns: NDArray[np.int64]
    table: NDArray[np.int64] | None  # key -> column, -1 for none

    @classmethod
    def build(cls, keys: list[int], columns: list[int]) -> _Grams:
        key_array = np.asarray(keys, dtype=np.int64)
        column_array = np.asarray(columns, dtype=np.int64)
        if key_array.size and key_array.max() < _DIRECT:
            table = np.full(int(key_array.max()) + 1, -1, dtype=np.int64)
            table[key_array] = column_array
            return cls(key_array, column_array, table)
        order = np.argsort(key_array, kind="stable")
        return cls(key_array[order], column_array[order], None)

    def find(self, keys: NDArray[np.int64]) -> tuple[NDArray[np.bool_], NDArray[np.int64]]:
        """(which keys are in the vocabulary, their columns)."""
        if not self.keys.size:
            return np.zeros(keys.shape, dtype=bool), np.zeros(0, dtype=np.int64)
        if self.table is not None:
            columns = self.table[np.minimum(keys, self.table.size - 1)]
            columns[keys >= self.table.size] = -1
            found = columns >= 0
            return found, columns[found]
        at = np.minimum(np.searchsorted(self.keys, keys), self.keys.size - 1)
        found = self.keys[at] == keys
        return found, self.columns[at[found]]


_NONE = _Grams.build([], [])


def _by_length(keys: list[int], columns: list[int], lengths: list[int]) -> dict[int, _Grams]:
    by_length: dict[int, tuple[list[int], list[int]]] = {}
    for key, column, n in zip(keys, columns, lengths, strict=True):
        grams = by_length.setdefault(n, ([], []))
        grams[0].append(key)
        grams[1].append(column)
    return {n: _Grams.build(*grams) for n, grams in by_length.items()}


def _windows(ids: NDArray[np.int64], n: int, base: int, valid: NDArray[np.bool_]) -> tuple[NDArray[np.int64], ...]:
    """(start of every window of n ids whose ids are all valid, its key in base `base`)."""
    if ids.size < n:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    starts = np.arange(ids.size - n + 1)
    invalid = np.concatenate([[0], np.cumsum(~valid)])
    good = starts[invalid[starts + n] == invalid[starts]]
    keys = np.zeros(good.size, dtype=np.int64)
    for offset in range(n):
        keys = keys * base + ids[good + offset]
    return good, keys


def _counts(rows: NDArray[np.int64], columns: NDArray[np.int64], shape: tuple[int, int]) -> sp.csr_matrix:
    data = np.ones(rows.size, dtype=np.float32)
    return sp.csr_matrix(sp.coo_matrix((data, (rows, columns)), shape=shape))  # adds up repeated pairs


@dataclass
class BatchFeatures:
    """Prediction-time tables built from fitted features (a few hundredths of a second; not saved)."""

    word_low: int
    word_high: int
    word_ids: dict[str, int]  # every word of the word vocabulary's n-grams, from 1; the separator is the last id
    word_grams: dict[int, _Grams]  # by n
    char_low: int
    char_high: int
    alphabet: NDArray[np.int64]  # sorted code points of the characters in the character vocabulary
    bits: int
    char_grams: dict[int, _Grams]  # by n
    n_words: int
    n_chars: int

    @classmethod
    def of(cls, features: Features) -> BatchFeatures | None:
        options = features.options
        if options.negation_scope:
            return None
        word_low, word_high = options.word_ngrams
        char_low, char_high = options.char_ngrams
        split = [(gram.split(" "), column) for gram, column in features.word_vocabulary.items()]
        word_ids: dict[str, int] = {}
        for words, _ in split:
            for word in words:
                word_ids.setdefault(word, len(word_ids) + 1)  # from 1: a key's leading word is never 0
        base = len(word_ids) + 2  # the words, then the separator
        plain = all(word_low <= len(words) <= word_high and all(map(_WORD.fullmatch, words)) for words, _ in split)
        if not plain or base ** max(word_high, 1) >= 2**_KEY_BITS:
            return None
        word_ids[SEPARATOR] = len(word_ids) + 1
        keys = []
        for words, _ in split:
            key = 0
            for word in words:
                key = key * base + word_ids[word]
            keys.append(key)
        alphabet = np.array(sorted({ord(c) for gram in features.char_vocabulary for c in gram}), dtype=np.int64)
        bits = max(int(alphabet.size).bit_length(), 1)
        if bits * char_high >= _KEY_BITS:
            return None
        code = {int(point): i + 1 for i, point in enumerate(alphabet)}  # 0: a character no n-gram holds
        char_keys = []
        for gram in features.char_vocabulary:
            key = 0
            for char in gram:
                key = (key << bits) | code[ord(char)]
            char_keys.append(key)
        return cls(
            word_low=word_low,
            word_high=word_high,
            word_ids=word_ids,
            word_grams=_by_length(keys, [column for _, column in split], [len(words) for words, _ in split]),
            char_low=char_low,
            char_high=char_high,
            alphabet=alphabet,
            bits=bits,
            char_grams=_by_length(
                char_keys, list(features.char_vocabulary.values()), [len(gram) for gram in features.char_vocabulary]
            ),
            n_words=len(features.word_vocabulary),
            n_chars=len(features.char_vocabulary),
        )

    def counts(self, texts: Sequence[str]) -> tuple[sp.csr_matrix, sp.csr_matrix] | None:
        """(texts x word n-gram counts, texts x character n-gram counts), or None for text holding the separator."""
        if any(SEPARATOR in text for text in texts):
            return None
        joined = _normalised_tokens(texts)
        return self._word_counts(joined, len(texts)), self._char_counts(joined, len(texts))

    def _word_counts(self, joined: str, n_texts: int) -> sp.csr_matrix:
        tokens = _TOKENS.findall(joined)
        ids = np.fromiter(map(self.word_ids.get, tokens, repeat(-1)), dtype=np.int64, count=len(tokens))
        separator = len(self.word_ids)
        is_separator = ids == separator
        row_of = np.cumsum(is_separator)  # texts before each token
        known = (ids > 0) & ~is_separator
        rows, columns = [], []
        for n in range(self.word_low, self.word_high + 1):
            starts, keys = _windows(ids, n, separator + 1, known)
            found, found_columns = self.word_grams.get(n, _NONE).find(keys)
            rows.append(row_of[starts[found]])
            columns.append(found_columns)
        return _counts(np.concatenate(rows), np.concatenate(columns), (n_texts, self.n_words))

    def _char_counts(self, joined: str, n_texts: int) -> sp.csr_matrix:
        # White-space words, as scikit-learn's char_wb takes them; each distinct word's n-grams are worked out once.
        tokens = joined.split()
        distinct = dict.fromkeys(tokens)
        distinct.pop(SEPARATOR, None)
        index = {word: i for i, word in enumerate(distinct)}
        index[SEPARATOR] = -1
        ids = np.fromiter(map(index.__getitem__, tokens), dtype=np.int64, count=len(tokens))
        row_of = np.cumsum(ids == -1)
        text_words = _counts(row_of[ids >= 0], ids[ids >= 0], (n_texts, len(distinct)))
        return text_words @ self._word_char_counts(list(distinct))

    def _word_char_counts(self, words: list[str]) -> sp.csr_matrix:
        """Distinct words x character n-gram counts: the n-grams of " word " for n from low to high (a padded
        word shorter than n gives none; one exactly n long gives itself once)."""
        if not words:
            return sp.csr_matrix((0, self.n_chars), dtype=np.float32)
        padded = " " + "  ".join(words) + " "  # " a " + " b " == " a  b "
        points = np.frombuffer(padded.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64)
        at = np.minimum(np.searchsorted(self.alphabet, points), self.alphabet.size - 1)
        codes = np.where(self.alphabet[at] == points, at + 1, 0)
        lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words)) + 2
        word_of = np.repeat(np.arange(len(words)), lengths)
        ends = np.cumsum(lengths)[word_of]  # where each position's padded word ends
        rows, columns = [], []
        for n in range(self.char_low, self.char_high + 1):
            starts = np.flatnonzero(np.arange(points.size) + n <= ends)
            zeros = np.concatenate([[0], np.cumsum(codes == 0)])
            starts = starts[zeros[starts + n] == zeros[starts]]  # a character no n-gram holds: no match
            keys = np.zeros(starts.size, dtype=np.int64)
            for offset in range(n):
                keys = (keys << self.bits) | codes[starts + offset]
            found, found_columns = self.char_grams.get(n, _NONE).find(keys)
            rows.append(word_of[starts[found]])
            columns.append(found_columns)
        return _counts(np.concatenate(rows), np.concatenate(columns), (len(words), self.n_chars))
