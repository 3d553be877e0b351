"""Theme and sentiment suggestions also read a static word embedding (a distillation of all-MiniLM-L6-v2 shipped in
heard/lib/classify/data/): loaded from Heard's own files with no network, a comment's vector is its tokens' mean,
all texts at once give what each alone gives, and the model's fast path agrees with the text-by-text reference."""

from __future__ import annotations

import socket
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from heard.analysis.tests.classify_support import FAST
from heard.analysis.tests.test_classify_confidence_is_calibrated import _synthetic
from heard.lib.classify import default, embedding, train


def test_the_embedding_loads_from_heards_own_files_with_the_network_blocked(
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
    assert embedding.WEIGHTS.is_relative_to(Path(embedding.__file__).parent)  # shipped inside Heard
    assert not {"huggingface_hub", "transformers", "torch"} & set(sys.modules)  # no model hub's client is even loaded


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
    np.testing.assert_allclose(together[2], together[4])  # the encoder's tokenizer folds case


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


def test_sentiment_reads_the_embedding_unless_told_not_to() -> None:
    texts, labels, sentiments = _synthetic(2, 120)
    reads = train(texts, labels, sentiments, themes=["Parking", "Other"], options=FAST)
    assert reads.embedding_weights is not None and reads.embedding_weights[:, 2:5].any()  # the three groups
    ignores = train(
        texts, labels, sentiments, themes=["Parking", "Other"], options=replace(FAST, sentiment_embedding=0.0)
    )
    assert ignores.embedding_weights is not None and not ignores.embedding_weights[:, 2:].any()


def test_the_cached_default_model_is_retrained_when_the_embedding_code_changes() -> None:
    assert embedding.__file__ is not None
    assert any(str(path) == embedding.__file__ for path in default._CODE)


def test_the_cached_default_model_is_retrained_when_the_embeddings_files_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = default.cache_key()
    for original in embedding.FILES:
        copy = tmp_path / original.name
        copy.write_bytes(original.read_bytes() + b" ")
        monkeypatch.setattr(embedding, "FILES", tuple(copy if f == original else f for f in embedding.FILES))
        assert default.cache_key() != before
        monkeypatch.undo()


def test_words_of_one_meaning_are_closer_than_words_of_another() -> None:
    vectors = embedding.embed(["Nowhere to park the car", "The car park was full", "The nurse was kind and caring"])
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2
