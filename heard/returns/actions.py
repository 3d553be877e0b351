"""State changes for partner returns: receiving an uploaded file, checking and importing it, remembering a column
mapping, and noting exports (one transaction, one audit event). Views, commands and tasks call these."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from heard.accounts.models import User
from heard.core import audit
from heard.core.models import AuditVerb
from heard.engagement.models import Project
from heard.lib.storedfiles import local_path
from heard.partners.models import Organisation
from heard.returns import progress
from heard.returns.importer import MAX_PROBLEMS_KEPT, ImportRefused, Plan, import_file, plan_import
from heard.returns.models import RUNNING, ColumnMapping, ReturnUpload, UploadStatus


@transaction.atomic
def receive_upload(
    *, actor: User, project: Project, partner: Organisation, file: UploadedFile[Any], mapping: ColumnMapping | None
) -> ReturnUpload:
    """Keeps an uploaded return until it is checked and imported (or cleared by `heard retention`)."""
    name = Path(file.name or "return").name
    upload = ReturnUpload(project=project, partner=partner, uploaded_by=actor, file_name=name[:300], mapping=mapping)
    upload.file.save(name, file, save=False)
    upload.save()
    audit.record(
        actor=actor,
        verb=AuditVerb.CREATED,
        target=upload,
        project_id=project.pk,
        organisation_id=partner.pk,
        summary=f"Uploaded {upload.file_name} ({file.size:,} bytes)",
    )
    return upload


@transaction.atomic
def queue_import(*, actor: User, upload: ReturnUpload) -> ReturnUpload:
    """Marks a checked upload as importing, for a background task to write (the caller enqueues it)."""
    upload.status = UploadStatus.IMPORTING
    upload.rows_done = 0
    upload.started_at = timezone.now()
    upload.save(update_fields=["status", "rows_done", "started_at"])
    audit.record(
        actor=actor,
        verb=AuditVerb.QUEUED,
        target=upload,
        project_id=upload.project_id,
        organisation_id=upload.partner_id,
        summary=f"Import of {upload.file_name} queued",
    )
    return upload


@transaction.atomic
def save_column_mapping(
    *, actor: User, upload: ReturnUpload, name: str, chosen: Mapping[str, str], shared: bool = False
) -> ColumnMapping:
    """Remembers what each column of this upload's file is, under `name`, and points the upload at it.

    The mapping belongs to the partner whose return it is (private to them), unless host staff choose to share
    it with every partner. Whoever asks, only that one organisation's mapping of that name is created or
    changed: a partner never touches the host's or another partner's."""
    owner = None if (shared and actor.is_host) else upload.partner
    mapping, created = ColumnMapping.objects.get_or_create(organisation=owner, name=name)
    before = None if created else audit.snapshot(mapping, ["name", "organisation_id", "mapping"])
    mapping.mapping = {**(upload.mapping.mapping if upload.mapping else {}), **mapping.mapping, **chosen}
    mapping.description = mapping.description or f"Made for {upload.file_name}"[:300]
    mapping.save()
    upload.mapping = mapping
    upload.status = UploadStatus.CHECKING  # the caller has the file checked again with the mapping
    upload.started_at = timezone.now()
    upload.save(update_fields=["mapping", "status", "started_at"])
    audit.record(
        actor=actor,
        verb=AuditVerb.CREATED if created else AuditVerb.CHANGED,
        target=mapping,
        project_id=upload.project_id,
        organisation_id=upload.partner_id,
        summary=f"Column mapping for {upload.file_name}",
        before=before,
        after=audit.snapshot(mapping, ["name", "organisation_id", "mapping"]),
    )
    return mapping


@transaction.atomic
def note_export(
    *, actor: User | None, project: Project, summary: str, organisation: Organisation | None = None
) -> None:
    """Records that residents' records left Heard (a download or the `heard export` command)."""
    audit.record(
        actor=actor,
        verb=AuditVerb.EXPORTED,
        target=project,
        project_id=project.pk,
        organisation_id=organisation.pk if organisation else None,
        summary=summary,
    )


def check_upload(upload: ReturnUpload) -> Plan | None:
    """Reads and checks the uploaded file; stores the problems or the summary of what would change. Writes no
    resident data. Returns the plan, or None when the file could not be read at all."""
    upload.status = UploadStatus.CHECKING
    upload.started_at = timezone.now()
    upload.save(update_fields=["status", "started_at"])
    try:
        with local_path(upload.file) as path:
            plan = plan_import(
                path,
                project=upload.project,
                partner=upload.partner,
                file_name=upload.file_name,
                mapping=upload.mapping,
                progress=progress.reporter(upload),
                keep_records=False,
            )
    except ImportRefused as error:
        upload.status = UploadStatus.PROBLEMS
        upload.problems = [
            {"row": None, "column": "", "letter": "", "sheet": "", "message": str(error), "text": str(error)}
        ]
        upload.problem_count = 1
        upload.finished_at = timezone.now()
        upload.save()
        return None
    finally:
        progress.clear(upload.pk)
    _store_plan(upload, plan)
    return plan


