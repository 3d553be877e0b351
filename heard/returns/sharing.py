"""Exports for anyone outside the host: each partner's residents' records carry only what that partner's
data-sharing agreement allows, free text only as `privacy.outputs.quotable_answers` allows, redacted, and the whole
file passes a re-identification check (`reidentification.py`) before it leaves.

- no agreement in force, or "counts only": the partner's records are left out;
- "records without free text or postcodes": demographics, choices and ratings; no words;
- "records with redacted free text": as above, plus the words `quotable_answers` allows anyone outside the host
  (consent to be quoted, no safeguarding flag holding them back), redacted.
Where residents live goes no finer than the agreement's place detail (local authority, ward, postcode district).
Every combination of the details someone could already know holds at least k residents (5, or the agreement's
figure): details are generalised until it does, and the few records still in smaller groups are withheld and
counted in the notes. Provenance (file, sheet, row) and who translated are never shared.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from heard.engagement.models import Answer, Experience, Project
from heard.partners.models import Organisation
from heard.place.population import area_name
from heard.privacy.models import SharingScope
from heard.privacy.outputs import agreements_in_force, public_text, quotable_answers
from heard.returns.exporting import ExportAnswer, ExportColumn, ExportRecord, export_columns, export_rows
from heard.returns.reidentification import SharingCheck, check_for_sharing

NEVER_SHARED = {"source_file", "source_sheet", "source_row"}
GENERALISED = {
    "partner",
    "community",
    "activity",
    "collected_on",
    "age_band",
    "sex",
    "gender_identity",
    "ethnic_group",
    "disability",
    "main_language",
    "english_proficiency",
}
PLACE_PARTS = {"postcode_district": 0, "ward_code": 1}


def scopes_in_force(today: datetime.date) -> dict[int, str]:
    """Partner id -> the scope of its agreement in force today."""
    return {pk: agreement.scope for pk, agreement in agreements_in_force(today).items()}


def shareable_experiences(project: Project, scopes: dict[int, str]) -> QuerySet[Experience]:
    allowed = [pk for pk, scope in scopes.items() if scope != SharingScope.AGGREGATES]
    return Experience.objects.filter(project=project, partner_id__in=allowed, consent_store=True)


def _free_text_getter(column: ExportColumn, code: str, field: str, quotable: set[int]) -> ExportColumn:
    def get(experience: ExportRecord, answers: dict[str, ExportAnswer]) -> Any:
        answer = answers.get(code)
        if answer is None or answer.pk not in quotable or not getattr(answer, field):
            return ""
        # Only the few words that leave the host become an Answer (public_text reads its redaction decisions).
        return public_text(Answer(pk=answer.pk, text=answer.text, english_text=answer.english_text), field=field)

    return ExportColumn(column.key, column.label, get)


def _generalised(column: ExportColumn, name: str, check: SharingCheck) -> ExportColumn:
    level = check.level(name)
    words = next(q for q in check.qis if q.hierarchy.name == name).levels[level]
    label = column.label if level == 0 else f"{column.label} ({words})"
    return ExportColumn(column.key, label, lambda e, _a: check.values[e.pk][name])


def _place_part(column: ExportColumn, index: int, check: SharingCheck) -> ExportColumn:
    return ExportColumn(column.key, column.label, lambda e, _a: check.place(e.pk)[index])


def _local_authority(check: SharingCheck) -> ExportColumn:
    names: dict[str, str] = {}

    def get(experience: ExportRecord, _answers: dict[str, ExportAnswer]) -> Any:
        code = str(check.place(experience.pk)[2])
        if code and code not in names:
            names[code] = area_name(code)
        return names.get(code, "")

    return ExportColumn("local_authority", "Local authority", get)


def _place_shown(check: SharingCheck, index: int) -> bool:
    """A place column goes in only when the check's level and some partner's agreement both let it through."""
    return check.level("place") <= index and any(floor <= index for floor in check.place_floors)


def sharing_columns(
    project: Project, check: SharingCheck, language: str = "", *, today: datetime.date | None = None
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
        elif column.key in GENERALISED:
            if not check.left_out(column.key):
                columns.append(_generalised(column, column.key, check))
        elif column.key in PLACE_PARTS:
            index = PLACE_PARTS[column.key]
            if _place_shown(check, index):
                columns.append(_place_part(column, index, check))
            if column.key == "ward_code" and _place_shown(check, 2):
                columns.append(_local_authority(check))
        else:
            columns.append(column)
    return columns


@dataclass
class SharedExport:
    columns: list[ExportColumn]
    rows: Iterator[list[Any]]
    count: int
    check: SharingCheck

    @property
    def notes(self) -> list[str]:
        return self.check.notes()


def check_export(project: Project, *, today: datetime.date, partner: Organisation | None = None) -> SharingCheck:
    """The re-identification check alone, for the page that offers the export."""
    agreements = agreements_in_force(today)
    experiences = shareable_experiences(project, {pk: a.scope for pk, a in agreements.items()})
    if partner is not None:
        experiences = experiences.filter(partner=partner)
    return check_for_sharing(experiences, agreements)


def sharing_export(
    project: Project, *, today: datetime.date, language: str = "", partner: Organisation | None = None
) -> SharedExport:
    """Columns, rows, the number of records released and the check's notes, for an export that leaves the host."""
    check = check_export(project, today=today, partner=partner)
    columns = sharing_columns(project, check, language, today=today)
    return SharedExport(columns, export_rows(check.released_ids, columns), len(check.released_ids), check)
