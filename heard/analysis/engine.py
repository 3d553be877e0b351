"""Which trained model serves a project. The national (default) model is trained from the data Heard ships,
cached on disk under var/classify/ (shared with `heard classify`) and in memory; a project with local themes gets
a model retrained on the shipped data plus the answers people coded with those themes, cached in memory while
its codes are unchanged.
"""

from __future__ import annotations

import threading
from pathlib import Path

from django.conf import settings

from heard.lib.classify.default import load_default_model, train_default
from heard.lib.classify.model import ThemeModel

_lock = threading.Lock()
_cache: dict[str, ThemeModel] = {}
NATIONAL = "national"


def national_model() -> ThemeModel:
    with _lock:
        if NATIONAL not in _cache:
            _cache[NATIONAL] = load_default_model(Path(settings.VAR_DIR) / "classify")  # shared with heard classify
        return _cache[NATIONAL]


def kept_local_model(key: str) -> ThemeModel | None:
    """The model retrained under `key` when this process still holds it."""
    with _lock:
        return _cache.get(key)


def local_model(key: str, texts: list[str], labels: list[frozenset[str]], themes: list[str]) -> ThemeModel:
    """A model retrained with a project's coded answers; `key` must change whenever those answers' codes do."""
    with _lock:
        if key in _cache:
            return _cache[key]
    model = train_default(texts, labels, extra_themes=[t for t in themes if t])
    prefix = key.split(":", 1)[0] + ":"
    with _lock:
        for old in [k for k in _cache if k.startswith(prefix)]:
            del _cache[old]
        _cache[key] = model
    return model


def retrain(texts: list[str], labels: list[frozenset[str]], local_themes: list[str]) -> ThemeModel:
    """A fresh model on the shipped data plus these coded answers (not cached: for measuring)."""
    return train_default(texts, labels, extra_themes=local_themes)
