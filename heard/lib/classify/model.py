"""The theme and sentiment model: word and character n-gram TF-IDF, one logistic regression per theme, and
one-vs-rest logistic regressions for sentiment; inner cross-validation on the training data gives each theme a
threshold and turns every score into a calibrated probability (heard.lib.classify.calibrate).

Pure Python on scikit-learn, numpy and scipy; trains from a few thousand comments in seconds on two cores.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from heard.lib.classify import embedding
from heard.lib.classify.calibrate import IDENTITY, best_threshold, platt, sigmoid, softmax, vector_scaling
from heard.lib.classify.features import Features
from heard.lib.classify.fitting import _fit_themes
from heard.lib.classify.lexicon import N_FEATURES, LexiconWeights, lexicon_features, raw_columns, standardised
from heard.lib.classify.stack import SentimentStack, fit_stack
from heard.lib.classify.stratify import iterative_stratified_splits

LABELLING_NOT_POSSIBLE = "Labelling not possible"

# Sentiment 1-5 (1 = very positive) folded into three groups.
SENTIMENT_GROUPS = ("positive", "neutral", "negative")
_GROUP_OF_SCORE = {1: 0, 2: 0, 3: 1, 4: 2, 5: 2}
_GROUP_OF_INDEX = np.array([0, 0, 1, 2, 2])

_HAS_WORD = re.compile(r"\w")


def is_blank(text: str | None) -> bool:
    """True when there is nothing to code: no text, or no letter or digit in it."""
    return text is None or not _HAS_WORD.search(text)


def sentiment_group(score: int) -> str:
    """'positive' (1-2), 'neutral' (3, neutral or mixed) or 'negative' (4-5)."""
    return SENTIMENT_GROUPS[_GROUP_OF_SCORE[score]]


@dataclass(frozen=True)
class Options:
    """Hyper-parameters. Chosen by repeated cross-validation (bench/classify.py), not for one split."""

    word_ngrams: tuple[int, int] = (1, 2)
    char_ngrams: tuple[int, int] = (2, 5)
    min_df: int = 2
    max_char_features: int = 150_000
    theme_c: float = 8.0
    sentiment_c: float = 4.0
    inner_folds: int = 3
    # Below this many positive examples a theme keeps threshold 0.5 (too few to tune on).
    min_positives_to_tune: int = 8
    threshold_grid: tuple[float, ...] = tuple(np.round(np.arange(0.10, 0.91, 0.05), 2))
    seed: int = 0
    # Words after "not", "no", "never", "n't"... (up to this many, in the same clause) also count as negated words.
    # Off: it gained nothing clear in cross-validation and made the small test model call a complaint positive.
    negation_scope: int = 0
    # Re-map scores to calibrated probabilities, fitted on the inner folds' out-of-fold scores.
    calibrate: bool = True
    # Weight of the sentiment lexicon's columns (standardised, then times this) beside the n-grams, for sentiment
    # only; 0 leaves them out.
    sentiment_lexicon: float = 0.1
    # Weight of the clause-at-a-time columns (heard.lib.classify.clauses: each comment's strongest positive and
    # negative sentence or clause, both present, the last one's polarity...) beside them; 0 leaves them out.
    sentiment_clauses: float = 0.0
    # Weight of the 256 static-embedding columns (embedding.py) beside the n-grams (docs/performance.md); 0: none.
    theme_embedding: float = 0.5
    sentiment_embedding: float = 0.5
    # Weight of each theme's centroid prior (embedding.theme_centroids, docs/performance.md); 0: none.
    theme_centroids: float = 2.0
    # Decide the sentiment group with a second stage over the three group scores and the lexicon (stack.py).
    sentiment_stack: bool = True


@dataclass(frozen=True)
class ThemeScore:
    theme: str
    confidence: float


@dataclass(frozen=True)
class Prediction:
    """What the model says about one text."""

    themes: tuple[ThemeScore, ...]
    """Themes assigned, most confident first."""
    scores: dict[str, float]
    """Confidence (0-1) for every theme the model knows."""
    sentiment: int | None
    """1 (very positive) to 5 (very negative); None when there is nothing to code."""
    sentiment_group: str | None
    """'positive', 'neutral' or 'negative'; None when there is nothing to code."""
    sentiment_confidence: float | None = None
    """Probability (0-1) that the sentiment group is right; None when there is no sentiment."""

    @property
    def theme_names(self) -> list[str]:
        return [score.theme for score in self.themes]


@dataclass
class Matrices:
    """Predictions for many texts as arrays (fast path for files of thousands of comments)."""

    assigned: NDArray[np.uint8]  # rows x themes, 0/1
    confidence: NDArray[np.float64]  # rows x themes, 0-1
    sentiment: NDArray[np.int64]  # rows; 0 where there is nothing to code
    sentiment_confidence: NDArray[np.float64]  # rows: probability of the sentiment's group; 0 where none


@dataclass
class ThemeModel:
    """A trained model. Build one with `train()`; predict with `predict()` or `predict_matrices()`."""

    themes: list[str]
    options: Options
    features: Features
    weights: NDArray[np.float32]
    intercepts: NDArray[np.float64]
    thresholds: NDArray[np.float64]
    sentiment_weights: NDArray[np.float32] | None
    sentiment_intercepts: NDArray[np.float64] | None
    training_size: int = 0
    notes: dict[str, str] = field(default_factory=dict)
    sentiment_lexicon: LexiconWeights | None = None
    """What the sentiment lexicon's columns add to the sentiment logits (None: no lexicon)."""
    calibration: NDArray[np.float64] | None = None
    """themes x 2: slope and intercept of each theme's Platt scaling (None: raw scores)."""
    sentiment_calibration: tuple[NDArray[np.float64], NDArray[np.float64]] | None = None
    """3x3 weights and 3 intercepts mapping the groups' scores to probabilities (None: raw scores)."""
    embedding_weights: NDArray[np.float32] | None = None
    """256 x (themes + 5): what the static embedding adds to the theme and sentiment logits (None: not read)."""
    sentiment_stack: SentimentStack | None = None
    """The second stage that turns the three group logits and the lexicon into the group's logits (None: none)."""

    def theme_probabilities(self, theme_logits: NDArray[np.float64]) -> NDArray[np.float64]:
        if self.calibration is None:
            return sigmoid(theme_logits)
        return sigmoid(theme_logits * self.calibration[:, 0] + self.calibration[:, 1])

    def sentiment_probabilities(self, logits: NDArray[np.float64]) -> NDArray[np.float64]:
        """Probabilities of positive, neutral and negative from the sentiment logits (rows x 5)."""
        if self.sentiment_calibration is None:
            raw = sigmoid(logits[:, :3])
            out: NDArray[np.float64] = raw / raw.sum(axis=1, keepdims=True)
            return out
        weights, intercepts = self.sentiment_calibration
        return softmax(logits[:, :3] @ weights + intercepts)

    def predict_matrices(self, texts: Sequence[str | None]) -> Matrices:
        clean = ["" if text is None else str(text) for text in texts]
        blank = np.array([is_blank(text) for text in clean], dtype=bool)
        n_rows, n_themes = len(clean), len(self.themes)
        assigned = np.zeros((n_rows, n_themes), dtype=np.uint8)
        confidence = np.zeros((n_rows, n_themes))
        sentiment = np.zeros(n_rows, dtype=np.int64)
        sentiment_confidence = np.zeros(n_rows)
        rows = np.flatnonzero(~blank)
        if rows.size:
            # The same words get the same answer: work each distinct text out once ("Nothing", "Very good").
            distinct: dict[str, int] = {}
            which = np.array([distinct.setdefault(clean[row], len(distinct)) for row in rows], dtype=np.int64)
            theme_logits, sentiment_logits = self._logits_in_parallel(list(distinct))
            probabilities = self.theme_probabilities(theme_logits)
            passed = probabilities >= self.thresholds
            # Every comment says something: when no theme passes, take the one closest to its threshold.
            none = ~passed.any(axis=1)
            if none.any():
                ratio = probabilities[none] / self.thresholds
                passed[np.flatnonzero(none), np.argmax(ratio, axis=1)] = True
            assigned[rows] = passed[which]
            confidence[rows] = probabilities[which]
            if sentiment_logits is not None:
                scores = _scores_from_logits(sentiment_logits)
                group = _GROUP_OF_INDEX[scores - 1]
                probability = self.sentiment_probabilities(sentiment_logits)[np.arange(len(scores)), group]
                sentiment[rows] = scores[which]
                sentiment_confidence[rows] = probability[which]
        if LABELLING_NOT_POSSIBLE in self.themes:
            lnp = self.themes.index(LABELLING_NOT_POSSIBLE)
            assigned[blank] = 0
            assigned[blank, lnp] = 1
            confidence[blank, lnp] = 1.0
            # A comment the model codes as "Labelling not possible" carries no sentiment either.
            no_sentiment = assigned[:, lnp] == 1
            sentiment[no_sentiment] = 0
            sentiment_confidence[no_sentiment] = 0.0
        return Matrices(
            assigned=assigned, confidence=confidence, sentiment=sentiment, sentiment_confidence=sentiment_confidence
        )

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state.pop("_stacked", None)  # built from the weights on first use, not saved
        return state

    def _stacked_weights(self) -> NDArray[np.float64]:
        """Theme and sentiment weights side by side, IDF folded in: one product gives every logit."""
        if "_stacked" not in self.__dict__:
            parts = [self.weights] if self.sentiment_weights is None else [self.weights, self.sentiment_weights]
            self.__dict__["_stacked"] = self.features.idf_weights(np.hstack(parts))
        stacked: NDArray[np.float64] = self.__dict__["_stacked"]
        return stacked

    def _logits(self, texts: Sequence[str]) -> tuple[NDArray[np.float64], NDArray[np.float64] | None]:
        products = self.features.times(texts, self._stacked_weights())
        products = products + embedding.logits(texts, self.embedding_weights, products.shape[1])
        n_themes = len(self.themes)
        themes = products[:, :n_themes] + self.intercepts
        if self.sentiment_weights is None or self.sentiment_intercepts is None:
            return themes, None
        return themes, self._with_lexicon(products[:, n_themes:] + self.sentiment_intercepts, texts)

    def _logits_each(self, texts: Sequence[str]) -> tuple[NDArray[np.float64], NDArray[np.float64] | None]:
        """The same logits from the text-by-text features, in double precision (the reference the fast path is
        tested against)."""
        x = sp.hstack(self.features.transform_each(texts), format="csr").astype(np.float64)
        n_themes, extra = len(self.themes), embedding.logits(texts, self.embedding_weights, len(self.themes) + 5)
        themes = np.asarray(x @ self.weights.astype(np.float64)) + self.intercepts + extra[:, :n_themes]
        if self.sentiment_weights is None or self.sentiment_intercepts is None:
            return themes, None
        sentiment = np.asarray(x @ self.sentiment_weights.astype(np.float64)) + self.sentiment_intercepts
        sentiment += extra[:, n_themes:]
        return themes, self._with_lexicon(sentiment, texts)

    def _with_lexicon(self, sentiment: NDArray[np.float64], texts: Sequence[str]) -> NDArray[np.float64]:
        """The sentiment logits plus what the sentiment lexicon's columns add, then the groups' logits from the
        second stage (heard.lib.classify.stack) when the model has one."""
        lexicon, stack = self.sentiment_lexicon, self.sentiment_stack
        if lexicon is None and stack is None:
            return sentiment
        raw = raw_columns(texts, clauses=lexicon is not None and lexicon.clauses)
        sentiment = sentiment + (0.0 if lexicon is None else lexicon.logits_of(raw))
        if stack is not None:
            sentiment[:, :3] = stack.group_logits(sentiment[:, :3], raw[:, :N_FEATURES])
        return sentiment

    def _logits_in_parallel(self, texts: list[str]) -> tuple[NDArray[np.float64], NDArray[np.float64] | None]:
        """For big files on a machine with cores to spare, the texts are split over forked workers, one a free
        core (the load average says how many are busy)."""
        cores = os.cpu_count() or 1
        # One worker a core that is free: on a busy machine a second worker only waits for the first one's core.
        workers = min(cores - int(os.getloadavg()[0]), 4)
        if len(texts) < PARALLEL_FROM or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
            return self._logits(texts)
        global _FORKED_MODEL
        _FORKED_MODEL = self  # forked workers inherit the model instead of unpickling it
        try:
            bounds = np.linspace(0, len(texts), workers + 1).astype(int)
            chunks = [texts[start:end] for start, end in itertools.pairwise(bounds)]
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                parts = pool.map(_logits_of_chunk, chunks)
        finally:
            _FORKED_MODEL = None
        themes = np.vstack([part[0] for part in parts])
        sentiments = [part[1] for part in parts]
        return themes, None if sentiments[0] is None else np.vstack(sentiments)  # type: ignore[arg-type]

    def predict(self, texts: Sequence[str | None]) -> list[Prediction]:
        matrices = self.predict_matrices(texts)
        predictions = []
        for row in range(len(texts)):
            chosen = np.flatnonzero(matrices.assigned[row])
            order = chosen[np.argsort(-matrices.confidence[row, chosen])]
            score = int(matrices.sentiment[row])
            predictions.append(
                Prediction(
                    themes=tuple(
                        ThemeScore(self.themes[i], round(float(matrices.confidence[row, i]), 4)) for i in order
                    ),
                    scores={theme: round(float(matrices.confidence[row, i]), 4) for i, theme in enumerate(self.themes)},
                    sentiment=score or None,
                    sentiment_group=sentiment_group(score) if score else None,
                    sentiment_confidence=round(float(matrices.sentiment_confidence[row]), 4) if score else None,
                )
            )
        return predictions


