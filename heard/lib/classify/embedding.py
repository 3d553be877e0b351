"""Static word embeddings for the theme and sentiment model: a distillation of the sentence encoder
all-MiniLM-L6-v2, shipped in heard/lib/classify/data/.

`minilm_static_256.safetensors` holds one 256-dimension vector for each of the encoder's 29,525 tokens (Model2Vec's
distillation: each token through the encoder alone, PCA, frequency weighting; tools/build_embedding.py, Apache 2.0
like the encoder: data/PROVENANCE.md), as 8-bit integers with one scale a token; `minilm_static_256.tokenizer.json`
is the encoder's own tokenizer (lower-case WordPiece). Both are read with `tokenizers` and `safetensors`: nothing
is downloaded.

A comment's embedding is the mean of its tokens' vectors, L2-normalised (so the sum, normalised). Fast for many
comments: each distinct white-space word is tokenised once (the tokenizer splits at white space before anything
else), its tokens' vectors added up once, and the comments are one sparse product texts x words times words x 256.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

if TYPE_CHECKING:
    from heard.lib.classify.model import Options

DIMENSIONS = 256
FOLDER = Path(__file__).resolve().parent / "data"
WEIGHTS = FOLDER / "minilm_static_256.safetensors"
TOKENIZER = FOLDER / "minilm_static_256.tokenizer.json"
FILES = (WEIGHTS, TOKENIZER)
SEPARATOR = "\x00"  # not white space: a word of its own between two texts


@dataclass(frozen=True)
class Embedding:
    tokenizer: object  # tokenizers.Tokenizer
    vectors: NDArray[np.float32]  # tokens x DIMENSIONS

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """Rows x DIMENSIONS: each text's mean token vector, L2-normalised (zeros for a text with no word)."""
        # All texts joined by a separator that is a word of its own, split once; each distinct word counted.
        if any(SEPARATOR in text for text in texts):
            texts = [text.replace(SEPARATOR, " ") for text in texts]
        tokens = f" {SEPARATOR} ".join(texts).split()
        distinct = dict.fromkeys(tokens)
        distinct.pop(SEPARATOR, None)
        index = {word: i for i, word in enumerate(distinct)}
        index[SEPARATOR] = -1
        ids = np.fromiter(map(index.__getitem__, tokens), dtype=np.int64, count=len(tokens))
        row_of = np.cumsum(ids == -1)  # texts before each word
        text_words = sp.csr_matrix(
            sp.coo_matrix(
                (np.ones(int((ids >= 0).sum()), dtype=np.float32), (row_of[ids >= 0], ids[ids >= 0])),
                shape=(len(texts), len(distinct)),
            )
        )
        out = np.asarray(text_words @ self.word_vectors(list(distinct)), dtype=np.float32)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        result: NDArray[np.float32] = out / norms
        return result

    def word_vectors(self, words: list[str]) -> NDArray[np.float32]:
        """Distinct words x DIMENSIONS: the sum of each word's token vectors."""
        if not words:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        encoded = self.tokenizer.encode_batch(words, add_special_tokens=False)  # type: ignore[attr-defined]
        ids = [encoding.ids for encoding in encoded]
        lengths = np.fromiter(map(len, ids), dtype=np.int64, count=len(ids))
        flat = np.fromiter((i for row in ids for i in row), dtype=np.int64, count=int(lengths.sum()))
        word_tokens = sp.csr_matrix(
            (np.ones(flat.size, dtype=np.float32), flat, np.concatenate([[0], np.cumsum(lengths)])),
            shape=(len(words), self.vectors.shape[0]),
        )
        out: NDArray[np.float32] = np.asarray(word_tokens @ self.vectors, dtype=np.float32)
        return out


@cache
def embedding() -> Embedding:
    """The embedding, loaded once a process (under a fifth of a second)."""
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(TOKENIZER))
    stored = load_file(str(WEIGHTS))
    vectors = stored["codes"].astype(np.float32) * stored["scales"].astype(np.float32)[:, None]
    return Embedding(tokenizer=tokenizer, vectors=vectors)


def embed(texts: Sequence[str]) -> NDArray[np.float32]:
    return embedding().embed(texts)


def logits(texts: Sequence[str], weights: NDArray[np.float32] | None, columns: int) -> NDArray[np.float64]:
    """What the embedding adds to the model's first `columns` logits (zeros when the model does not read it)."""
    if weights is None:
        return np.zeros((len(texts), columns))
    out: NDArray[np.float64] = embed(texts).astype(np.float64) @ weights[:, :columns].astype(np.float64)
    return out


def beside(x: sp.csr_matrix, embedded: NDArray[np.float32] | None, weight: float) -> sp.csr_matrix:
    """The features `x` with the embedding's columns (times `weight`) after them; `x` itself for weight 0."""
    if embedded is None or not weight:
        return x
    return sp.hstack([x, sp.csr_matrix(embedded.astype(np.float64) * weight)], format="csr")


def embed_for(texts: Sequence[str], options: Options) -> NDArray[np.float32] | None:
    """The texts' embedding when the options give its columns a weight (else None: nothing to read)."""
    wanted = options.theme_embedding or options.sentiment_embedding or options.theme_centroids
    return embed(texts) if wanted else None


def theme_centroids(
    embedded: NDArray[np.float32], y: NDArray[np.bool_], weight: float
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Each theme's prior from how close a comment is to the theme's centroid (the mean of its training comments'
    vectors, framework examples included, L2-normalised): weight x (cosine to the centroid, less its mean over the
    training comments). Linear in the comment's vector, so it is (DIMENSIONS x themes weights, themes intercepts)
    added to the model's own and costs nothing at prediction. A theme without examples gets zeros."""
    vectors = embedded.astype(np.float64)
    centroids = y.T.astype(np.float64) @ vectors
    centroids /= np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-12)
    mean = (vectors @ centroids.T).mean(axis=0) if len(vectors) else np.zeros(len(centroids))
    return weight * centroids.T, -weight * mean
