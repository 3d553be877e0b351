from __future__ import annotations

from typing import Any

from heard.returns.writing import _Insert


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, list[Any]]] = []

    def execute(self, sql: str, params: list[Any]) -> None:
        self.calls.append((sql, params))


def test_rows_go_in_a_few_statement_sizes_and_every_value_once():
    insert = _Insert("t", ["a", "fixed", "b"], ["a", "b"], ["F"], limit=11)  # 5 rows of 2 values fit
    assert insert.sizes == [5, 4, 2, 1]
    cursor = Recorder()
    flat = [value for n in range(12) for value in (f"a{n}", f"b{n}")]
    insert.run(cursor, flat)
    assert [sql.count("(?, ?)") for sql, _ in cursor.calls] == [5, 5, 2]
    assert all(params[0] == "F" for _, params in cursor.calls)
    assert [v for _, params in cursor.calls for v in params[1:]] == flat
    first = cursor.calls[0][0]
    assert first.startswith('INSERT INTO "t" ("a", "fixed", "b") SELECT column1, ?, column2 FROM (VALUES (?, ?)')
