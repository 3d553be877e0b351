"""The default model: trained from the comments and framework examples Heard ships, cached on disk.

Nothing is downloaded. The first call trains (tens of seconds on two cores) and writes a pickle to the cache
folder; later calls load it in a fraction of a second. The cache key covers the shipped data, the model code and
the scikit-learn version, so a change to any of them retrains instead of loading a stale or incompatible model.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import pickle
import tempfile
from collections.abc import Collection, Sequence
from pathlib import Path

from heard.lib.classify import batch, calibrate, clauses, embedding, features, fitting, lexicon, stack
from heard.lib.classify import model as model_module
from heard.lib.classify.data import FRAMEWORK_FILE, TRAINING_FILE, framework_examples, shipped_training_data
from heard.lib.classify.model import Options, ThemeModel, train


def default_training_set(
    exclude_texts: Collection[str] = (),
) -> tuple[list[str], list[frozenset[str]], list[int | None], list[str]]:
    """Texts, labels, sentiments and theme order of the shipped comments plus the framework's examples.

    `exclude_texts` drops framework examples whose text is one of these (used by cross-validation, so that a
    test comment quoted as an example in the framework is not also trained on).
    """
    data = shipped_training_data()
    excluded = {_key(text) for text in exclude_texts}
    examples = [(text, theme) for text, theme in framework_examples() if _key(text) not in excluded]
    texts = [*data.texts, *(text for text, _ in examples)]
    labels = [*data.labels, *(frozenset([theme]) for _, theme in examples)]
    sentiments = [*data.sentiments, *([None] * len(examples))]
    return texts, labels, sentiments, list(data.themes)


def _key(text: str) -> str:
    return " ".join(text.lower().split()).rstrip(".!")


def train_default(
    extra_texts: Sequence[str] = (),
    extra_labels: Sequence[Collection[str]] = (),
    extra_sentiments: Sequence[int | None] | None = None,
    *,
    extra_themes: Sequence[str] = (),
    options: Options | None = None,
) -> ThemeModel:
    """Train on the shipped data plus a project's own coded answers, which may use local themes.

    Local themes (in `extra_themes` or named in `extra_labels`) come after the 32 national themes; the shipped
    comments count as examples without them.
    """
    texts, labels, sentiments, themes = default_training_set()
    local = [t for t in dict.fromkeys([*extra_themes, *(t for row in extra_labels for t in row)]) if t not in themes]
    return train(
        [*texts, *extra_texts],
        [*labels, *extra_labels],
        [*sentiments, *(extra_sentiments if extra_sentiments is not None else [None] * len(extra_texts))],
        themes=[*themes, *local],
        options=options,
    )


_CODE = tuple(
    Path(str(module.__file__))
    for module in (model_module, features, fitting, batch, calibrate, lexicon, clauses, embedding, stack)
)


def cache_key() -> str:
    digest = hashlib.sha256()
    for path in (TRAINING_FILE, FRAMEWORK_FILE, lexicon.LEXICON_FILE, *embedding.FILES, *_CODE, Path(__file__)):
        digest.update(path.read_bytes())
    digest.update(importlib.metadata.version("scikit-learn").encode())
    return digest.hexdigest()[:16]


def load_default_model(cache_dir: Path | None) -> ThemeModel:
    """The default model, from `cache_dir` when it holds one for this code and data, else trained and saved."""
    if cache_dir is None:
        return train_default()
    path = cache_dir / f"default-model-{cache_key()}.pickle"
    if path.exists():
        with path.open("rb") as handle:
            # Safe: the file is one this function wrote into Heard's own var/ folder, keyed by a hash of the code.
            loaded = pickle.load(handle)  # noqa: S301
        if isinstance(loaded, ThemeModel):
            return loaded
    trained = train_default()
    trained.features.batch()  # saved with the model: a tenth of a second less on every `heard classify`
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=cache_dir, delete=False, suffix=".tmp") as written:
            pickle.dump(trained, written, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(written.name, path)
        for old in cache_dir.glob("default-model-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only install still works; it just trains each time
    return trained
