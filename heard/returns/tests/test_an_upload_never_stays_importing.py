"""An upload never says "checking" or "importing" for ever. When the worker running its import is killed, the
next worker runs the import again (all or nothing, so nothing is doubled); killed twice, the upload becomes
"failed, try again", and "Try again" works. A web process killed while it imported a small file leaves it
"importing" only until the worker's next sweep after a grace period."""

from __future__ import annotations

import datetime
import subprocess
from typing import Any

import pytest
from django.core.files import File
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from heard.core import sweep
from heard.core.models import AuditEvent, AuditVerb, TaskWorker
from heard.core.worker import Worker
from heard.engagement.models import Experience
from heard.returns import actions, stuck, tasks
from heard.returns.models import ReturnUpload, UploadStatus
from heard.returns.tests.builders import GOOD_ROW, fill_template, make_world


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    return make_world()


def _checked_upload(world, tmp_path) -> ReturnUpload:
    path = fill_template(world, tmp_path / "return.xlsx", [{**GOOD_ROW, "rating": n % 5 + 1} for n in range(3)])
    upload = ReturnUpload(project=world.project, partner=world.partner, file_name=path.name)
    with path.open("rb") as handle:
        upload.file.save(path.name, File(handle), save=False)
    upload.save()
    actions.check_upload(upload)
    assert upload.status == UploadStatus.READY
    return upload


def _killed_while_importing(world, upload: ReturnUpload, *, times: int) -> DBTaskResult[Any, Any]:
    """What a worker killed with kill -9 in the middle of the import leaves behind."""
    process = subprocess.Popen(["true"])
    process.wait()
    ids = [f"killed-{n}" for n in range(times)]
    TaskWorker.objects.create(worker_id=ids[-1], machine=sweep.this_machine(), pid=process.pid, seen_at=timezone.now())
    ReturnUpload.objects.filter(pk=upload.pk).update(status=UploadStatus.IMPORTING, started_at=timezone.now())
    result = tasks.import_upload.enqueue(upload.pk, world.partner_user.pk)
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING, worker_ids=ids, started_at=timezone.now()
    )
    return DBTaskResult.objects.get(pk=result.id)


def _worker() -> Worker:
    return Worker(
        queue_names=["default"],
        interval=0.1,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="restarted",
        excluded_queue_names=[],
    )


# The worker closes its connections as it stops, as a real one does: a transaction-wrapped test would lose
# its connection on PostgreSQL.
@pytest.mark.django_db(transaction=True)
def test_an_import_whose_worker_was_killed_is_finished_by_the_restarted_worker(world, tmp_path):
    upload = _checked_upload(world, tmp_path)
    _killed_while_importing(world, upload, times=1)
    _worker().run()
    upload.refresh_from_db()
    assert upload.status == UploadStatus.IMPORTED
    assert Experience.objects.filter(project=world.project).count() == 3


def test_an_import_killed_twice_fails_and_its_page_says_try_again_which_works(world, tmp_path, client):
    upload = _checked_upload(world, tmp_path)
    task = _killed_while_importing(world, upload, times=2)
    sweep.sweep()
    assert DBTaskResult.objects.get(pk=task.pk).status == TaskResultStatus.FAILED
    upload.refresh_from_db()
    assert upload.status == UploadStatus.FAILED and upload.finished_at is not None
    event = AuditEvent.objects.for_target(upload).get(verb=AuditVerb.FAILED)
    assert event.actor is None and "nothing is working on it any more" in event.summary
    assert not Experience.objects.exists()

    client.force_login(world.partner_user)
    page = client.get(f"/returns/uploads/{upload.pk}/").content.decode()
    assert "Failed: Heard stopped working on this file before it finished, so nothing was saved." in page
    assert "Try again" in page and "Importing" not in page
    confirmed = client.post(f"/returns/uploads/{upload.pk}/confirm/", follow=True).content.decode()
    assert "choose “Try again”" in confirmed and "fix the problems" not in confirmed

    client.post(f"/returns/uploads/{upload.pk}/retry/")
    upload.refresh_from_db()
    assert upload.status == UploadStatus.IMPORTED
    assert Experience.objects.filter(project=world.project).count() == 3
    assert AuditEvent.objects.for_target(upload).filter(verb=AuditVerb.QUEUED).count() == 1


def test_a_failed_upload_that_was_never_checked_cleanly_is_checked_again(world, tmp_path, client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    upload = _checked_upload(world, tmp_path)
    ReturnUpload.objects.filter(pk=upload.pk).update(status=UploadStatus.FAILED, summary={})
    client.force_login(world.partner_user)
    client.post(f"/returns/uploads/{upload.pk}/retry/")
    upload.refresh_from_db()
    assert upload.status == UploadStatus.READY and not Experience.objects.exists()


def test_an_upload_whose_task_failed_says_failed(world, tmp_path, settings, monkeypatch):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    upload = _checked_upload(world, tmp_path)

    def crash(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(actions, "import_upload", crash)
    ReturnUpload.objects.filter(pk=upload.pk).update(status=UploadStatus.IMPORTING, started_at=timezone.now())
    tasks.import_upload.enqueue(upload.pk, None)
    upload.refresh_from_db()
    assert upload.status == UploadStatus.FAILED


def test_an_upload_left_checking_by_a_killed_web_process_fails_after_a_grace_period(world, tmp_path):
    now = timezone.now()
    recent = _checked_upload(world, tmp_path)
    lost = _checked_upload(world, tmp_path)
    ReturnUpload.objects.filter(pk=recent.pk).update(status=UploadStatus.CHECKING, started_at=now)
    ReturnUpload.objects.filter(pk=lost.pk).update(
        status=UploadStatus.CHECKING, started_at=now - stuck.GRACE - datetime.timedelta(minutes=1)
    )
    sweep.sweep()
    assert ReturnUpload.objects.get(pk=recent.pk).status == UploadStatus.CHECKING
    assert ReturnUpload.objects.get(pk=lost.pk).status == UploadStatus.FAILED


def test_an_upload_waiting_in_the_queue_is_not_stuck(world, tmp_path):
    upload = _checked_upload(world, tmp_path)
    ReturnUpload.objects.filter(pk=upload.pk).update(
        status=UploadStatus.IMPORTING, started_at=timezone.now() - datetime.timedelta(days=1)
    )
    tasks.import_upload.enqueue(upload.pk, None)  # no worker has run it yet
    sweep.sweep()
    assert ReturnUpload.objects.get(pk=upload.pk).status == UploadStatus.IMPORTING