PARALLEL_FROM = 10_000  # distinct comments; below this, starting workers costs more than it saves
_FORKED_MODEL: ThemeModel | None = None


def _logits_of_chunk(texts: list[str]) -> tuple[NDArray[np.float64], NDArray[np.float64] | None]:
    assert _FORKED_MODEL is not None
    return _FORKED_MODEL._logits(texts)


def _scores_from_logits(logits: NDArray[np.float64]) -> NDArray[np.int64]:
    """The group with the highest logit, then 1 or 2 (positive) and 4 or 5 (negative) by the "very" column."""
    group = np.argmax(logits[:, :3], axis=1)
    scores: NDArray[np.int64] = np.array([2, 3, 4])[group]
    scores[(group == 0) & (logits[:, 3] > 0)] = 1
    scores[(group == 2) & (logits[:, 4] > 0)] = 5
    return scores


def _label_matrix(labels: Sequence[Collection[str]], themes: Sequence[str]) -> NDArray[np.bool_]:
    index = {theme: i for i, theme in enumerate(themes)}
    y = np.zeros((len(labels), len(themes)), dtype=bool)
    for row, row_labels in enumerate(labels):
        for theme in row_labels:
            y[row, index[theme]] = True
    return y


def train(
    texts: Sequence[str],
    labels: Sequence[Collection[str]],
    sentiments: Sequence[int | None] | None = None,
    *,
    themes: Sequence[str] | None = None,
    options: Options | None = None,
) -> ThemeModel:
    """Train a model from texts, the themes of each text, and optionally a sentiment 1-5 (None = not scored).

    `themes` fixes the order of the model's themes (default: first-seen order); a theme may have no example.
    Blank texts are left out of training: they are always "Labelling not possible".
    """
    options = options or Options()
    if len(texts) != len(labels) or (sentiments is not None and len(sentiments) != len(texts)):
        raise ValueError("texts, labels and sentiments must have the same length")
    theme_list = list(themes) if themes is not None else list(dict.fromkeys(t for row in labels for t in row))
    unknown = {t for row in labels for t in row} - set(theme_list)
    if unknown:
        raise ValueError(f"labels name themes not in `themes`: {sorted(unknown)}")
    for score in sentiments or []:
        if score is not None and score not in _GROUP_OF_SCORE:
            raise ValueError(f"sentiment must be 1-5 or None, not {score!r}")
    keep = [i for i, text in enumerate(texts) if not is_blank(text)]
    if not keep:
        raise ValueError("no text to train on")
    kept_texts = [texts[i] for i in keep]
    y = _label_matrix([labels[i] for i in keep], theme_list)

    features = Features(options)
    x = features.fit_transform(kept_texts).astype(np.float64)
    n_grams, embedded = x.shape[1], embedding.embed_for(kept_texts, options)
    # Sentiment 1-5 of each kept text, 0 where not scored.
    target = np.zeros(len(keep), dtype=np.int64)
    if sentiments is not None:
        target = np.array([sentiments[row] or 0 for row in keep], dtype=np.int64)
    # Sentiment also reads the lexicon's few columns, after the n-grams; themes read the n-grams only.
    x_sentiment, lexicon = x, None
    if (options.sentiment_lexicon > 0 or options.sentiment_clauses > 0) and target.any():
        columns, lexicon = standardised(kept_texts, options.sentiment_lexicon, options.sentiment_clauses)
        x_sentiment = sp.hstack([x, sp.csr_matrix(columns)], format="csr")
    n_sentiment, x = x_sentiment.shape[1], embedding.beside(x, embedded, options.theme_embedding)
    x_sentiment = embedding.beside(x_sentiment, embedded, options.sentiment_embedding)
    prior = (np.zeros((embedding.DIMENSIONS, y.shape[1])), np.zeros(y.shape[1]))
    if embedded is not None and options.theme_centroids:
        prior = embedding.theme_centroids(embedded, y, options.theme_centroids)
    offset = None if embedded is None else embedded @ prior[0] + prior[1]
    stack_columns = lexicon_features(kept_texts) if options.sentiment_stack and target.any() else None
    inner = _inner_cross_validation(x, y, target, options, x_sentiment, offset, stack_columns)
    weights, intercepts = _fit_themes(x, y, options.theme_c)
    intercepts = intercepts + prior[1]
    embedding_weights = None if embedded is None else np.zeros((embedding.DIMENSIONS, len(theme_list) + 5))
    if embedding_weights is not None:
        own = weights[n_grams:] * options.theme_embedding if options.theme_embedding else 0.0
        embedding_weights[:, : len(theme_list)] = own + prior[0]
    weights = weights[:n_grams]

    sentiment_weights = sentiment_intercepts = None
    scored = np.flatnonzero(target)
    if scored.size:
        sentiment_weights, sentiment_intercepts = _fit_sentiment(
            x_sentiment[scored], target[scored], options.sentiment_c
        )
        if embedding_weights is not None and options.sentiment_embedding:
            embedding_weights[:, len(theme_list) :] = sentiment_weights[n_sentiment:] * options.sentiment_embedding
        if lexicon is not None:
            lexicon = replace(lexicon, weights=sentiment_weights[n_grams:n_sentiment])
        sentiment_weights = sentiment_weights[:n_grams]

    return ThemeModel(
        themes=theme_list,
        options=options,
        features=features,
        weights=weights.astype(np.float32),
        intercepts=intercepts,
        thresholds=inner.thresholds,
        sentiment_weights=None if sentiment_weights is None else sentiment_weights.astype(np.float32),
        sentiment_intercepts=sentiment_intercepts,
        training_size=len(keep),
        sentiment_lexicon=lexicon,
        calibration=inner.calibration,
        sentiment_calibration=inner.sentiment_calibration,
        embedding_weights=None if embedding_weights is None else embedding_weights.astype(np.float32),
        sentiment_stack=inner.sentiment_stack,
    )


