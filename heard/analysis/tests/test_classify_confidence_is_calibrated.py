"""A suggestion's confidence is a probability: between 0 and 1, rising with the evidence, and about as often
right as it says."""

from __future__ import annotations

import numpy as np

from heard.analysis.tests.classify_support import FAST, small_model
from heard.lib.classify import shipped_training_data, train
from heard.lib.classify.calibrate import expected_calibration_error, platt, reliability, sigmoid, vector_scaling

FILLER = ["the", "visit", "was", "on", "a", "tuesday", "morning", "and", "we", "went", "home", "after"]


def _synthetic(seed: int, n: int) -> tuple[list[str], list[frozenset[str]], list[int]]:
    """Comments where "car park" is about Parking, "rude" is negative, and "kind" is positive; the rest filler."""
    rng = np.random.default_rng(seed)
    texts, labels, sentiments = [], [], []
    for _ in range(n):
        words = list(rng.choice(FILLER, size=8))
        parking = rng.random() < 0.3
        if parking:
            words.insert(int(rng.integers(0, 8)), "car park")
        tone = int(rng.integers(0, 3))
        words.append(["kind", "okay", "rude"][tone])
        texts.append(" ".join(words))
        labels.append(frozenset(["Parking"] if parking else ["Other"]))
        sentiments.append([1, 3, 5][tone])
    return texts, labels, sentiments


def test_confidences_are_probabilities_that_rise_with_the_evidence() -> None:
    texts, labels, sentiments = _synthetic(0, 200)
    model = train(texts, labels, sentiments, themes=["Parking", "Other"], options=FAST)
    base = "the visit was on a tuesday morning and we went home"
    more_parking = [base, f"{base} car park", f"car park {base} car park", f"car park car park {base} car park"]
    confidence = model.predict_matrices(more_parking).confidence[:, 0]
    assert ((confidence >= 0) & (confidence <= 1)).all()
    assert np.all(np.diff(confidence) >= 0), confidence
    assert confidence[0] < 0.5 < confidence[-1]

    result = model.predict_matrices([f"{base} kind", f"{base} rude", base])
    assert ((result.sentiment_confidence > 0) & (result.sentiment_confidence <= 1)).all()
    groups = model.sentiment_probabilities(model._logits([f"{base} kind"])[1])  # type: ignore[arg-type]
    assert np.isclose(groups.sum(), 1.0)


def test_sentiment_confidence_on_comments_it_never_saw_is_about_as_often_right_as_it_says() -> None:
    data = shipped_training_data()
    # small_model() trained on every 8th comment; these are others, scored by NHS staff.
    test = [i for i in range(4, len(data.texts), 4) if data.sentiments[i] and data.texts[i] != "Did not answer"]
    result = small_model().predict_matrices([data.texts[i] for i in test])
    group = np.array([0, 0, 1, 2, 2])
    truth = group[np.array([data.sentiments[i] for i in test]) - 1]
    right = group[result.sentiment - 1] == truth
    # Uncalibrated (each group's own regression, shared out) this was 0.15: sure of itself, wrong too often.
    assert expected_calibration_error(result.sentiment_confidence, right) <= 0.08


def test_platt_scaling_turns_overconfident_scores_into_honest_ones() -> None:
    rng = np.random.default_rng(3)
    truth = rng.random(2000) < 0.2
    # Scores three times too sure of themselves: a balanced regression's habit on a rare theme.
    logits = 3 * (np.where(truth, 1.0, -1.0) + rng.normal(0, 1.2, 2000)) + 2
    raw = expected_calibration_error(sigmoid(logits), truth)
    slope, intercept = platt(logits, truth)
    assert 0 < slope < 1
    calibrated = sigmoid(slope * logits + intercept)
    assert expected_calibration_error(calibrated, truth) < min(0.05, raw / 2)
    assert np.all(np.diff(calibrated[np.argsort(logits)]) >= 0)  # the order of the scores is kept


def test_too_few_examples_keep_the_scores_as_they_are() -> None:
    assert platt(np.array([0.1, 0.2, 3.0]), np.array([False, False, True])) == (1.0, 0.0)
    weights, intercepts = vector_scaling(np.zeros((4, 3)), np.array([0, 0, 1, 1]))
    assert np.array_equal(weights, np.eye(3)) and not intercepts.any()


def test_the_reliability_table_counts_every_prediction_once() -> None:
    confidence = np.array([0.05, 0.15, 0.15, 0.95, 1.0])
    table = reliability(confidence, np.array([False, False, True, True, True]))
    assert sum(b.count for b in table) == 5
    assert table[1].count == 2 and table[1].accuracy == 0.5
    assert table[-1].count == 2 and table[-1].accuracy == 1.0
