"""What an import found: the plan of a partner's return (rows understood, problems, additions, changes and
removals), shared by reading (`heard.returns.importer`) and writing (`heard.returns.writing`)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from heard.engagement.models import CONSENT_FIELDS, DEMOGRAPHIC_FIELDS, Project
from heard.partners.models import Organisation
from heard.returns.template import RESIDENTS

MAX_PROBLEMS_KEPT = 1000

EXPERIENCE_FIELDS = (
    *DEMOGRAPHIC_FIELDS,
    "postcode",
    *CONSENT_FIELDS,
    "lad_code",
    "ward_code",
    "lsoa21_code",
    "deprivation_decile",
)


@dataclass(frozen=True)
class Problem:
    row: int | None
    column: str
    message: str
    sheet: str = ""
    letter: str = ""

    def __str__(self) -> str:
        where = f"Row {self.row}" if self.row is not None else "The file"
        if self.sheet and self.sheet != RESIDENTS:
            where = f"Sheet '{self.sheet}', {where.lower() if self.row is None else where}"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "column": self.column,
            "letter": self.letter,
            "sheet": self.sheet,
            "message": self.message,
            "text": str(self),
        }


@dataclass(slots=True)
class RowRecord:
    """What Heard understood from one row, compactly (a million of these must fit in memory)."""

    row: int
    hash: str
    community: int | None
    activity: str  # "id:12", "new:<folded title>" or ""
    collected_on: datetime.date
    fields: tuple[Any, ...]  # values of EXPERIENCE_FIELDS
    answers: tuple[tuple[int, str, tuple[str, ...], int | None, str, bool, str, str], ...]


@dataclass
class NewActivity:
    row: int
    title: str
    method: str
    held_on: datetime.date
    language: str
    people_count: int
    community: int | None


@dataclass
class Plan:
    project: Project
    partner: Organisation
    file_name: str
    sheet: str = ""
    headers: list[str] = field(default_factory=list)
    mapped: dict[str, str] = field(default_factory=dict)  # header -> code
    unmapped: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    rows_read: int = 0
    # A list, or (from `planning`) a spool that keeps the rows on disk until they are written.
    additions: Sequence[RowRecord] = field(default_factory=list)
    changes: list[tuple[RowRecord, int, int]] = field(default_factory=list)  # (row, imported row id, experience id)
    removals: list[tuple[int, int, int]] = field(default_factory=list)  # (imported row id, experience id, row)
    unchanged: int = 0
    # What Heard held from this partner when the file was checked (`importer.held_state`); the import writes
    # only if it still holds the same, so two imports checked at the same time cannot both add the same rows.
    held_state: tuple[int, int, int] = (0, 0, 0)
    new_activities: list[NewActivity] = field(default_factory=list)
    # False when the plan kept only row numbers and hashes (a preview): it says what would happen, no more.
    committable: bool = True

    @property
    def ok(self) -> bool:
        return not self.problem_count and not self.unmapped

    def add_problem(self, problem: Problem) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS_KEPT:
            self.problems.append(problem)

    def summary(self) -> dict[str, Any]:
        return {
            "file": self.file_name,
            "sheet": self.sheet,
            "rows": self.rows_read,
            "added": len(self.additions),
            "changed": len(self.changes),
            "removed": len(self.removals),
            "unchanged": self.unchanged,
            "new_activities": len(self.new_activities),
            "problems": self.problem_count,
            "unmapped_columns": list(self.unmapped),
        }


class ImportRefused(Exception):
    """The file cannot be imported at all (unreadable, no usable columns); the message says why."""