def _fit_sentiment(
    x: sp.csr_matrix, target: NDArray[np.int64], c: float
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Five columns: one-vs-rest logistic regressions for the three groups (positive, neutral, negative), then
    "very positive" (1 against 2) among positive comments and "very negative" (5 against 4) among negative ones."""
    group = _GROUP_OF_INDEX[target - 1]
    weights = np.zeros((x.shape[1], 5))
    intercepts = np.zeros(5)
    group_weights, group_intercepts = _fit_themes(x, group[:, None] == np.arange(3)[None, :], c)
    weights[:, :3], intercepts[:3] = group_weights, group_intercepts
    for column, (rows, very) in enumerate([(group == 0, target == 1), (group == 2, target == 5)], start=3):
        if rows.any():
            very_weights, very_intercepts = _fit_themes(x[rows], very[rows][:, None], c, n_jobs=1)
            weights[:, column], intercepts[column] = very_weights[:, 0], very_intercepts[0]
    return weights, intercepts


@dataclass
class _Inner:
    thresholds: NDArray[np.float64]
    calibration: NDArray[np.float64] | None
    sentiment_calibration: tuple[NDArray[np.float64], NDArray[np.float64]] | None
    sentiment_stack: SentimentStack | None = None


def _inner_cross_validation(
    x: sp.csr_matrix,
    y: NDArray[np.bool_],
    sentiments: NDArray[np.int64],
    options: Options,
    x_sentiment: sp.csr_matrix | None = None,
    offset: NDArray[np.float64] | None = None,
    stack_columns: NDArray[np.float64] | None = None,
) -> _Inner:
    """Out-of-fold scores of the training data (each part scored by a model trained on the others) give each theme
    the threshold that maximises its F1 and, with `options.calibrate`, the calibration of every score.
    `x_sentiment` (default `x`) is what the sentiment model reads; `offset` is added to the theme scores; with
    `stack_columns` (the lexicon's raw columns of every row) the sentiment's second stage is fitted on the
    out-of-fold group scores and calibrated instead."""
    if x_sentiment is None:
        x_sentiment = x
    n_themes = y.shape[1]
    inner = _Inner(
        thresholds=np.full(n_themes, 0.5),
        calibration=np.tile(IDENTITY, (n_themes, 1)) if options.calibrate else None,
        sentiment_calibration=None,
    )
    positives = y.sum(axis=0)
    tunable = positives >= options.min_positives_to_tune
    scored = options.calibrate and bool((sentiments > 0).any())
    # Calibration needs a few examples in every fold; thresholds need more.
    fitted = positives >= max(options.inner_folds, 3) if options.calibrate else tunable
    if not fitted.any() or y.shape[0] < options.inner_folds * 2:
        return inner
    columns = np.flatnonzero(fitted)
    out_of_fold = np.zeros(y.shape)
    sentiment_logits = np.zeros((y.shape[0], 3))
    group = np.where(sentiments > 0, _GROUP_OF_INDEX[np.maximum(sentiments, 1) - 1], -1)
    # Folds stratified on the tunable themes, as before calibration, so the thresholds come out the same.
    strata = y[:, tunable] if tunable.any() else y[:, fitted]
    for train_rows, test_rows in iterative_stratified_splits(strata, options.inner_folds, seed=options.seed):
        weights, intercepts = _fit_themes(x[train_rows], y[train_rows][:, fitted], options.theme_c)
        out_of_fold[np.ix_(test_rows, columns)] = np.asarray(x[test_rows] @ weights) + intercepts
        train_scored = train_rows[group[train_rows] >= 0]
        if scored and train_scored.size:
            truth = group[train_scored][:, None] == np.arange(3)[None, :]
            weights, intercepts = _fit_themes(x_sentiment[train_scored], truth, options.sentiment_c)
            sentiment_logits[test_rows] = np.asarray(x_sentiment[test_rows] @ weights) + intercepts
    if offset is not None:
        out_of_fold += offset
    # Thresholds are chosen on the regressions' own scores, then carried over to the calibrated scale (the
    # re-mapping keeps their order), so calibrating changes what a suggestion says about itself, not which
    # themes are suggested. A theme too rare to tune keeps its regression's 0.5.
    for column in np.flatnonzero(tunable):
        inner.thresholds[column] = best_threshold(sigmoid(out_of_fold[:, column]), y[:, column], options.threshold_grid)
    if inner.calibration is not None:
        for column in columns:
            inner.calibration[column] = platt(out_of_fold[:, column], y[:, column])
        raw = np.log(inner.thresholds / (1 - inner.thresholds))
        inner.thresholds = sigmoid(raw * inner.calibration[:, 0] + inner.calibration[:, 1])
        rows = np.flatnonzero(group >= 0)
        fitted_stack = (
            None
            if stack_columns is None or not rows.size
            else fit_stack(sentiment_logits[rows], stack_columns[rows], group[rows], seed=options.seed)
        )
        if fitted_stack is not None:
            inner.sentiment_stack, sentiment_logits[rows] = fitted_stack
        if rows.size:
            inner.sentiment_calibration = vector_scaling(sentiment_logits[rows], group[rows])
    return inner
