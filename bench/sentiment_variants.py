"""Sentiment variants for issue 18, on the same folds as bench/classify.py, sentiment only (fast: no themes).

    uv run python bench/sentiment_variants.py --seeds 0,1

Each outer fold's training part (the shipped comments of the other folds plus the framework's examples, as
bench/classify.py trains on) gets the shipped sentiment recipe: word and character n-grams and the lexicon at 0.1,
three balanced one-vs-rest regressions (C = 4), out-of-fold scores from an inner 3-fold cross-validation (folds
stratified on the themes, as the model does), the second stage (heard.lib.classify.stack) and vector scaling on its
out-of-fold scores. The variants change one part of that:

- stripped copies: every training comment again, punctuation stripped and lower-cased (as the other setting's
  comments are), with the same group; in the first stage's training ("train"), and/or among the out-of-fold scores
  the second stage and the calibration are fitted on ("stack", "calibrate"). A copy is always in its original's
  inner fold; the outer test fold's comments are never copied.
- two nudges: the second stage's neutral nudge plus a second one on the negative score, chosen together on its
  out-of-fold predictions for the best macro F1 (smoothed over the neighbouring pairs).
- MLP second stage: a small neural network (sklearn's MLPClassifier, one hidden layer, balanced by sample weights)
  over the three out-of-fold scores and the lexicon's six columns, with or without the 256-d static embedding,
  then the neutral nudge and vector scaling as the shipped stage has.

Scored on the held-out comments (macro F1 of 3 groups, F1 of each, ECE of the group's confidence) and on
bench/data/other_setting_sentiment.csv (trained on all the shipped comments; macro F1, well-rated called negative,
ECE), as bench/classify.py scores it.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import sys
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
import scipy.sparse as sp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from classify import OTHER_SETTING, SHARED  # noqa: E402

from heard.lib.classify import embedding  # noqa: E402
from heard.lib.classify.calibrate import expected_calibration_error, softmax, vector_scaling  # noqa: E402
from heard.lib.classify.data import read_labelled_csv  # noqa: E402
from heard.lib.classify.default import _key, default_training_set  # noqa: E402
from heard.lib.classify.features import Features  # noqa: E402
from heard.lib.classify.fitting import _fit_themes  # noqa: E402
from heard.lib.classify.lexicon import lexicon_features, standardised  # noqa: E402
from heard.lib.classify.model import _GROUP_OF_INDEX, Options, _label_matrix  # noqa: E402
from heard.lib.classify.stack import _macro_f1, best_offset, fit_stack  # noqa: E402
from heard.lib.classify.stratify import iterative_stratified_folds, iterative_stratified_splits  # noqa: E402

Array = np.ndarray
GROUPS = 3


def strip(text: str) -> str:
    """As bench/classify.py reads the other setting: punctuation stripped, lower-cased."""
    return " ".join(re.sub(r"[^\w\s]", " ", text).lower().split())


def first_stage(
    train_texts: list[str], train_y: Array, group: Array, test_texts: list[str]
) -> dict[str, dict[str, Array]]:
    """Out-of-fold group logits of the training comments and of their stripped copies, and the test comments'
    logits, for the first stage trained without ("plain") and with ("copies") the stripped copies."""
    features = Features(Options())
    x = features.fit_transform(train_texts).astype(np.float64)
    columns, lexicon = standardised(train_texts, 0.1)
    x_sentiment = sp.hstack([x, sp.csr_matrix(columns)], format="csr")

    def read(texts: list[str]) -> sp.csr_matrix:
        ngrams = features.transform(texts).astype(np.float64)
        return sp.hstack([ngrams, sp.csr_matrix(lexicon.columns(texts))], format="csr")

    x_copies, x_test = read([strip(text) for text in train_texts]), read(test_texts)
    tunable = train_y.sum(axis=0) >= Options().min_positives_to_tune

    def fit(rows: Array, with_copies: bool) -> tuple[Array, Array]:
        rows = rows[group[rows] >= 0]
        truth = group[rows][:, None] == np.arange(GROUPS)[None, :]
        if not with_copies:
            return _fit_themes(x_sentiment[rows], truth, 4.0)
        both = sp.vstack([x_sentiment[rows], x_copies[rows]], format="csr")
        return _fit_themes(both, np.vstack([truth, truth]), 4.0)

    out = {}
    for name, with_copies in (("plain", False), ("copies", True)):
        oof, oof_copies = np.zeros((len(train_texts), GROUPS)), np.zeros((len(train_texts), GROUPS))
        for inner_train, inner_test in iterative_stratified_splits(train_y[:, tunable], 3, seed=0):
            weights, intercepts = fit(inner_train, with_copies)
            oof[inner_test] = np.asarray(x_sentiment[inner_test] @ weights) + intercepts
            oof_copies[inner_test] = np.asarray(x_copies[inner_test] @ weights) + intercepts
        weights, intercepts = fit(np.arange(len(train_texts)), with_copies)
        out[name] = {"oof": oof, "oof_copies": oof_copies, "test": np.asarray(x_test @ weights) + intercepts}
    return out


class Fold:
    """One outer fold's first-stage scores and the columns the second stages read."""

    def __init__(self, train_texts: list[str], train_y: Array, group: Array, test_texts: list[str]) -> None:
        self.group = group
        self.scores = first_stage(train_texts, train_y, group, test_texts)
        copies = [strip(text) for text in train_texts]
        self.raw, self.raw_copies, self.raw_test = (
            lexicon_features(texts) for texts in (train_texts, copies, test_texts)
        )
        self.embedded, self.embedded_test = embedding.embed(train_texts), embedding.embed(test_texts)


