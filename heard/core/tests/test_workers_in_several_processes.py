"""Workers in several processes (as on several machines) against one database: real `heard db_worker` processes.

Two workers share a queue and no task runs twice; a worker killed with `kill -9` in the middle of a task leaves it
to the next worker, which runs it again once. Each process works on the test database (a file for SQLite, the
test database for PostgreSQL) with a var/ of its own under the test's tmp_path.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from heard.core.testing import database_on_a_file
from heard.core.tests import tasks_for_tests

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]
TASKS = 30


@pytest.fixture
def queue(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def shared_database(tmp_path: Path, queue: None) -> Iterator[dict[str, str]]:
    """The environment a worker process needs to work on this test's database."""
    env = {**os.environ, "HEARD_VAR_DIR": str(tmp_path / "var"), "PYTHONUNBUFFERED": "1"}
    if connection.vendor == "sqlite":
        with database_on_a_file(tmp_path / "heard.sqlite3") as path:
            env.pop("DATABASE_URL", None)
            yield {**env, "HEARD_SQLITE_PATH": str(path)}
    else:
        url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + connection.settings_dict["NAME"]
        yield {**env, "DATABASE_URL": url}


def _worker(env: dict[str, str], name: str, *, batch: bool) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "heard.cli", "db_worker", "--no-startup-delay", "--interval", "0.1"]
    command += ["--worker-id", name, *(["--batch"] if batch else [])]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _finish(process: subprocess.Popen[bytes], seconds: float = 120) -> None:
    _, errors = process.communicate(timeout=seconds)
    assert process.returncode == 0, errors.decode()[-2000:]


def test_two_workers_share_the_queue_and_never_run_a_task_twice(tmp_path: Path, shared_database: dict[str, str]):
    files = [tmp_path / f"task-{n}.txt" for n in range(TASKS)]
    results = [tasks_for_tests.note.enqueue(str(path)) for path in files]
    workers = [_worker(shared_database, f"machine-{n}", batch=True) for n in (1, 2)]
    for process in workers:
        _finish(process)
    assert [path.read_text() for path in files] == ["ran\n"] * TASKS
    done = DBTaskResult.objects.filter(pk__in=[r.id for r in results])
    assert {row.status for row in done} == {TaskResultStatus.SUCCESSFUL}
    assert all(len(row.worker_ids) == 1 for row in done)
    shares = {worker for row in done for worker in row.worker_ids}
    assert shares <= {"machine-1", "machine-2"}


def test_a_task_whose_worker_was_killed_is_run_again_once_by_the_next_worker(
    tmp_path: Path, shared_database: dict[str, str]
):
    path = tmp_path / "slow.txt"
    result = tasks_for_tests.note_slowly_the_first_time.enqueue(str(path), 60.0)
    first = _worker(shared_database, "killed", batch=False)
    deadline = time.monotonic() + 60
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert path.exists(), "the first worker never started the task"
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.RUNNING  # left running, mid-task

    _finish(_worker(shared_database, "next", batch=True))
    assert path.read_text() == "started\nstarted\nran\n"  # begun twice, finished once
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.SUCCESSFUL and row.worker_ids == ["killed", "next"]
