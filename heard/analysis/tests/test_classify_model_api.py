"""The classifier library's API: themes with confidence, sentiment 1-5 and its three groups."""

from __future__ import annotations

import numpy as np
import pytest

from heard.analysis.tests.classify_support import small_model
from heard.lib.classify import LABELLING_NOT_POSSIBLE, is_blank, sentiment_group, train
from heard.lib.classify.stratify import iterative_stratified_folds


def test_it_returns_themes_most_confident_first_with_a_score_for_every_theme() -> None:
    prediction = small_model().predict(["The paramedics were kind but the wait for the ambulance was far too long"])[0]
    confidences = [score.confidence for score in prediction.themes]
    assert confidences == sorted(confidences, reverse=True)
    assert set(prediction.scores) == set(small_model().themes)
    assert all(0.0 <= value <= 1.0 for value in prediction.scores.values())


def test_it_folds_sentiment_into_positive_neutral_and_negative() -> None:
    assert [sentiment_group(score) for score in (1, 2, 3, 4, 5)] == [
        "positive",
        "positive",
        "neutral",
        "negative",
        "negative",
    ]
    happy, unhappy = small_model().predict(
        ["Excellent, thank you so much, brilliant staff", "Nobody answered the phone and the ambulance never came"]
    )
    assert happy.sentiment_group == "positive"
    assert unhappy.sentiment_group == "negative"
    assert happy.sentiment in (1, 2)
    assert unhappy.sentiment in (4, 5)


def test_it_treats_text_without_letters_or_digits_as_blank() -> None:
    assert is_blank(None) and is_blank("") and is_blank("  \n ") and is_blank("-- ?")
    assert not is_blank("ok")
    prediction = small_model().predict([" ... "])[0]
    assert prediction.theme_names == [LABELLING_NOT_POSSIBLE]
    assert prediction.sentiment is None


def test_it_refuses_labels_outside_the_themes_it_was_given() -> None:
    with pytest.raises(ValueError, match="not in `themes`"):
        train(["a comment"], [{"Made up"}], themes=["Real"])


def test_it_refuses_a_sentiment_outside_1_to_5() -> None:
    with pytest.raises(ValueError, match="1-5"):
        train(["a comment", "another"], [{"A"}, set()], [0, 2])


def test_its_folds_spread_each_rare_theme_across_folds() -> None:
    rng = np.random.default_rng(3)
    labels = rng.random((300, 6)) < [0.5, 0.2, 0.05, 0.02, 0.02, 0.01]
    folds = iterative_stratified_folds(labels, 3, seed=1)
    assert np.bincount(folds).tolist() == [100, 100, 100]
    for column in range(labels.shape[1]):
        per_fold = np.bincount(folds[labels[:, column]], minlength=3)
        assert per_fold.max() - per_fold.min() <= 1 + labels[:, column].sum() // 20
