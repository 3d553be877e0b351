"""`heard classify`'s fast path (heard.lib.classify.batch: all texts' n-grams counted at once, IDF folded into the
weights, one product for every theme and sentiment) gives the same features and predictions as the text-by-text
code and scikit-learn."""

from __future__ import annotations

import copy
from dataclasses import replace
from typing import Any

import numpy as np
import pytest

from heard.lib.classify import default, national_themes, shipped_training_data
from heard.lib.classify.batch import SEPARATOR, BatchFeatures
from heard.lib.classify.features import Features
from heard.lib.classify.testing import small_model

# Texts that stress the tokenising: case that depends on context (a Greek final sigma), numbers, punctuation
# only, other scripts, very short and repeated words, white space of all kinds, one-letter words.
AWKWARD = [
    "",
    "   ",
    "!!!",
    "ΟΔΟΣ ΣΟΦΟΣ σοφος",
    "Waited 45 minutes, then 2 hours; 10/10 would not recommend",
    "a & e",
    "I",
    "good good good good",
    "Tab\tseparated\nand\r\nnew lines\u2028too\x1cthere",
    "Café naïve coöperation — “quoted” ‘words’",
    "الممرضة كانت لطيفة جدا",
    "接待员很有礼貌",
    "don't can't won't isn't",
    "x" * 40,
    "CAPITALS AND lower",
    "emoji 😀 between words 👍",
    "under_score and hyphen-ated",
]


def comments() -> list[str]:
    texts = shipped_training_data().texts
    pairs = [f"{texts[i]} {texts[(i * 7 + 3) % len(texts)]}" for i in range(0, len(texts), 3)]
    return [*texts, *pairs, *AWKWARD]


def test_counting_all_texts_at_once_gives_scikit_learns_tfidf() -> None:
    texts = [*shipped_training_data().texts[:800], *AWKWARD]
    features = Features(small_model().options)
    sklearn_matrix = features.fit_transform(texts)  # scikit-learn's TfidfVectorizer, word and character parts
    assert features.batch() is not None
    fast = features.transform(texts)
    assert fast.shape == sklearn_matrix.shape
    assert abs(fast - sklearn_matrix).max() < 1e-6


def test_counting_all_texts_at_once_gives_the_text_by_text_counts() -> None:
    features = small_model().features
    texts = comments()
    word, char = features.transform_parts(texts)
    word_each, char_each = features.transform_each(texts)
    assert abs(word - word_each).max() < 1e-6
    assert abs(char - char_each).max() < 1e-6


def test_the_fast_path_gives_the_same_themes_sentiment_and_confidences(monkeypatch: Any) -> None:
    model = small_model()
    texts = comments()
    fast = model.predict_matrices(texts)
    monkeypatch.setattr(model, "_logits", model._logits_each)
    reference = model.predict_matrices(texts)
    assert (fast.assigned == reference.assigned).all()
    assert (fast.sentiment == reference.sentiment).all()
    assert np.abs(fast.confidence - reference.confidence).max() < 1e-6
    assert np.abs(fast.sentiment_confidence - reference.sentiment_confidence).max() < 1e-6


def test_text_holding_the_separator_is_counted_text_by_text_with_the_same_result() -> None:
    features = small_model().features
    texts = [f"The nurse{SEPARATOR}was kind", "Kind staff"]
    assert features.batch() is not None and features.batch().counts(texts) is None  # type: ignore[union-attr]
    word, char = features.transform_parts(texts)
    word_each, char_each = features.transform_each(texts)
    assert abs(word - word_each).max() == 0 and abs(char - char_each).max() == 0


@pytest.mark.parametrize("negation_scope", [0, 3])
def test_features_the_batch_does_not_know_fall_back_to_counting_text_by_text(negation_scope: int) -> None:
    texts = ["The staff were not helpful at all", "Never rude, always kind", *AWKWARD]
    features = Features(replace(small_model().options, negation_scope=negation_scope))
    expected = features.fit_transform(texts)
    assert (features.batch() is None) == bool(negation_scope)
    assert abs(features.transform(texts) - expected).max() < 1e-6


def test_the_saved_default_model_carries_its_batch_tables_and_predicts_the_same(tmp_path, monkeypatch: Any) -> None:
    monkeypatch.setattr(default, "train_default", lambda: copy.deepcopy(small_model()))
    trained = default.load_default_model(tmp_path)
    assert "_batch" in trained.features.__dict__
    loaded = default.load_default_model(tmp_path)  # from the file this time
    assert isinstance(loaded.features.__dict__.get("_batch"), BatchFeatures)
    assert "_stacked" not in loaded.__getstate__()
    texts = comments()[:500]
    assert (loaded.predict_matrices(texts).assigned == small_model().predict_matrices(texts).assigned).all()


def test_the_national_themes_come_from_the_shipped_files_header_in_order() -> None:
    assert national_themes() == shipped_training_data().themes
