"""The bulk update by spreadsheet round-trip: export the list (id, title, organisation, status, notes...), edit
statuses and notes, read it back. Checked like a return: every problem names its row and column and says what to
do, and nothing is written unless every row is right (`actions.apply_spreadsheet`)."""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db.models import QuerySet

from heard.influence.models import Recommendation, RecommendationStatus
from heard.lib.tabular import Table, TabularError, read_all

COLUMNS = ["id", "title", "organisation", "status", "overdue", "sent_on", "due_on", "notes"]
REQUIRED = ("id", "status", "notes")
STATUSES = [choice.value for choice in RecommendationStatus]


def rows(recommendations: Iterable[Recommendation]) -> list[dict[str, Any]]:
    return [
        {
            "id": rec.pk,
            "title": rec.title,
            "organisation": rec.organisation.name,
            "status": rec.status,
            "overdue": "yes" if rec.overdue else "no",
            "sent_on": rec.sent_on.isoformat() if rec.sent_on else "",
            "due_on": rec.due_on.isoformat() if rec.due_on else "",
            "notes": rec.notes,
        }
        for rec in recommendations
    ]


def _safe(value: Any) -> Any:
    """Cells a spreadsheet would run as a formula are neutralised."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def xlsx_bytes(recommendations: Iterable[Recommendation]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Recommendations"
    sheet.append(COLUMNS)
    data = rows(recommendations)
    for row in data:
        sheet.append([_safe(row[c]) for c in COLUMNS])
    statuses = DataValidation(type="list", formula1='"' + ",".join(STATUSES) + '"', allow_blank=False)
    sheet.add_data_validation(statuses)
    statuses.add(f"D2:D{max(2, len(data) + 1)}")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_text(recommendations: Iterable[Recommendation]) -> str:
    import csv

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows(recommendations):
        writer.writerow({k: _safe(v) for k, v in row.items()})
    return out.getvalue()


@dataclass
class Checked:
    changes: list[tuple[Recommendation, str, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def check(path: str | Path, allowed: QuerySet[Recommendation]) -> Checked:
    """Reads the file and checks every row against the recommendations this person may change."""
    result = Checked()
    try:
        table, data = read_all(path, prefer=("Recommendations",))
    except TabularError as error:
        result.problems.append(str(error))
        return result
    headers = [h.strip().lower() for h in table.headers]
    missing = [name for name in REQUIRED if name not in headers]
    if missing:
        result.problems.append(
            f"{table.where(table.header_row)}: no column {', '.join(repr(m) for m in missing)}. Export the list "
            "again and keep its header row."
        )
        return result
    at = {name: headers.index(name) for name in REQUIRED}
    wanted: dict[int, tuple[int, str, str]] = {}
    for row_number, cells in data:
        cells = cells + [None] * (len(headers) - len(cells))
        raw_id, status, notes = (_text(cells[at[name]]) for name in REQUIRED)
        if not raw_id.isdigit():
            result.problems.append(
                f"{_where(table, row_number, at['id'])}: '{raw_id[:30]}' is not a recommendation's id. Keep the "
                "id column as exported."
            )
            continue
        if status not in STATUSES:
            result.problems.append(
                f"{_where(table, row_number, at['status'])}: '{status[:30]}' is not a status. Use one of: "
                f"{', '.join(STATUSES)}."
            )
        if len(notes) > 5000:
            result.problems.append(f"{_where(table, row_number, at['notes'])}: the notes are over 5,000 characters.")
        pk = int(raw_id)
        if pk in wanted:
            result.problems.append(
                f"{_where(table, row_number, at['id'])}: recommendation {pk} is also on row {wanted[pk][0]}. "
                "Keep one row per recommendation."
            )
            continue
        wanted[pk] = (row_number, status, notes)
    found = allowed.in_bulk(list(wanted))
    for pk, (row_number, status, notes) in wanted.items():
        rec = found.get(pk)
        if rec is None:
            result.problems.append(
                f"{_where(table, row_number, at['id'])}: there is no recommendation {pk} you may change. Export "
                "the list again."
            )
        else:
            result.changes.append((rec, status, notes.replace("\r\n", "\n")))
    if not wanted and not result.problems:
        result.problems.append(f"{table.file_name}: there are no rows under the header. Nothing was changed.")
    return result


def _where(table: Table, row: int, column: int) -> str:
    return table.where(row, column)
