"""A second look at sentiment: the group (positive, neutral or mixed, negative) decided from the first model's three
scores and the sentiment lexicon's six columns together, with a nudge towards "neutral or mixed" chosen for
macro F1.

The first model's one-vs-rest regressions each read the n-grams on their own, and the "neutral or mixed" one rarely
wins: a mixed comment ("Operator was lovely however ambulance took more than 2 hours") scores fairly high on both
positive and negative. A small balanced multinomial regression over the three scores (out-of-fold scores of the
training comments, so it learns how they behave on comments the first model did not train on) and the lexicon's
columns (positive and negative valence, the smaller of the two, length, negations, turns) learns that "both sides
high" means mixed. Its neutral nudge is the offset, among a grid, that gives the best macro F1 on its own
out-of-fold predictions (smoothed over neighbouring offsets), so a lucky fold does not pick an extreme.

Trained with scikit-learn; predicting is one standardisation and one 9 x 3 product in numpy.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

C = 1.0
OFFSETS = tuple(np.round(np.linspace(-0.3, 0.3, 25), 3))
NEUTRAL = 1


@dataclass(frozen=True)
class SentimentStack:
    """The second stage: group logits from the first model's three group logits and the raw lexicon columns."""

    shift: NDArray[np.float64]  # 3 + lexicon columns
    scale: NDArray[np.float64]  # 3 + lexicon columns
    weights: NDArray[np.float64]  # (3 + lexicon columns) x 3
    intercepts: NDArray[np.float64]  # 3, the neutral nudge included

    def group_logits(self, logits: NDArray[np.float64], lexicon: NDArray[np.float64]) -> NDArray[np.float64]:
        """Rows x 3: positive, neutral and negative; the highest is the group given."""
        z = (np.hstack([logits, lexicon]) - self.shift) / self.scale
        out: NDArray[np.float64] = z @ self.weights + self.intercepts
        return out


def _macro_f1(truth: NDArray[np.int64], given: NDArray[np.int64]) -> float:
    scores = []
    for group in range(3):
        both = np.sum((truth == group) & (given == group))
        denominator = np.sum(truth == group) + np.sum(given == group)
        scores.append(2 * both / denominator if denominator else 0.0)
    return float(np.mean(scores))


def best_offset(logits: NDArray[np.float64], truth: NDArray[np.int64]) -> float:
    """The nudge added to the neutral logit that gives the best macro F1, smoothed over neighbouring nudges."""
    scores = []
    for offset in OFFSETS:
        nudged = logits.copy()
        nudged[:, NEUTRAL] += offset
        scores.append(_macro_f1(truth, np.argmax(nudged, axis=1)))
    smoothed = np.convolve(np.pad(scores, 1, mode="edge"), np.ones(3) / 3, mode="valid")
    return float(OFFSETS[int(np.argmax(smoothed))])


def fit_stack(
    logits: NDArray[np.float64], lexicon: NDArray[np.float64], groups: NDArray[np.int64], *, seed: int = 0
) -> tuple[SentimentStack, NDArray[np.float64]] | None:
    """The stack fitted on the training comments' out-of-fold group logits, their lexicon columns and their groups
    (0 positive, 1 neutral, 2 negative), and its own out-of-fold logits (to calibrate its confidence on).
    None when a group has too few comments to fit it."""
    if np.bincount(groups, minlength=3).min() < 6:
        return None
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    columns = np.hstack([logits, lexicon])
    shift = columns.mean(axis=0)
    scale = columns.std(axis=0)
    scale[scale == 0] = 1.0
    z = (columns - shift) / scale

    def regression() -> LogisticRegression:
        return LogisticRegression(C=C, class_weight="balanced", max_iter=2000)

    out_of_fold = np.zeros((len(groups), 3))
    for train_rows, test_rows in StratifiedKFold(3, shuffle=True, random_state=seed).split(z, groups):
        out_of_fold[test_rows] = regression().fit(z[train_rows], groups[train_rows]).decision_function(z[test_rows])
    offset = best_offset(out_of_fold, groups)
    out_of_fold[:, NEUTRAL] += offset
    fitted = regression().fit(z, groups)
    intercepts = fitted.intercept_.astype(np.float64)
    intercepts[NEUTRAL] += offset
    stack = SentimentStack(shift=shift, scale=scale, weights=fitted.coef_.T.astype(np.float64), intercepts=intercepts)
    return stack, out_of_fold