def _store_plan(upload: ReturnUpload, plan: Plan) -> None:
    upload.sheet = plan.sheet[:100]
    upload.rows_total = upload.rows_done = plan.rows_read
    upload.unmapped = plan.unmapped
    upload.problems = [p.as_dict() for p in plan.problems[:MAX_PROBLEMS_KEPT]]
    upload.problem_count = plan.problem_count
    upload.summary = plan.summary() | {
        # Row numbers only (no residents' words): the preview reads those rows again from the file to show them.
        "added_rows": [record.row for record in plan.additions[:200]],
        "changed_rows": [record.row for record, _pk, _e in plan.changes[:200]],
        "removed_rows": [row for _pk, _e, row in plan.removals[:200]],
    }
    upload.status = UploadStatus.READY if plan.ok else UploadStatus.PROBLEMS
    upload.finished_at = timezone.now()
    upload.save()


def import_upload(upload: ReturnUpload, *, actor: User | None) -> bool:
    """Imports the file all or nothing, if it is still clean and says the same as the preview (checked while it
    is written, in one transaction). Returns False (and leaves the upload showing its new preview or problems)
    otherwise."""
    previewed = {k: upload.summary.get(k) for k in ("added", "changed", "removed", "unchanged")}
    upload.status = UploadStatus.IMPORTING
    upload.started_at = timezone.now()
    upload.save(update_fields=["status", "started_at"])
    try:
        with local_path(upload.file) as path:
            plan, imported = import_file(
                path,
                project=upload.project,
                partner=upload.partner,
                actor=actor,
                file_name=upload.file_name,
                mapping=upload.mapping,
                upload=upload,
                expect=previewed,
                progress=progress.reporter(upload),
            )
    except ImportRefused:
        check_upload(upload)
        return False
    finally:
        progress.clear(upload.pk)
    if imported is None:
        _store_plan(upload, plan)
        return False
    # What the file said now lives in residents' records (which erasure and retention reach); the copy of the
    # file itself is not kept.
    upload.file.delete(save=True)
    return True


def import_return(
    path: str | Path,
    *,
    project: Project,
    partner: Organisation,
    actor: User | None,
    mapping: ColumnMapping | None = None,
    sheet: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[Plan, ReturnUpload | None]:
    """Imports a return from the command line, all or nothing: checked first, then written in one transaction with
    one audit event (`importer.commit`). Returns the plan and the upload record (None when nothing was written)."""
    return import_file(
        path, project=project, partner=partner, actor=actor, mapping=mapping, sheet=sheet, progress=progress
    )


def mark_failed(*, upload_id: int, reason: str) -> bool:
    """Marks an upload that work stopped on before it finished (a task failed, or its worker or web process was
    lost) as failed, so that its page says "failed, try again" instead of "importing" for ever. Nothing of the
    file was saved: an import writes all or nothing. Returns False, changing nothing, when the upload was no
    longer being worked on."""
    with transaction.atomic():
        now = timezone.now()
        if not ReturnUpload.objects.filter(pk=upload_id, status__in=RUNNING).update(
            status=UploadStatus.FAILED, finished_at=now
        ):
            return False
        upload = ReturnUpload.objects.select_related("partner").get(pk=upload_id)
        audit.record(
            actor=None,
            verb=AuditVerb.FAILED,
            target=upload,
            target_label=f"{upload.file_name} ({upload.partner.name})",
            project_id=upload.project_id,
            organisation_id=upload.partner_id,
            summary=f"Work on {upload.file_name} stopped: {reason}"[:500],
        )
    progress.clear(upload_id)
    return True


def retry_upload(upload: ReturnUpload, *, actor: User | None) -> bool:
    """Puts a failed upload back to be worked on again: to be imported if its last check was clean (the import
    checks once more that the file says what the preview said, and shows the new preview if not), else to be
    checked again. The caller then runs or queues that work. Returns False when the upload had not failed or its
    file is gone (then it must be uploaded again)."""
    if not upload.file:
        return False
    clean = upload.problem_count == 0 and "added" in (upload.summary or {})
    status = UploadStatus.READY if clean else UploadStatus.UPLOADED
    with transaction.atomic():
        now = timezone.now()
        if not ReturnUpload.objects.filter(pk=upload.pk, status=UploadStatus.FAILED).update(
            status=status, started_at=now, finished_at=None, rows_done=0
        ):
            return False
        audit.record(
            actor=actor,
            verb=AuditVerb.QUEUED,
            target=upload,
            target_label=f"{upload.file_name} ({upload.partner.name})",
            project_id=upload.project_id,
            organisation_id=upload.partner_id,
            summary=f"Trying {upload.file_name} again: {'import' if clean else 'check'} it",
        )
    upload.status, upload.started_at, upload.finished_at, upload.rows_done = status, now, None, 0
    return True


def delete_stale_uploads(*, older_than: datetime.timedelta, now: datetime.datetime | None = None) -> int:
    """Removes the stored files and problem lists of uploads that were checked but never imported, after
    `older_than`. The upload's record (file name, dates, counts) stays. Returns how many were cleared."""
    cutoff = (now or timezone.now()) - older_than
    stale = (
        ReturnUpload.objects.filter(created_at__lt=cutoff)
        .exclude(status=UploadStatus.IMPORTED)
        .exclude(file="", problems=[])
    )
    cleared = 0
    for upload in stale:
        if upload.file:
            upload.file.delete(save=False)
        upload.problems = []
        upload.save(update_fields=["file", "problems"])
        cleared += 1
    return cleared
