"""Sentiment also reads a sentiment lexicon (VADER's word valences): how much positive and negative feeling a
comment's words carry, whether it carries both, its length, negations and turns. Themes do not read it."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import numpy as np
import pytest

from heard.analysis.tests.classify_support import FAST
from heard.analysis.tests.test_classify_confidence_is_calibrated import _synthetic
from heard.lib.classify import default, lexicon, train
from heard.lib.classify.lexicon import lexicon_features


def test_the_lexicon_tells_praise_complaint_and_a_mix_of_both() -> None:
    praise, complaint, mixed, negated = lexicon_features(
        ["Lovely staff", "rude staff", "Lovely staff, but the doctor was rude.", "I didn't like it"]
    )
    assert praise[0] > 0 and praise[1] == 0 and praise[2] == 0
    assert complaint[0] == 0 and complaint[1] > 0
    assert mixed[0] > 0 and mixed[1] > 0 and mixed[2] > 0  # both kinds of feeling
    assert mixed[5] == 1 and praise[5] == 0  # one turn ("but")
    assert negated[4] == 1 and praise[4] == 0  # one negation ("didn't")
    assert mixed[3] > praise[3]  # longer


def test_a_comment_without_words_gets_zeros_not_an_error() -> None:
    assert lexicon_features(["", "   "]).tolist() == [[0.0] * lexicon.N_FEATURES] * 2
    assert lexicon_features(["!!!"])[0, :3].tolist() == [0.0, 0.0, 0.0]  # no feeling in it


@pytest.mark.slow  # two trainings: about 5 s on a quiet machine
def test_theme_suggestions_do_not_read_the_lexicon_but_sentiment_does() -> None:
    texts, labels, sentiments = _synthetic(0, 200)
    themes = ["Parking", "Other"]
    without = train(texts, labels, sentiments, themes=themes, options=dataclasses.replace(FAST, sentiment_lexicon=0))
    with_lexicon = train(texts, labels, sentiments, themes=themes, options=dataclasses.replace(FAST))
    texts = ["The nurse was lovely but I waited four hours", "Parking was awful", "Fine"]
    plain, read = without.predict_matrices(texts), with_lexicon.predict_matrices(texts)
    assert without.sentiment_lexicon is None
    assert with_lexicon.sentiment_lexicon is not None
    assert with_lexicon.sentiment_lexicon.weights.shape == (lexicon.N_FEATURES, 5)
    assert np.any(with_lexicon.sentiment_lexicon.weights != 0)
    assert with_lexicon.sentiment_lexicon.logits(texts).any()  # the lexicon moves the sentiment's scores
    np.testing.assert_allclose(read.confidence, plain.confidence, atol=1e-6)  # and no theme's


def test_the_cached_default_model_is_retrained_when_the_lexicon_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "vader_lexicon.txt"
    shutil.copy(lexicon.LEXICON_FILE, copy)
    monkeypatch.setattr(lexicon, "LEXICON_FILE", copy)
    before = default.cache_key()
    copy.write_text(copy.read_text(encoding="utf-8") + "brilliantish\t2.0\t0.5\t[2]\n", encoding="utf-8")
    assert default.cache_key() != before
