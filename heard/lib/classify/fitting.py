"""Fitting the model's logistic regressions: one a theme, or one a sentiment group."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray


def _fit_one(x: sp.csr_matrix, target: NDArray[np.bool_], c: float) -> tuple[NDArray[np.float64], float]:
    if target.all():
        return np.zeros(x.shape[1]), 10.0
    if not target.any():
        return np.zeros(x.shape[1]), -10.0  # a theme with no example is never assigned
    from sklearn.linear_model import LogisticRegression

    regression = LogisticRegression(C=c, class_weight="balanced", solver="liblinear", max_iter=200)
    regression.fit(x, target)
    return regression.coef_[0], float(regression.intercept_[0])


def _fit_themes(
    x: sp.csr_matrix, y: NDArray[np.bool_], c: float, n_jobs: int | None = None
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """One balanced logistic regression per column of y; returns (weights features x themes, intercepts)."""
    # Two worker processes (not threads: liblinear holds the GIL while copying its input) pay off for a few
    # thousand comments; below that, starting them costs more than it saves.
    from sklearn.utils.parallel import Parallel, delayed

    if n_jobs is None:
        n_jobs = 2 if x.shape[0] >= 2000 and y.shape[1] > 2 else 1
    fitted = Parallel(n_jobs=n_jobs)(delayed(_fit_one)(x, y[:, column], c) for column in range(y.shape[1]))
    weights = np.column_stack([coef for coef, _ in fitted]) if fitted else np.zeros((x.shape[1], 0))
    intercepts = np.array([bias for _, bias in fitted])
    return weights, intercepts
