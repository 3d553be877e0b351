"""Each theme's centroid prior: how close a comment's static embedding is to the mean vector of the theme's training
comments (framework examples included) adds to the theme's score. It is linear in the comment's vector, so it
folds into the model's embedding weights and intercepts and costs nothing at prediction; the inner
cross-validation sees it, so thresholds and calibration are chosen on the scores the model gives."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from heard.analysis.tests.classify_support import FAST
from heard.analysis.tests.test_classify_confidence_is_calibrated import _synthetic
from heard.lib.classify import embedding, train


def test_the_prior_is_the_cosine_to_the_themes_mean_vector_less_its_mean_over_the_training_comments() -> None:
    vectors = np.array([[1.0, 0.0], [0.0, 1.0], [0.6, 0.8]], dtype=np.float32)
    y = np.array([[True, False], [True, False], [False, False]])
    weights, intercepts = embedding.theme_centroids(vectors, y, 2.0)
    centroid = np.array([1.0, 1.0]) / np.sqrt(2)
    np.testing.assert_allclose(weights[:, 0], 2.0 * centroid)
    np.testing.assert_allclose(intercepts[0], -2.0 * (vectors @ centroid).mean())
    scores = vectors @ weights + intercepts
    assert abs(scores[:, 0].mean()) < 1e-9  # centred on the training comments
    assert not weights[:, 1].any() and intercepts[1] == 0  # a theme with no example gets no prior


def test_a_model_with_the_prior_adds_it_to_its_weights_and_its_fast_path_agrees_with_the_reference() -> None:
    texts, labels, sentiments = _synthetic(0, 120)
    themes = ["Parking", "Other"]
    without = train(texts, labels, sentiments, themes=themes, options=replace(FAST, theme_centroids=0.0))
    model = train(texts, labels, sentiments, themes=themes, options=replace(FAST, theme_centroids=2.0))
    assert model.embedding_weights is not None and without.embedding_weights is not None
    weights, intercepts = embedding.theme_centroids(
        embedding.embed(texts), np.array([[lab == {t} for t in themes] for lab in labels]), 2.0
    )
    np.testing.assert_allclose(model.embedding_weights[:, :2] - without.embedding_weights[:, :2], weights, atol=1e-5)
    np.testing.assert_allclose(model.intercepts - without.intercepts, intercepts, atol=1e-9)
    assert model.calibration is not None and without.calibration is not None
    # The inner cross-validation saw the prior: thresholds or calibration differ.
    assert not np.allclose(model.thresholds, without.thresholds) or not np.allclose(
        model.calibration, without.calibration
    )
    probe = ["Nowhere to park the car", "The nurse was lovely", "", "Parking parking"]
    fast, reference = model._logits(probe), model._logits_each(probe)
    np.testing.assert_allclose(fast[0], reference[0], atol=1e-6)


def test_the_prior_works_without_the_embedding_beside_the_n_grams() -> None:
    texts, labels, sentiments = _synthetic(1, 80)
    options = replace(FAST, theme_embedding=0.0, sentiment_embedding=0.0, theme_centroids=2.0)
    model = train(texts, labels, sentiments, themes=["Parking", "Other"], options=options)
    assert model.embedding_weights is not None and np.any(model.embedding_weights[:, :2] != 0)
    assert not model.embedding_weights[:, 2:].any()  # sentiment does not read it
    assert model.predict(["the car park was full"])[0].theme_names == ["Parking"]
