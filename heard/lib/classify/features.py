"""Word and character n-gram TF-IDF for the theme and sentiment model.

Fitted with scikit-learn's TfidfVectorizer, then kept as plain vocabularies and weights with the same arithmetic
re-done here, so predicting needs no scikit-learn import (seconds saved on every `heard classify`).

Character n-grams are the costly part (a hundred or more per comment, each looked up in a dictionary). They are
n-grams of single words ("char_wb"), so they are worked out once per distinct word and added up with one sparse
matrix product: texts x words times words x n-grams. The counts are exactly the ones scikit-learn computes.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from heard.lib.classify.batch import BatchFeatures

if TYPE_CHECKING:
    from heard.lib.classify.model import Options

_DIGITS = re.compile(r"\d+")
WORD_PATTERN = r"(?u)\b\w+\b"  # one-letter words too ("a & e", "i")
_WORD_RE = re.compile(WORD_PATTERN)
_WHITE_SPACES = re.compile(r"\s\s+")
# A clause ends at punctuation; negation reaches no further than its clause.
_CLAUSE = re.compile(r"[.,;:!?()\n]+")
# "don't", "can't", "isn't" split into "don" "t": the "t" is the negation.
NEGATORS = frozenset({"not", "no", "never", "t", "nor", "without", "cannot", "nothing", "hardly", "nobody", "none"})
NEGATED = "neg_"


def normalise(text: str) -> str:
    # Numbers carry little meaning here but many distinct tokens ("2 hours", "45 minutes"): keep that there was one.
    return _DIGITS.sub("0", text.lower())


def negated_words(text: str, scope: int) -> list[str]:
    """The words that follow a negation in the same clause (at most `scope` of them), marked: "the staff were not
    helpful" -> ["neg_helpful"]. Added beside the plain words, so "not helpful" no longer reads as "helpful"."""
    marked: list[str] = []
    for clause in _CLAUSE.split(text):
        tokens = _WORD_RE.findall(clause)
        left = 0
        for token in tokens:
            if token in NEGATORS:
                left = scope
            elif left:
                marked.append(NEGATED + token)
                left -= 1
    return marked


def word_grams(text: str, low: int, high: int, negation_scope: int = 0) -> list[str]:
    normalised = normalise(text)
    tokens = _WORD_RE.findall(normalised)
    grams = list(tokens) if low == 1 else []
    if low <= 2 <= high:
        grams.extend([f"{a} {b}" for a, b in itertools.pairwise(tokens)])
    for n in range(max(low, 3), min(high, len(tokens)) + 1):
        grams.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    if negation_scope and not NEGATORS.isdisjoint(tokens):
        grams.extend(negated_words(normalised, negation_scope))
    return grams


def char_wb_grams(text: str, low: int, high: int) -> list[str]:
    grams: list[str] = []
    for word in _WHITE_SPACES.sub(" ", normalise(text)).split():
        grams.extend(_word_char_grams(word, low, high))
    return grams


def _word_char_grams(word: str, low: int, high: int) -> list[str]:
    padded = f" {word} "
    length = len(padded)
    grams: list[str] = []
    for n in range(low, high + 1):
        if length <= n:
            grams.append(padded)  # a short word counts once
            break
        grams.extend(padded[i : i + n] for i in range(length - n + 1))
    return grams


def _weigh(counts: sp.csr_matrix, idf: NDArray[np.float32]) -> sp.csr_matrix:
    """Sublinear TF-IDF with l2-normalised rows, as scikit-learn's TfidfVectorizer computes it."""
    counts = counts.tocsr()
    data = (1.0 + np.log(counts.data.astype(np.float32))) * idf[counts.indices]
    matrix = sp.csr_matrix((data, counts.indices, counts.indptr), shape=counts.shape)  # .astype() would sort
    lengths = np.diff(matrix.indptr)
    row_of = np.repeat(np.arange(matrix.shape[0]), lengths)
    norms = np.sqrt(np.bincount(row_of, weights=matrix.data * matrix.data, minlength=matrix.shape[0]))
    norms[norms == 0] = 1.0
    matrix.data /= norms[row_of].astype(np.float32)
    return matrix


def _sublinear_times(
    counts: sp.csr_matrix, idf: NDArray[np.float32], idf_weights: NDArray[np.float64]
) -> NDArray[np.float64]:
    """`_weigh(counts, idf) @ weights`, where idf_weights = idf * weights: (1 + log count) times the weights,
    each row divided by its TF-IDF l2 norm afterwards (a few columns instead of every n-gram)."""
    counts = counts.tocsr()
    # Not .astype(): that first sorts every row's columns, the costliest step of all here.
    tf = sp.csr_matrix((1.0 + np.log(counts.data.astype(np.float64)), counts.indices, counts.indptr), counts.shape)
    squares = sp.csr_matrix((tf.data * tf.data, tf.indices, tf.indptr), shape=tf.shape)
    norms = np.sqrt(squares @ np.square(idf.astype(np.float64)))
    norms[norms == 0] = 1.0
    out: NDArray[np.float64] = np.asarray(tf @ idf_weights) / norms[:, None]
    return out


def _count_rows(rows: Iterable[Iterable[str]], vocabulary: dict[str, int], n_rows: int) -> sp.csr_matrix:
    """Rows x vocabulary counts of the grams in each row that the vocabulary knows."""
    get = vocabulary.get
    columns: list[int] = []
    lengths: list[int] = []
    for grams in rows:
        known = [column for column in map(get, grams) if column is not None]
        columns.extend(known)
        lengths.append(len(known))
    row_of = np.repeat(np.arange(n_rows, dtype=np.int32), lengths)
    counts = sp.coo_matrix(
        (np.ones(len(columns), dtype=np.float32), (row_of, np.asarray(columns, dtype=np.int32))),
        shape=(n_rows, len(vocabulary)),
    )
    return counts.tocsr()  # adds up repeated (row, column) pairs


