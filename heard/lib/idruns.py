"""Runs of consecutive record ids: a compact way to hold and hand on many ids. A file's new records are numbered
one after another, so a million of them are one run, and a chunk of them is one pair in a task's argument."""

from __future__ import annotations

from collections.abc import Iterable, Iterator


class IdRuns:
    """Ids kept as runs `[first, last]`, in the order they were added. Iterating gives the ids one by one, never
    as one list."""

    def __init__(self, ids: Iterable[int] = ()) -> None:
        self.runs: list[list[int]] = []
        self.add(ids)

    def add_run(self, first: int, count: int) -> None:
        if count <= 0:
            return
        if self.runs and self.runs[-1][1] + 1 == first:
            self.runs[-1][1] += count
        else:
            self.runs.append([first, first + count - 1])

    def add(self, ids: Iterable[int]) -> None:
        for pk in ids:
            self.add_run(pk, 1)

    def __len__(self) -> int:
        return sum(last - first + 1 for first, last in self.runs)

    def __iter__(self) -> Iterator[int]:
        for first, last in self.runs:
            yield from range(first, last + 1)


def runs_of(ids: Iterable[int]) -> list[list[int]]:
    """`[[first, last], ...]` for these ids (JSON-friendly: what background tasks take)."""
    return IdRuns(ids).runs


def ids_in(runs: Iterable[Iterable[int]]) -> list[int]:
    """The ids of `runs_of`'s runs, as a list."""
    return [pk for first, last in runs for pk in range(first, last + 1)]
