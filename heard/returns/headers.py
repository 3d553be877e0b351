"""Which column of Heard's each header of a partner's file is: by a saved mapping, the code in brackets
("Age band [age_band]"), the label, or the code itself."""

from __future__ import annotations

from heard.returns.columns import (
    HEADER_CODE_RE,
    Column,
    fold,
)
from heard.returns.models import ColumnMapping
from heard.returns.records import (
    Problem,
)


def map_headers(
    headers: list[str], columns: list[Column], mapping: ColumnMapping | None
) -> tuple[dict[int, Column], list[str], list[str], list[Problem]]:
    """Which column each header is. Returns (index -> column, unmapped headers, headers a mapping leaves out on
    purpose, problems such as two headers for the same column)."""
    by_code = {c.code.casefold(): c for c in columns}
    by_label = {fold(c.label): c for c in columns}
    saved = mapping.lookup() if mapping else {}
    result: dict[int, Column] = {}
    unmapped: list[str] = []
    left_out: list[str] = []
    problems: list[Problem] = []
    used: dict[str, str] = {}
    for index, header in enumerate(headers):
        if not header:
            continue
        folded = fold(header)
        column: Column | None = None
        if folded in saved:
            code = saved[folded]
            if not code:
                left_out.append(header)
                continue
            column = by_code.get(code.casefold())
            if column is None:
                problems.append(
                    Problem(None, header, f"the saved mapping points to '{code}', which this project does not have.")
                )
                continue
        else:
            match = HEADER_CODE_RE.search(header)
            if match:
                column = by_code.get(match.group(1).casefold())
            if column is None:
                column = by_label.get(folded) or by_code.get(folded) or by_code.get(folded.replace(" ", "_"))
        if column is None:
            unmapped.append(header)
            continue
        if column.code in used:
            problems.append(
                Problem(
                    None, header, f"this column and '{used[column.code]}' are both '{column.label}'. Keep one of them."
                )
            )
            continue
        used[column.code] = header
        result[index] = column
    return result, unmapped, left_out, problems
