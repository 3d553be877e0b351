"""Theme suggestions also read a static word embedding (WordLlama's, shipped inside the wordllama wheel): loaded
from the installed package with no network, a comment's vector is its tokens' mean, all texts at once give what
each alone gives, and the model's fast path agrees with the text-by-text reference."""

from __future__ import annotations

import socket
import sys
from dataclasses import replace

import numpy as np
import pytest

from heard.analysis.tests.classify_support import FAST
from heard.analysis.tests.test_classify_confidence_is_calibrated import _synthetic
from heard.lib.classify import default, embedding, train


def test_the_embedding_loads_from_the_installed_package_with_the_network_blocked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    embedding.embedding.cache_clear()
    try:
        vectors = embedding.embed(["The nurse was kind", "Waited four hours in A&E"])
    finally:
        embedding.embedding.cache_clear()
    assert vectors.shape == (2, embedding.DIMENSIONS)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-5)
    assert "wordllama" not in sys.modules  # its own loader (which reaches for Hugging Face) is never imported


def test_a_comments_vector_is_the_mean_of_its_tokens_vectors_normalised() -> None:
    loaded = embedding.embedding()
    text = "The receptionist was unhelpful and rude"
    ids = loaded.tokenizer.encode(text, add_special_tokens=False).ids  # type: ignore[attr-defined]
    mean = loaded.vectors[ids].mean(axis=0)
    np.testing.assert_allclose(embedding.embed([text])[0], mean / np.linalg.norm(mean), atol=1e-6)


def test_texts_get_the_same_vector_together_as_alone() -> None:
    texts = ["", "   ", "Kind staff", "Kind  staff\tand\nclean", "kind staff", "a\x00b", "ΟΔΟΣ σοφος", "Kind staff"]
    together = embedding.embed(texts)
    alone = np.vstack([embedding.embed([text]) for text in texts])
    np.testing.assert_allclose(together, alone, atol=1e-6)
    assert not together[0].any() and not together[1].any()  # no word: no vector, no error
    np.testing.assert_allclose(together[2], together[7])
    assert not np.allclose(together[2], together[4])  # the tokenizer keeps case


def test_the_theme_model_reads_the_embedding_and_its_fast_path_agrees_with_the_reference() -> None:
    texts, labels, sentiments = _synthetic(0, 120)
    model = train(texts, labels, sentiments, themes=["Parking", "Other"], options=replace(FAST, theme_embedding=1.0))
    assert model.embedding_weights is not None
    assert model.embedding_weights.shape == (embedding.DIMENSIONS, 2 + 5)
    assert np.any(model.embedding_weights[:, :2] != 0)
    probe = ["Nowhere to park the car", "The nurse was lovely", "", "Parking parking"]
    fast, reference = model._logits(probe), model._logits_each(probe)
    np.testing.assert_allclose(fast[0], reference[0], atol=1e-6)
    assert fast[1] is not None and reference[1] is not None
    np.testing.assert_allclose(fast[1], reference[1], atol=1e-6)


def test_the_cached_default_model_is_retrained_when_the_embedding_code_changes() -> None:
    assert embedding.__file__ is not None
    assert any(str(path) == embedding.__file__ for path in default._CODE)