# A second stage: (fold, scored training rows) -> predict(test logits' fold) -> (groups given, confidence).
Stage = Callable[[Fold, Array], tuple[Array, Array]]


def copies_stage(first: str, stack_on_copies: bool, calibrate_on: str) -> Stage:
    def run(fold: Fold, rows: Array) -> tuple[Array, Array]:
        scores, truth = fold.scores[first], fold.group[rows]
        logits, copies = scores["oof"][rows], scores["oof_copies"][rows]
        raw, raw_copies = fold.raw[rows], fold.raw_copies[rows]
        if stack_on_copies:
            fitted = fit_stack(np.vstack([logits, copies]), np.vstack([raw, raw_copies]), np.tile(truth, 2))
            assert fitted is not None
            stack, both = fitted
            stacked, stacked_copies = both[: len(rows)], both[len(rows) :]
        else:
            fitted = fit_stack(logits, raw, truth)
            assert fitted is not None
            stack, stacked = fitted
            stacked_copies = stack.group_logits(copies, raw_copies)
        on = {
            "originals": (stacked, truth),
            "both": (np.vstack([stacked, stacked_copies]), np.tile(truth, 2)),
            "copies": (stacked_copies, truth),
        }[calibrate_on]
        weights, intercepts = vector_scaling(*on)
        test = stack.group_logits(scores["test"], fold.raw_test)
        given = np.argmax(test, axis=1)
        return given, softmax(test @ weights + intercepts)[np.arange(len(given)), given]

    return run


def two_nudges(fold: Fold, rows: Array) -> tuple[Array, Array]:
    truth = fold.group[rows]
    fitted = fit_stack(fold.scores["plain"]["oof"][rows], fold.raw[rows], truth)
    assert fitted is not None
    stack, stacked = fitted
    grid = np.round(np.linspace(-0.6, 0.6, 13), 2)
    f1 = np.zeros((len(grid), len(grid)))
    for i, neutral in enumerate(grid):
        for j, negative in enumerate(grid):
            f1[i, j] = _macro_f1(truth, np.argmax(stacked + np.array([0.0, neutral, negative]), axis=1))
    padded = np.pad(f1, 1, mode="edge")
    smoothed = sum(padded[a : a + len(grid), b : b + len(grid)] for a in range(3) for b in range(3))
    i, j = np.unravel_index(np.argmax(smoothed), smoothed.shape)
    nudge = np.array([0.0, grid[i], grid[j]])
    weights, intercepts = vector_scaling(stacked + nudge, truth)
    test = stack.group_logits(fold.scores["plain"]["test"], fold.raw_test) + nudge
    given = np.argmax(test, axis=1)
    return given, softmax(test @ weights + intercepts)[np.arange(len(given)), given]


def mlp_stage(hidden: int, alpha: float, with_embedding: bool) -> Stage:
    from sklearn.model_selection import StratifiedKFold
    from sklearn.neural_network import MLPClassifier

    def run(fold: Fold, rows: Array) -> tuple[Array, Array]:
        def inputs(logits: Array, raw: Array, embedded: Array) -> Array:
            return np.hstack([logits, raw, embedded] if with_embedding else [logits, raw])

        z = inputs(fold.scores["plain"]["oof"][rows], fold.raw[rows], fold.embedded[rows])
        z_test = inputs(fold.scores["plain"]["test"], fold.raw_test, fold.embedded_test)
        shift, scale = z.mean(axis=0), z.std(axis=0)
        scale[scale == 0] = 1.0
        z, z_test = (z - shift) / scale, (z_test - shift) / scale
        truth = fold.group[rows]
        balance = (len(truth) / (GROUPS * np.bincount(truth, minlength=GROUPS)))[truth]

        def network() -> MLPClassifier:
            return MLPClassifier(hidden_layer_sizes=(hidden,), alpha=alpha, max_iter=300, random_state=0)

        oof = np.zeros((len(truth), GROUPS))
        for a, b in StratifiedKFold(3, shuffle=True, random_state=0).split(z, truth):
            oof[b] = np.log(network().fit(z[a], truth[a], sample_weight=balance[a]).predict_proba(z[b]) + 1e-9)
        nudge = best_offset(oof, truth)
        oof[:, 1] += nudge
        weights, intercepts = vector_scaling(oof, truth)
        test = np.log(network().fit(z, truth, sample_weight=balance).predict_proba(z_test) + 1e-9)
        test[:, 1] += nudge
        given = np.argmax(test, axis=1)
        return given, softmax(test @ weights + intercepts)[np.arange(len(given)), given]

    return run


