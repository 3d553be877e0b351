"""A small theme model for tests: trained on 600 of the shipped comments, so a test takes a second, not a minute."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from functools import cache
from typing import Any

from heard.lib.classify.data import shipped_training_data
from heard.lib.classify.model import ThemeModel, train

SMALL = 600


@cache
def small_model() -> ThemeModel:
    data = shipped_training_data()
    return train(data.texts[:SMALL], data.labels[:SMALL], data.sentiments[:SMALL], themes=data.themes)


def small_train_default(
    extra_texts: Sequence[str] = (),
    extra_labels: Sequence[Collection[str]] = (),
    *args: Any,
    extra_themes: Sequence[str] = (),
    **kwargs: Any,
) -> ThemeModel:
    """`train_default` with the same arguments, on the first 600 shipped comments plus the extra ones."""
    data = shipped_training_data()
    local = [
        t for t in dict.fromkeys([*extra_themes, *(t for row in extra_labels for t in row)]) if t not in data.themes
    ]
    return train(
        [*data.texts[:SMALL], *extra_texts],
        [*data.labels[:SMALL], *extra_labels],
        [*data.sentiments[:SMALL], *([None] * len(extra_texts))],
        themes=[*data.themes, *local],
    )
