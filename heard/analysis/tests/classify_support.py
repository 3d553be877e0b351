"""A small theme model for the classifier's tests: 500 of the shipped comments, trained once per process."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from heard.lib.classify import Options, ThemeModel, shipped_training_data, train

FAST = Options(inner_folds=2)


@cache
def small_model() -> ThemeModel:
    data = shipped_training_data()
    rows = range(0, len(data.texts), 8)  # every 8th comment: all sources, ~550 comments
    return train(
        [data.texts[i] for i in rows],
        [data.labels[i] for i in rows],
        [data.sentiments[i] for i in rows],
        themes=data.themes,
        options=FAST,
    )


def write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[str]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path
