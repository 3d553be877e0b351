"""Background work for big returns (run by `heard db_worker`). However the work ends, the upload does not stay
"checking" or "importing": a failure marks it failed (and a worker lost mid-way is swept up by the next worker,
heard.core.sweep and heard.returns.stuck)."""

from __future__ import annotations

from django_tasks import task

from heard.accounts.models import User
from heard.returns import actions
from heard.returns.models import ReturnUpload


@task()
def check_upload(upload_id: int) -> None:
    upload = ReturnUpload.objects.select_related("project", "partner", "mapping").get(pk=upload_id)
    try:
        actions.check_upload(upload)
    except BaseException as error:
        actions.mark_failed(upload_id=upload_id, reason=f"checking stopped ({type(error).__name__})")
        raise


@task()
def import_upload(upload_id: int, actor_id: int | None) -> None:
    upload = ReturnUpload.objects.select_related("project", "partner", "mapping").get(pk=upload_id)
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    try:
        actions.import_upload(upload, actor=actor)
    except BaseException as error:
        actions.mark_failed(upload_id=upload_id, reason=f"importing stopped ({type(error).__name__})")
        raise
