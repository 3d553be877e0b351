"""`heard classify` makes its CSV rows itself (every row's 0/1 cells at once) and writes them a few thousand at a
time: byte for byte what Python's csv.writer writes, whatever the ids hold."""

from __future__ import annotations

import csv
import io

import numpy as np

from heard.analysis.management.commands.classify import csv_chunks, csv_field

IDS = ["plain", "", " space ", "a,b", 'say "hi"', "line\nbreak", "carriage\rreturn", "semi;colon", "café", "x" * 50]


def test_each_id_is_quoted_exactly_when_csv_writer_quotes_it() -> None:
    for value in IDS:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerow([value, "0"])
        assert f"{csv_field(value)},0\n" == buffer.getvalue(), value


def test_the_rows_are_csv_writers_rows_in_pieces() -> None:
    rng = np.random.default_rng(0)
    assigned = rng.integers(0, 2, size=(len(IDS) * 3, 5)).astype(np.uint8)
    ids = IDS * 3
    sentiments = [str(i % 6) if i % 6 else "" for i in range(len(ids))]
    unread = [i % 4 == 0 for i in range(len(ids))]
    header = ["comment_id", "A & B", "C, D", "E", "F", "G", "sentiment"]
    expected = io.StringIO()
    writer = csv.writer(expected, lineterminator="\n")
    writer.writerow(header)
    for i, value in enumerate(ids):
        writer.writerow([value, *([""] * 5), ""] if unread[i] else [value, *assigned[i].tolist(), sentiments[i]])
    chunks = list(csv_chunks(header, ids, assigned, sentiments, unread, rows_per_chunk=7))
    assert len(chunks) == 1 + 5  # the header, then 30 rows 7 at a time
    assert "".join(chunks) == expected.getvalue()
