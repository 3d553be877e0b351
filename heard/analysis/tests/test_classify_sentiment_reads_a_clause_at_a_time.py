"""Sentiment can read a comment a sentence or clause at a time (heard.lib.classify.clauses): its strongest
positive and negative pieces, both present, the last piece's polarity; cut at punctuation and, for comments with
none, at turning words ("but", "however"...). Many texts at once give what each text alone gives."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from heard.analysis.tests.classify_support import FAST
from heard.analysis.tests.test_classify_confidence_is_calibrated import _synthetic
from heard.analysis.tests.test_classify_fast_path_predicts_the_same import AWKWARD
from heard.lib.classify import clauses, lexicon, shipped_training_data, train
from heard.lib.classify.clauses import clause_features

POSITIVE, NEGATIVE, MIXED, SHARE_POSITIVE, SHARE_NEGATIVE, LAST, FIRST, WHOLE, PIECES = range(clauses.N_FEATURES)


def test_a_mixed_comment_has_a_positive_and_a_negative_piece_and_plain_praise_only_one() -> None:
    mixed, praise, complaint = clause_features(
        ["The nurse was lovely. I waited four hours and it was awful.", "The nurse was lovely", "Rude staff"]
    )
    assert mixed[POSITIVE] > 0 and mixed[NEGATIVE] > 0 and mixed[MIXED] > 0
    assert mixed[SHARE_POSITIVE] == mixed[SHARE_NEGATIVE] == 0.5
    assert praise[POSITIVE] > 0 and praise[NEGATIVE] == 0 and praise[MIXED] == 0
    assert complaint[NEGATIVE] > 0 and complaint[POSITIVE] == 0 and complaint[SHARE_NEGATIVE] == 1


def test_a_comment_without_punctuation_is_cut_at_its_turning_word() -> None:
    (unpunctuated,) = clause_features(["lovely staff but the wait was awful"])
    (one_clause,) = clause_features(["lovely staff and the wait was awful"])
    assert unpunctuated[PIECES] == pytest.approx(np.log1p(2))
    assert unpunctuated[MIXED] > 0
    assert one_clause[PIECES] == pytest.approx(np.log1p(1)) and one_clause[MIXED] == 0


def test_the_last_piece_says_where_a_comment_ends_up() -> None:
    (ends_well,) = clause_features(["the receptionist was rude however the nurse was wonderful"])
    (ends_badly,) = clause_features(["the nurse was wonderful however the receptionist was rude"])
    assert ends_well[LAST] > 0 > ends_well[FIRST]
    assert ends_badly[LAST] < 0 < ends_badly[FIRST]


@pytest.mark.parametrize("text", ["the doctor was not helpful", "didnt help", "didn t help", "they don't care"])
def test_a_negation_turns_a_kind_word_against_the_service_with_or_without_its_apostrophe(text: str) -> None:
    (row,) = clause_features([text])
    assert row[NEGATIVE] > 0 and row[POSITIVE] == 0, text


def test_a_negation_reaches_no_further_than_its_piece() -> None:
    (row,) = clause_features(["it was not quick. the staff were helpful"])
    assert row[LAST] > 0  # "helpful" is not negated by the "not" of the sentence before


def test_text_without_words_gets_zeros_not_an_error() -> None:
    assert clause_features([]).shape == (0, clauses.N_FEATURES)
    assert clause_features(["", "   ", "!!!", "...", "45"]).tolist() == [[0.0] * clauses.N_FEATURES] * 5


def test_many_texts_at_once_give_what_each_text_alone_gives() -> None:
    texts = [*shipped_training_data().texts[:1500], *AWKWARD, "with a \x00 separator inside. but no harm"]
    together = clause_features(texts)
    alone = np.vstack([clause_features([text]) for text in texts])
    np.testing.assert_allclose(together, alone, atol=1e-12)


@pytest.mark.slow  # one training: about 3 s on a quiet machine
def test_a_model_trained_with_the_clause_columns_reads_them_for_sentiment_only() -> None:
    texts, labels, sentiments = _synthetic(0, 200)
    options = dataclasses.replace(FAST, sentiment_clauses=0.1)
    trained = train(texts, labels, sentiments, themes=["Parking", "Other"], options=options)
    assert trained.sentiment_lexicon is not None and trained.sentiment_lexicon.clauses
    assert trained.sentiment_lexicon.weights.shape == (lexicon.N_FEATURES + clauses.N_FEATURES, 5)
    new = ["The nurse was lovely but I waited four hours", "parking was awful", "fine"]
    fast, each = trained._logits(new), trained._logits_each(new)
    np.testing.assert_allclose(fast[1], each[1], atol=1e-6)  # type: ignore[arg-type]
