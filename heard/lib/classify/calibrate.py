"""Confidence that means what it says: turning the model's scores into calibrated probabilities, and measuring it.

A balanced logistic regression's probabilities are not probabilities of being right: balancing the classes
inflates the rare themes' scores (a theme seen in 1% of comments scores 50% where it is about as likely as not to
be wrong). So each theme's score is re-mapped with Platt scaling (a one-feature logistic regression fitted on
the model's out-of-fold scores of its own training data), and the sentiment groups' three scores with a small
multinomial logistic regression on the same out-of-fold scores (vector scaling). Both keep the order of the
scores within a theme; the sentiment one may change which group comes out on top, which is the point.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

IDENTITY = (1.0, 0.0)


def sigmoid(values: NDArray[np.float64]) -> NDArray[np.float64]:
    out: NDArray[np.float64] = 0.5 * (1.0 + np.tanh(0.5 * values))
    return out


def softmax(values: NDArray[np.float64]) -> NDArray[np.float64]:
    shifted = values - values.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    out: NDArray[np.float64] = exp / exp.sum(axis=1, keepdims=True)
    return out


def platt(logits: NDArray[np.float64], truth: NDArray[np.bool_]) -> tuple[float, float]:
    """(slope, intercept) so that sigmoid(slope * logit + intercept) is the probability the theme applies.
    Identity when there are too few examples of either kind to fit it."""
    positives = int(truth.sum())
    if positives < 2 or positives > len(truth) - 2:
        return IDENTITY
    from sklearn.linear_model import LogisticRegression

    fitted = LogisticRegression(C=100.0, solver="lbfgs").fit(logits.reshape(-1, 1), truth)
    slope = float(fitted.coef_[0, 0])
    if slope <= 0:  # a score that does not rise with the theme cannot be re-mapped sensibly
        return IDENTITY
    return slope, float(fitted.intercept_[0])


def vector_scaling(
    logits: NDArray[np.float64], groups: NDArray[np.int64]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """(weights 3x3, intercepts 3) so that softmax(logits @ weights + intercepts) are the groups' probabilities.
    Identity when a group has too few examples to fit it."""
    if np.bincount(groups, minlength=3).min() < 2:
        return np.eye(3), np.zeros(3)
    from sklearn.linear_model import LogisticRegression

    fitted = LogisticRegression(C=100.0, solver="lbfgs", max_iter=1000).fit(logits, groups)
    return fitted.coef_.T.copy(), fitted.intercept_.copy()


def best_threshold(probabilities: NDArray[np.float64], truth: NDArray[np.bool_], grid: Sequence[float]) -> float:
    """The threshold of `grid` that maximises F1 on these scores (smoothed over its neighbours)."""
    scores = []
    for threshold in grid:
        predicted = probabilities >= threshold
        true_positive = np.sum(predicted & truth)
        denominator = predicted.sum() + truth.sum()
        scores.append(2 * true_positive / denominator if denominator else 0.0)
    # Smooth over neighbouring thresholds so one lucky fold does not pick an extreme value.
    smoothed = np.convolve(np.pad(scores, 1, mode="edge"), np.ones(3) / 3, mode="valid")
    return float(grid[int(np.argmax(smoothed))])


@dataclass(frozen=True)
class Bin:
    low: float
    high: float
    count: int
    mean_confidence: float
    accuracy: float


def reliability(confidence: NDArray[np.float64], correct: NDArray[np.bool_], bins: int = 10) -> list[Bin]:
    """Equal-width bins of confidence: how many predictions fell in each, their mean confidence and how many of
    them were right."""
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(confidence, edges[1:-1], right=True), 0, bins - 1)
    table = []
    for b in range(bins):
        inside = which == b
        count = int(inside.sum())
        table.append(
            Bin(
                low=float(edges[b]),
                high=float(edges[b + 1]),
                count=count,
                mean_confidence=float(confidence[inside].mean()) if count else 0.0,
                accuracy=float(correct[inside].mean()) if count else 0.0,
            )
        )
    return table


def expected_calibration_error(confidence: NDArray[np.float64], correct: NDArray[np.bool_], bins: int = 10) -> float:
    """The gap between confidence and accuracy, averaged over the bins weighted by how many predictions they hold."""
    total = len(confidence)
    if not total:
        return 0.0
    return sum(b.count / total * abs(b.mean_confidence - b.accuracy) for b in reliability(confidence, correct, bins))
