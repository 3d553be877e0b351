"""Importing a partner's return in two phases: `plan_import` reads and checks every row and works out what
would be added, changed and removed (writing nothing, outside any transaction); `commit` writes a clean plan in
one short transaction with one audit event. On SQLite that transaction holds the database's one write lock, so
the file is read and checked before it begins: the web's writes (a sign-in, a saved record) wait only for the
rows to be written, not for the file to be read.

A row's identity for re-imports is a hash of its normalised content (what Heard understood, not the cell
formatting), so a re-saved file adds nothing. Identical rows in one file are different residents: the n-th copy
gets its own hash. A revised file (same project, partner and file name) is compared with what that file brought
in before: a row whose content changed at the same row number is a change; rows that are no longer in the file
are removals.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from heard.accounts.models import User
from heard.core import audit
from heard.core.models import AuditVerb
from heard.engagement.actions import announce_contributions
from heard.engagement.models import Answer, Experience, Project
from heard.lib.idruns import IdRuns
from heard.partners.models import Organisation
from heard.returns import writing
from heard.returns.headers import map_headers
from heard.returns.models import ColumnMapping, ImportedRow, ReturnUpload, UploadStatus
from heard.returns.planning import held_state, plan_import
from heard.returns.records import (
    EXPERIENCE_FIELDS,
    MAX_PROBLEMS_KEPT,
    ImportRefused,
    Plan,
    Problem,
    RowRecord,
)

__all__ = [
    "MAX_PROBLEMS_KEPT",
    "ImportRefused",
    "Plan",
    "Problem",
    "RowRecord",
    "commit",
    "import_file",
    "map_headers",
    "plan_import",
]

# Committing ------------------------------------------------------------------------------------------------------


def import_file(
    path: str | Path,
    *,
    project: Project,
    partner: Organisation,
    actor: User | None,
    file_name: str | None = None,
    mapping: ColumnMapping | None = None,
    sheet: str | None = None,
    upload: ReturnUpload | None = None,
    expect: dict[str, Any] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[Plan, ReturnUpload | None]:
    """Checks the whole file, then, if it is clean (and, with `expect`, says the same as the preview did),
    imports it all or nothing. Returns the plan and the upload record (None when nothing was written).

    The file is read and checked first, outside any transaction; only then are its rows written, in one short
    transaction (on SQLite the write lock is held about 5 s per 100,000 rows, not for the whole read)."""
    plan = plan_import(
        path, project=project, partner=partner, file_name=file_name, mapping=mapping, sheet=sheet, progress=progress
    )
    if not plan.ok or not _as_expected(plan, expect):
        return plan, None
    return plan, commit(plan, actor=actor, upload=upload, progress=progress)


def _as_expected(plan: Plan, expect: dict[str, Any] | None) -> bool:
    if expect is None:
        return True
    summary = plan.summary()
    return all(summary.get(key) == value for key, value in expect.items())


def _new_upload(plan: Plan, actor: User | None) -> ReturnUpload:
    return ReturnUpload.objects.create(
        project=plan.project, partner=plan.partner, uploaded_by=actor, file_name=plan.file_name, sheet=plan.sheet[:100]
    )


def commit(
    plan: Plan,
    *,
    actor: User | None,
    upload: ReturnUpload | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ReturnUpload:
    """Writes a clean plan, all or nothing, with one audit event. Returns the upload record."""
    if not plan.ok:
        raise ImportRefused("The file has problems; nothing was imported.")
    if not plan.committable:
        raise ValueError("This plan was made without keeping the rows (keep_records=False); plan again to import.")
    kinds = writing.question_kinds(plan.project)
    now = timezone.now()
    total = len(plan.additions) + len(plan.changes) + len(plan.removals)
    with transaction.atomic():
        if held_state(plan) != plan.held_state:
            raise ImportRefused(
                f"Heard's records from {plan.partner.name} changed while {plan.file_name} was being checked "
                "(another import, or a record removed); nothing was imported. Check the file again."
            )
        upload = upload or _new_upload(plan, actor)
        activities = writing.create_activities(plan)
        if connection.vendor == "sqlite":
            writer = writing.SqliteWriter(plan, upload, activities, kinds, actor, now)
            done = writing.insert_sqlite(writer, plan.additions, progress, total)
            written = writer.ids
        else:
            written = IdRuns()
            done = writing.insert_orm(plan, upload, activities, kinds, actor, now, progress, total, written)

        for record, imported_row_id, experience_id in plan.changes:
            fresh = writing.experience_for(plan, record, activities, actor, now)
            fresh.pk = experience_id
            update = (*EXPERIENCE_FIELDS, "activity_id", "community_id", "collected_on", "source_row", "updated_at")
            Experience.objects.filter(pk=experience_id).update(**{f: getattr(fresh, f) for f in update})
            Answer.objects.filter(experience_id=experience_id).delete()
            Answer.objects.bulk_create(list(writing.answers_for(experience_id, record, kinds)))
            ImportedRow.objects.filter(pk=imported_row_id).update(
                upload=upload, row_number=record.row, content_hash=record.hash
            )
            written.add_run(experience_id, 1)
            done += 1
        if plan.removals:
            Experience.objects.filter(pk__in=[experience_id for _pk, experience_id, _row in plan.removals]).delete()
            done += len(plan.removals)
        return _finish(plan, upload, actor, written)


def _finish(plan: Plan, upload: ReturnUpload, actor: User | None, written: IdRuns) -> ReturnUpload:
    """Marks the upload imported and writes the one audit event (inside the import's transaction); once it
    commits, the records added or changed are announced for their safeguarding check and theme suggestions."""
    summary = plan.summary()
    upload.sheet = plan.sheet[:100]
    upload.status = UploadStatus.IMPORTED
    upload.summary = summary
    upload.rows_total = plan.rows_read
    upload.rows_done = plan.rows_read
    upload.problems = []
    upload.problem_count = 0
    upload.finished_at = timezone.now()
    upload.save()
    audit.record(
        actor=actor,
        verb=AuditVerb.IMPORTED,
        target=upload,
        target_label=f"{plan.file_name} ({plan.partner.name})",
        project_id=plan.project.pk,
        organisation_id=plan.partner.pk,
        summary=(
            f"Imported {plan.file_name}: {summary['added']} added, {summary['changed']} changed, "
            f"{summary['removed']} removed, {summary['unchanged']} already held, "
            f"{summary['new_activities']} new activities"
        ),
        after=summary,
    )
    announce_contributions(written)
    return upload
