"""`heard db_worker` keeps going when SQLite says "database is locked" (a long import, another worker or a web
request holding the write lock longer than the busy timeout): while it claims a task and while it records how
the task went. django-tasks-db's own worker exited in both cases."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from heard.core import worker as worker_module
from heard.core.signals import tasks_swept
from heard.core.testing import WriteLock, database_on_a_file
from heard.core.tests import tasks_for_tests
from heard.core.worker import Worker

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "sqlite", reason="only SQLite locks the whole database"),
]


@pytest.fixture
def queue(settings, monkeypatch):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    monkeypatch.setattr(worker_module, "LOCKED_WAIT", 0.2)


def _worker() -> Worker:
    return Worker(
        queue_names=["default"],
        interval=0.1,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )


def test_the_worker_waits_when_the_database_is_locked_as_it_claims_a_task(queue, tmp_path):
    done = tmp_path / "done.txt"
    locks: list[WriteLock] = []
    with database_on_a_file(tmp_path / "heard.sqlite3", busy_seconds=0.2) as path:

        def lock_after_the_sweep(**kwargs: object) -> str:  # the worker's next step is to claim a task
            locks.append(WriteLock(path, seconds=1.5))
            return ""

        tasks_swept.connect(lock_after_the_sweep, dispatch_uid="test-lock")
        try:
            result = tasks_for_tests.note.enqueue(str(done))
            _worker().run()
        finally:
            tasks_swept.disconnect(dispatch_uid="test-lock")
            for lock in locks:
                lock.close()
        assert locks, "the lock was never taken"
        assert done.read_text() == "ran\n"
        assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.SUCCESSFUL


def test_a_task_whose_result_could_not_be_recorded_is_run_again(queue, tmp_path):
    done = tmp_path / "done.txt"
    with database_on_a_file(tmp_path / "heard.sqlite3", busy_seconds=0.2) as path:
        tasks_for_tests.LOCK["database"] = path
        try:
            result = tasks_for_tests.hold_the_lock_then_note.enqueue(str(done))
            _worker().run()
        finally:
            lock = tasks_for_tests.LOCK.pop("lock", None)
            if isinstance(lock, WriteLock):
                lock.close()
        assert lock is not None, "the lock was never taken"
        assert Path(done).read_text() == "ran\nran\n"  # the first run's result was lost, so it ran again
        assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.SUCCESSFUL
