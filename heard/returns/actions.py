"""State changes for partner returns: checking an uploaded file and importing it (one transaction, one audit
event). Views, commands and tasks call these."""

from __future__ import annotations

import datetime
from pathlib import Path

from django.utils import timezone

from heard.accounts.models import User
from heard.returns import progress
from heard.returns.importer import MAX_PROBLEMS_KEPT, ImportRefused, Plan, import_file, plan_import
from heard.returns.models import ReturnUpload, UploadStatus


def check_upload(upload: ReturnUpload) -> Plan | None:
    """Reads and checks the uploaded file; stores the problems or the summary of what would change. Writes no
    resident data. Returns the plan, or None when the file could not be read at all."""
    upload.status = UploadStatus.CHECKING
    upload.save(update_fields=["status"])
    try:
        plan = plan_import(
            Path(upload.file.path),
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
    upload.save(update_fields=["status"])
    try:
        plan, imported = import_file(
            Path(upload.file.path),
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