def tfidf(
    texts: Sequence[str], grams: Callable[[str], list[str]], vocabulary: dict[str, int], idf: NDArray[np.float32]
) -> sp.csr_matrix:
    return _weigh(_count_rows((grams(text) for text in texts), vocabulary, len(texts)), idf)


def char_tfidf(
    texts: Sequence[str], vocabulary: dict[str, int], idf: NDArray[np.float32], low: int, high: int
) -> sp.csr_matrix:
    """Character n-gram TF-IDF by way of the distinct words: each word's n-grams are counted once."""
    words: dict[str, int] = {}
    columns: list[int] = []
    lengths: list[int] = []
    add = words.setdefault
    for text in texts:
        tokens = normalise(text).split()
        columns.extend([add(token, len(words)) for token in tokens])
        lengths.append(len(tokens))
    row_of = np.repeat(np.arange(len(texts), dtype=np.int32), lengths)
    text_words = sp.coo_matrix(
        (np.ones(len(columns), dtype=np.float32), (row_of, np.asarray(columns, dtype=np.int32))),
        shape=(len(texts), len(words)),
    ).tocsr()
    word_grams = _count_rows((_word_char_grams(word, low, high) for word in words), vocabulary, len(words))
    return _weigh(text_words @ word_grams, idf)


class Features:
    """Word and character n-gram TF-IDF, side by side (plus negated words when `negation_scope` > 0)."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.word_vocabulary: dict[str, int] = {}
        self.word_idf = np.zeros(0, dtype=np.float32)
        self.char_vocabulary: dict[str, int] = {}
        self.char_idf = np.zeros(0, dtype=np.float32)

    def _word_analyser(self) -> Callable[[str], list[str]]:
        low, high = self.options.word_ngrams
        scope = self.options.negation_scope
        return lambda text: word_grams(text, low, high, scope)

    def fit_transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        from sklearn.feature_extraction.text import TfidfVectorizer

        options = self.options
        word = TfidfVectorizer(
            analyzer=self._word_analyser(), min_df=options.min_df, sublinear_tf=True, dtype=np.float32
        )
        char = TfidfVectorizer(
            preprocessor=normalise,
            analyzer="char_wb",
            ngram_range=options.char_ngrams,
            min_df=options.min_df,
            max_features=options.max_char_features,
            sublinear_tf=True,
            dtype=np.float32,
        )
        matrix = sp.hstack([word.fit_transform(texts), char.fit_transform(texts)], format="csr")
        self.word_vocabulary = {gram: int(i) for gram, i in word.vocabulary_.items()}
        self.word_idf = word.idf_.astype(np.float32)
        self.char_vocabulary = {gram: int(i) for gram, i in char.vocabulary_.items()}
        self.char_idf = char.idf_.astype(np.float32)
        return matrix

    def batch(self) -> BatchFeatures | None:
        """Tables for counting many texts' n-grams at once (heard.lib.classify.batch), built on first use and saved
        with the default model (heard.lib.classify.default builds them before saving it)."""
        if "_batch" not in self.__dict__:
            self.__dict__["_batch"] = BatchFeatures.of(self)
        batch: BatchFeatures | None = self.__dict__["_batch"]
        return batch

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        return sp.hstack(self.transform_parts(texts), format="csr")

    def transform_parts(self, texts: Sequence[str]) -> tuple[sp.csr_matrix, sp.csr_matrix]:
        """(word n-gram TF-IDF, character n-gram TF-IDF): all texts at once where the batch tables allow it."""
        batch = self.batch()
        counts = batch.counts(texts) if batch is not None else None
        if counts is None:
            return self.transform_each(texts)
        return _weigh(counts[0], self.word_idf), _weigh(counts[1], self.char_idf)

    def times(self, texts: Sequence[str], weights: NDArray[np.float64]) -> NDArray[np.float64]:
        """`transform(texts) @ weights` (features x columns), without building the weighted features: the
        IDF goes into the weights (`idf_weights`) and each row's l2 norm divides the product's few columns."""
        batch = self.batch()
        counts = batch.counts(texts) if batch is not None else None
        if counts is None:
            return np.asarray(self.transform(texts) @ weights, dtype=np.float64)
        split = len(self.word_vocabulary)
        word = _sublinear_times(counts[0], self.word_idf, weights[:split])
        char = _sublinear_times(counts[1], self.char_idf, weights[split:])
        return word + char

    def idf_weights(self, weights: NDArray[np.floating]) -> NDArray[np.float64]:
        """Weights for `times`: each feature's row multiplied by its IDF, in double precision."""
        idf = np.concatenate([self.word_idf, self.char_idf]).astype(np.float64)
        out: NDArray[np.float64] = np.asarray(weights, dtype=np.float64) * idf[:, None]
        return out

    def transform_each(self, texts: Sequence[str]) -> tuple[sp.csr_matrix, sp.csr_matrix]:
        """The same features text by text (the reference the batch counting is tested against)."""
        low, high = self.options.char_ngrams
        return (
            tfidf(texts, self._word_analyser(), self.word_vocabulary, self.word_idf),
            char_tfidf(texts, self.char_vocabulary, self.char_idf, low, high),
        )
