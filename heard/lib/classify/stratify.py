"""Multi-label stratified k-fold splits by iterative stratification (Sechidis, Tsoumakas and Vlahavas, 2011).

Rare themes (a handful of comments) end up spread across the folds instead of all landing in one, so every fold
can be scored on them and inner cross-validation can pick a threshold for them.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from numpy.typing import NDArray


def iterative_stratified_folds(
    labels: NDArray[np.integer] | NDArray[np.bool_], n_folds: int, *, seed: int = 0
) -> NDArray[np.int64]:
    """Return the fold number (0..n_folds-1) of each row of a 0/1 label matrix (rows x labels)."""
    y = np.asarray(labels, dtype=bool)
    if y.ndim != 2:
        raise ValueError("labels must be a 2-D 0/1 matrix (rows x labels)")
    n_rows = y.shape[0]
    if n_folds < 2 or n_folds > max(n_rows, 2):
        raise ValueError(f"cannot make {n_folds} folds from {n_rows} rows")
    rng = np.random.default_rng(seed)
    fold_of = np.full(n_rows, -1, dtype=np.int64)
    capacity = np.full(n_folds, n_rows / n_folds)
    label_capacity = np.outer(np.full(n_folds, 1.0 / n_folds), y.sum(axis=0))
    remaining = np.ones(n_rows, dtype=bool)
    # Rows with no label at all are dealt out at the end, to the folds with most room.
    while True:
        counts = y[remaining].sum(axis=0)
        present = np.flatnonzero(counts)
        if present.size == 0:
            break
        label = present[np.argmin(counts[present])]
        rows = np.flatnonzero(remaining & y[:, label])
        rng.shuffle(rows)
        for row in rows:
            need = label_capacity[:, label]
            best = np.flatnonzero(need == need.max())
            if best.size > 1:
                room = capacity[best]
                best = best[room == room.max()]
            fold = int(best[rng.integers(best.size)])
            fold_of[row] = fold
            remaining[row] = False
            capacity[fold] -= 1
            label_capacity[fold] -= y[row]
    for row in rng.permutation(np.flatnonzero(remaining)):
        fold = int(np.argmax(capacity))
        fold_of[row] = fold
        capacity[fold] -= 1
    return fold_of


def iterative_stratified_splits(
    labels: NDArray[np.integer] | NDArray[np.bool_], n_folds: int, *, seed: int = 0
) -> Iterator[tuple[NDArray[np.int64], NDArray[np.int64]]]:
    """Yield (train_rows, test_rows) index arrays for each of n_folds folds."""
    folds = iterative_stratified_folds(labels, n_folds, seed=seed)
    for fold in range(n_folds):
        yield np.flatnonzero(folds != fold), np.flatnonzero(folds == fold)
