"""The rows an import has checked, kept compactly until they are written: each `RowRecord` pickled one after
another into a temporary file (in memory while small), with only its offset (8 bytes) held in a list.

A million rows of a Heard return take about 1.5 GB as Python objects and about 250 MB pickled, on disk. The
plan's additions are a `RecordSpool` that reads them back in order, a slice at a time, when they are written.
"""

from __future__ import annotations

import pickle
import tempfile
from array import array
from collections.abc import Iterator, Sequence
from typing import IO, overload

from heard.returns.records import RowRecord

# Kept in memory up to this size, then in a temporary file.
IN_MEMORY = 8 * 1024 * 1024


class _Store:
    """The pickles, shared by a spool and the views made from it."""

    def __init__(self) -> None:
        self.file: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=IN_MEMORY)  # noqa: SIM115 (closed by close)
        self.end = 0

    def write(self, record: RowRecord) -> int:
        data = pickle.dumps(
            (
                record.row,
                record.hash,
                record.community,
                record.activity,
                record.collected_on,
                record.fields,
                record.answers,
            ),
            protocol=pickle.HIGHEST_PROTOCOL,
        )
        offset = self.end
        self.file.seek(offset)
        self.file.write(data)
        self.end += len(data)
        return offset

    def read(self, offset: int) -> RowRecord:
        self.file.seek(offset)
        return RowRecord(*pickle.load(self.file))  # noqa: S301 (our own pickles, in our own temporary file)


class RecordSpool(Sequence[RowRecord]):
    """A list of RowRecords that holds 8 bytes a row in memory (append, len, index, slice, iterate)."""

    def __init__(self, store: _Store | None = None, offsets: array[int] | None = None) -> None:
        self._store = store or _Store()
        self._offsets: array[int] = offsets if offsets is not None else array("Q")

    def append(self, record: RowRecord) -> None:
        self._offsets.append(self._store.write(record))

    def view(self, positions: Sequence[int]) -> RecordSpool:
        """The records at these positions, in that order, without copying them."""
        return RecordSpool(self._store, array("Q", (self._offsets[p] for p in positions)))

    def close(self) -> None:
        self._store.file.close()

    def __len__(self) -> int:
        return len(self._offsets)

    @overload
    def __getitem__(self, index: int) -> RowRecord: ...

    @overload
    def __getitem__(self, index: slice) -> list[RowRecord]: ...

    def __getitem__(self, index: int | slice) -> RowRecord | list[RowRecord]:
        if isinstance(index, slice):
            return [self._store.read(offset) for offset in self._offsets[index]]
        return self._store.read(self._offsets[index])

    def __iter__(self) -> Iterator[RowRecord]:
        for offset in self._offsets:
            yield self._store.read(offset)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]
