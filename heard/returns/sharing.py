"""Exports for anyone outside the host: each partner's residents' records carry only what that partner's
data-sharing agreement allows, and free text only with consent to quote, redacted.

- no agreement in force, or "counts only": the partner's records are left out;
- "records without free text or postcodes": demographics, choices and ratings; no words, no postcode district;
- "records with redacted free text": as above, plus the words of residents who agreed to be quoted, redacted.
Provenance (file, sheet, row) and who translated are never shared.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django.db.models import Q, QuerySet

from heard.engagement.models import Answer, Experience, Project
from heard.privacy.models import DataSharingAgreement, SharingScope
from heard.privacy.outputs import public_text
from heard.returns.exporting import ExportColumn, export_columns, export_rows

NEVER_SHARED = {"source_file", "source_sheet", "source_row"}


def agreements_in_force(today: datetime.date) -> dict[int, str]:
    """Partner id -> the scope of its agreement in force today (the latest one when several are)."""
    scopes: dict[int, str] = {}
    for agreement in (
        DataSharingAgreement.objects.filter(starts_on__lte=today)
        .filter(Q(ends_on=None) | Q(ends_on__gte=today))
        .order_by("starts_on")
    ):
        scopes[agreement.organisation_id] = agreement.scope
    return scopes


def shareable_experiences(project: Project, scopes: dict[int, str]) -> QuerySet[Experience]:
    allowed = [pk for pk, scope in scopes.items() if scope != SharingScope.AGGREGATES]
    return Experience.objects.filter(project=project, partner_id__in=allowed, consent_store=True)


def _free_text_getter(column: ExportColumn, scopes: dict[int, str], field: str) -> ExportColumn:
    def get(experience: Experience, answers: dict[str, Answer]) -> Any:
        original = column.get(experience, answers)
        if not original or scopes.get(experience.partner_id) != SharingScope.REDACTED_TEXT:
            return ""
        if not experience.consent_quote:
            return ""
        answer = next((a for a in answers.values() if getattr(a, field) == original), None)
        return public_text(answer, field=field) if answer is not None else ""

    return ExportColumn(column.key, column.label, get)


def sharing_columns(project: Project, scopes: dict[int, str], language: str = "") -> list[ExportColumn]:
    free_text = {q.code for q in project.questions.filter(kind="free_text")}
    columns: list[ExportColumn] = []
    for column in export_columns(project, language):
        if column.key in NEVER_SHARED or column.key.endswith("_translated_by"):
            continue
        if column.key in free_text:
            columns.append(_free_text_getter(column, scopes, "text"))
        elif column.key.endswith("_english") and column.key[: -len("_english")] in free_text:
            columns.append(_free_text_getter(column, scopes, "english_text"))
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
    scopes = agreements_in_force(today)
    experiences = shareable_experiences(project, scopes)
    columns = sharing_columns(project, scopes, language)
    return columns, export_rows(experiences, columns), experiences.count()