VARIANTS: dict[str, Stage] = {
    "shipped": copies_stage("plain", False, "originals"),
    "copies: calibrate on originals + copies": copies_stage("plain", False, "both"),
    "copies: stack + calibrate on both": copies_stage("plain", True, "both"),
    "copies: calibrate on copies only": copies_stage("plain", False, "copies"),
    "copies: train": copies_stage("copies", False, "originals"),
    "copies: train, calibrate on both": copies_stage("copies", False, "both"),
    "copies: train, stack + calibrate on both": copies_stage("copies", True, "both"),
    "copies: train, calibrate on copies only": copies_stage("copies", False, "copies"),
    "two nudges (neutral, negative)": two_nudges,
    "MLP 16, alpha 1, scores + lexicon": mlp_stage(16, 1.0, False),
    "MLP 16, alpha 1, + embedding": mlp_stage(16, 1.0, True),
    "MLP 32, alpha 10, + embedding": mlp_stage(32, 10.0, True),
}


def f1_each(truth: Array, given: Array) -> list[float]:
    return [2 * np.sum((truth == g) & (given == g)) / (np.sum(truth == g) + np.sum(given == g)) for g in range(GROUPS)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", default="0,1", help="Seeds of the 3-fold splits (bench/classify.py --quick: 0).")
    parser.add_argument("--only", action="append", default=[], help="Variants whose name starts with this.")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    with SHARED.open(encoding="utf-8", newline="") as handle:
        data = read_labelled_csv(handle)
    texts, sentiments = data.texts, data.sentiments
    y = _label_matrix(data.labels, data.themes)
    every, every_labels, _, _ = default_training_set()
    framework, framework_labels = every[len(texts) :], every_labels[len(texts) :]
    variants = {n: v for n, v in VARIANTS.items() if not args.only or any(n.startswith(o) for o in args.only)}
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores at the start")

    def fold_of(train_rows: Array, test_texts: list[str]) -> Fold:
        quoted = {_key(text) for text in test_texts}
        kept = [i for i, text in enumerate(framework) if _key(text) not in quoted]
        train_texts = [texts[i] for i in train_rows] + [framework[i] for i in kept]
        train_y = np.vstack([y[train_rows], _label_matrix([framework_labels[i] for i in kept], data.themes)])
        target = np.array([sentiments[i] or 0 for i in train_rows] + [0] * len(kept))
        group = np.where(target > 0, _GROUP_OF_INDEX[np.maximum(target, 1) - 1], -1)
        return Fold(train_texts, train_y, group, test_texts)

    results: dict[str, list[str]] = {name: [] for name in variants}
    for seed in [int(s) for s in args.seeds.split(",")]:
        folds = iterative_stratified_folds(y.astype(np.uint8), 3, seed=seed)
        pooled: dict[str, tuple[list[Array], list[Array], list[Array]]] = {n: ([], [], []) for n in variants}
        for number in range(3):
            train_rows, test_rows = np.flatnonzero(folds != number), np.flatnonzero(folds == number)
            fold = fold_of(train_rows, [texts[i] for i in test_rows])
            scored = np.array([sentiments[i] is not None for i in test_rows])
            truth = np.array([_GROUP_OF_INDEX[sentiments[i] - 1] for i in test_rows[scored]])  # type: ignore[operator]
            for name, stage in variants.items():
                given, confidence = stage(fold, np.flatnonzero(fold.group >= 0))
                pooled[name][0].append(truth)
                pooled[name][1].append(given[scored])
                pooled[name][2].append(confidence[scored])
            print(f"  seed {seed} fold {number + 1} done", file=sys.stderr, flush=True)
        for name in variants:
            truth, given, confidence = (np.concatenate(part) for part in pooled[name])
            each = "/".join(f"{f:.3f}" for f in f1_each(truth, given))
            ece = expected_calibration_error(confidence, truth == given)
            results[name].append(f"seed {seed}: {_macro_f1(truth, given):.3f} ({each}), ECE {ece:.3f}")

    with OTHER_SETTING.open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["rating"] in {"1", "2", "3", "4", "5"}]
    other = [strip(row["text"]) for row in rows if strip(row["text"])]
    rating = np.array([int(row["rating"]) for row in rows if strip(row["text"])])
    truth = np.where(rating >= 4, 0, np.where(rating == 3, 1, 2))
    fold = fold_of(np.arange(len(texts)), other)
    for name, stage in variants.items():
        given, confidence = stage(fold, np.flatnonzero(fold.group >= 0))
        called = int(np.sum(given[truth == 0] == 2))
        ece = expected_calibration_error(confidence, given == truth)
        results[name].append(
            f"other setting: {_macro_f1(truth, given):.3f}, {called} of {int(np.sum(truth == 0))} well-rated called "
            f"negative, ECE {ece:.3f}"
        )
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    for name, cells in results.items():
        print(f"{name}: " + "; ".join(cells))


if __name__ == "__main__":
    main()
