"""A task left "running" by a worker that stopped mid-way (kill -9, a restart, out of memory) is found by the
next worker when it starts (and every minute): run again once, then failed with a plain message."""

from __future__ import annotations

import datetime
import subprocess
from typing import Any

import pytest
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from heard.core import sweep
from heard.core.models import TaskWorker
from heard.core.tests import tasks_for_tests
from heard.core.worker import Worker


@pytest.fixture
def queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def _running(*, tried_by: list[str], started: datetime.datetime, path: str = "/dev/null") -> DBTaskResult[Any, Any]:
    result = tasks_for_tests.note.enqueue(path)
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING, worker_ids=tried_by, started_at=started
    )
    return DBTaskResult.objects.get(pk=result.id)


def _dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def _status(task: DBTaskResult[Any, Any]) -> str:
    return DBTaskResult.objects.get(pk=task.pk).status


def test_a_task_whose_worker_was_not_seen_for_a_long_time_goes_back_to_the_queue(db, queue):
    long_ago = timezone.now() - sweep.LEASE - datetime.timedelta(minutes=1)
    TaskWorker.objects.create(worker_id="gone", machine="elsewhere", pid=1, seen_at=long_ago)
    task = _running(tried_by=["gone"], started=long_ago)
    swept = sweep.sweep()
    assert _status(task) == TaskResultStatus.READY
    assert swept.run_again and "queued again" in str(swept)


def test_a_lost_task_tried_twice_fails_with_a_plain_message(db, queue):
    long_ago = timezone.now() - sweep.LEASE - datetime.timedelta(minutes=1)
    task = _running(tried_by=["first", "second"], started=long_ago)
    sweep.sweep()
    failed = DBTaskResult.objects.get(pk=task.pk)
    assert failed.status == TaskResultStatus.FAILED and failed.finished_at is not None
    assert "stopped before it finished" in failed.traceback and "2 times" in failed.traceback
    assert failed.task_result.errors[0].exception_class is sweep.WorkerLost


def test_a_task_whose_worker_is_alive_is_left_running(db, queue):
    TaskWorker.objects.create(worker_id="busy", machine="elsewhere", pid=1, seen_at=timezone.now())
    task = _running(tried_by=["busy"], started=timezone.now() - datetime.timedelta(hours=3))
    assert not sweep.sweep()
    assert _status(task) == TaskResultStatus.RUNNING


def test_a_worker_on_this_machine_whose_process_is_gone_is_found_at_once(db, queue):
    TaskWorker.objects.create(worker_id="killed", machine=sweep.this_machine(), pid=_dead_pid(), seen_at=timezone.now())
    task = _running(tried_by=["killed"], started=timezone.now())
    sweep.sweep()
    assert _status(task) == TaskResultStatus.READY


def test_a_task_from_a_worker_that_left_no_trace_waits_for_the_lease(db, queue):
    recent = _running(tried_by=["unknown"], started=timezone.now() - datetime.timedelta(minutes=1))
    old = _running(tried_by=["unknown"], started=timezone.now() - sweep.LEASE - datetime.timedelta(minutes=1))
    sweep.sweep()
    assert _status(recent) == TaskResultStatus.RUNNING and _status(old) == TaskResultStatus.READY


# The worker closes its connections as it stops, as a real one does: a transaction-wrapped test would lose
# its connection on PostgreSQL.
@pytest.mark.django_db(transaction=True)
def test_a_restarted_worker_runs_what_its_killed_predecessor_left_running(db, queue, tmp_path):
    done = tmp_path / "done.txt"
    TaskWorker.objects.create(worker_id="killed", machine=sweep.this_machine(), pid=_dead_pid(), seen_at=timezone.now())
    task = _running(tried_by=["killed"], started=timezone.now(), path=str(done))
    Worker(
        queue_names=["default"],
        interval=0.1,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="restarted",
        excluded_queue_names=[],
    ).run()
    assert done.read_text() == "ran\n"
    finished = DBTaskResult.objects.get(pk=task.pk)
    assert finished.status == TaskResultStatus.SUCCESSFUL and finished.worker_ids == ["killed", "restarted"]
    assert not TaskWorker.objects.filter(worker_id="restarted").exists()  # it removed its own row as it stopped
