"""Background work for big returns (run by `heard db_worker`)."""

from __future__ import annotations

from django_tasks import task

from heard.accounts.models import User
from heard.returns import actions
from heard.returns.models import ReturnUpload, UploadStatus


@task()
def check_upload(upload_id: int) -> None:
    upload = ReturnUpload.objects.select_related("project", "partner", "mapping").get(pk=upload_id)
    try:
        actions.check_upload(upload)
    except Exception:
        ReturnUpload.objects.filter(pk=upload_id).update(status=UploadStatus.FAILED)
        raise


@task()
def import_upload(upload_id: int, actor_id: int | None) -> None:
    upload = ReturnUpload.objects.select_related("project", "partner", "mapping").get(pk=upload_id)
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    try:
        actions.import_upload(upload, actor=actor)
    except Exception:
        ReturnUpload.objects.filter(pk=upload_id).update(status=UploadStatus.FAILED)
        raise
