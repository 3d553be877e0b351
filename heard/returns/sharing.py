"""Exports for anyone outside the host: each partner's residents' records carry only what that partner's
data-sharing agreement allows, and free text only with consent to quote, redacted.

- no agreement in force, or "counts only": the partner's records are left out;
- "records without free text or postcodes": demographics, choices and ratings; no words, no postcode district;
- "records with redacted free text": as above, plus the words `privacy.outputs.quotable_answers` allows anyone
  outside the host (consent to be quoted, no safeguarding flag holding them back), redacted.
Provenance (file, sheet, row) and who translated are never shared.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet

from heard.engagement.models import Answer, Experience, Project
from heard.privacy.models import SharingScope
from heard.privacy.outputs import agreements_in_force, public_text, quotable_answers
from heard.returns.exporting import ExportColumn, export_columns, export_rows

NEVER_SHARED = {"source_file", "source_sheet", "source_row"}


def scopes_in_force(today: datetime.date) -> dict[int, str]:
    """Partner id -> the scope of its agreement in force today."""
    return {pk: agreement.scope for pk, agreement in agreements_in_force(today).items()}


def shareable_experiences(project: Project, scopes: dict[int, str]) -> QuerySet[Experience]:
    allowed = [pk for pk, scope in scopes.items() if scope != SharingScope.AGGREGATES]
    return Experience.objects.filter(project=project, partner_id__in=allowed, consent_store=True)


def _free_text_getter(column: ExportColumn, code: str, field: str, quotable: set[int]) -> ExportColumn:
    def get(experience: Experience, answers: dict[str, Answer]) -> Any:
        answer = answers.get(code)
        if answer is None or answer.pk not in quotable or not getattr(answer, field):
            return ""
        return public_text(answer, field=field)

    return ExportColumn(column.key, column.label, get)


def sharing_columns(
    project: Project, scopes: dict[int, str], language: str = "", *, today: datetime.date | None = None
) -> list[ExportColumn]:
    free_text = {q.code for q in project.questions.filter(kind="free_text")}
    quotable = set(quotable_answers(None, project, today=today).values_list("pk", flat=True))
    columns: list[ExportColumn] = []
    for column in export_columns(project, language):
        if column.key in NEVER_SHARED or column.key.endswith("_translated_by"):
            continue
        if column.key in free_text:
            columns.append(_free_text_getter(column, column.key, "text", quotable))
        elif column.key.endswith("_english") and column.key[: -len("_english")] in free_text:
            columns.append(_free_text_getter(column, column.key[: -len("_english")], "english_text", quotable))
        elif column.key == "postcode_district":
            inner = column

            def district(experience: Experience, answers: dict[str, Answer], inner: ExportColumn = inner) -> Any:
                if scopes.get(experience.partner_id) == SharingScope.DEMOGRAPHICS:
                    return ""
                return inner.get(experience, answers)

            columns.append(ExportColumn(column.key, column.label, district))
        else:
            columns.append(column)
    return columns


def sharing_export(
    project: Project, *, today: datetime.date, language: str = ""
) -> tuple[list[ExportColumn], Iterator[list[Any]], int]:
    """Columns, rows and the number of records, for an export that leaves the host."""
    scopes = scopes_in_force(today)
    experiences = shareable_experiences(project, scopes)
    columns = sharing_columns(project, scopes, language, today=today)
    return columns, export_rows(experiences, columns), experiences.count()
