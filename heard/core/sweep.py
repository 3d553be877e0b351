"""Finding work lost when a task worker stopped mid-way, and running it again or failing it plainly.

django-tasks-db marks a task RUNNING when a worker claims it and FINISHED when the worker records how it went;
a worker killed in between (kill -9, a restart, the machine running out of memory) leaves it RUNNING for ever.
Every `heard db_worker` says it is alive in a `TaskWorker` row (`heard.core.worker`), so a running task is lost
when its worker is gone:

- its row was last seen more than `LEASE` ago, or
- its row says it runs on this machine under a process id that no longer exists (a restarted worker finds its
  predecessor's work at once), or
- it has no row at all (it stopped cleanly, or was not a Heard worker) and the task started more than `LEASE`
  ago.

A lost task goes back to the queue if it was tried fewer than `ATTEMPTS` times (tasks are idempotent: an import
is all or nothing, a safeguarding check raises each flag once), else it fails with a plain message. Then
`tasks_swept` is sent so that apps mend their own records (an upload left "importing" becomes "failed, try
again").
"""

from __future__ import annotations

import datetime
import logging
import os
import socket
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from heard.core.models import TaskWorker
from heard.core.signals import tasks_swept

logger = logging.getLogger("heard.worker")

# A worker not seen for this long is gone. Workers say they are alive every BEAT seconds (heard.core.worker); on
# SQLite a beat may wait behind an import's write transaction, so the lease is generous.
LEASE = datetime.timedelta(minutes=10)
# How many times a task is tried before a lost one is failed rather than run again.
ATTEMPTS = 2
LOST_MESSAGE = (
    "The worker running this task stopped before it finished (killed, restarted or out of memory), "
    "{tries} time{s}; it was not run again."
)


class WorkerLost(Exception):
    """How a lost task failed (the class named in the task's result)."""


def this_machine() -> str:
    """The host name, and on Linux the process-id namespace: process ids mean something only within it."""
    try:
        namespace = os.readlink("/proc/self/ns/pid")
    except OSError:
        namespace = ""
    return f"{socket.gethostname()} {namespace}".strip()[:200]


def process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists but belongs to someone else
        return True
    return True


def worker_is_gone(task: DBTaskResult[Any, Any], workers: dict[str, TaskWorker], now: datetime.datetime) -> bool:
    worker_id = task.worker_ids[-1] if task.worker_ids else ""
    worker = workers.get(worker_id)
    if worker is None:
        return task.started_at is None or task.started_at < now - LEASE
    if worker.seen_at < now - LEASE:
        return True
    return worker.machine == this_machine() and not process_exists(worker.pid)


def lost_tasks(now: datetime.datetime | None = None) -> list[DBTaskResult[Any, Any]]:
    """Tasks marked running whose worker is gone."""
    now = now or timezone.now()
    running = list(DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING))
    if not running:
        return []
    workers = {w.worker_id: w for w in TaskWorker.objects.all()}
    return [task for task in running if worker_is_gone(task, workers, now)]


@dataclass
class Swept:
    run_again: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    mended: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.run_again or self.failed or self.mended)

    def __str__(self) -> str:
        parts = []
        if self.run_again:
            parts.append(f"{len(self.run_again)} lost task(s) queued again: {', '.join(self.run_again)}")
        if self.failed:
            parts.append(f"{len(self.failed)} lost task(s) failed: {', '.join(self.failed)}")
        parts.extend(self.mended)
        return "; ".join(parts)


def sweep(now: datetime.datetime | None = None) -> Swept:
    """Runs lost tasks again or fails them, forgets workers long gone, and sends `tasks_swept`. Safe to run in
    several workers at once: each task is changed only if it is still the same claim."""
    now = now or timezone.now()
    swept = Swept()
    for task in lost_tasks(now):
        tries = len(task.worker_ids)
        label = f"{task.task_path.rsplit('.', 1)[-1]} {task.pk}"
        same_claim = DBTaskResult.objects.filter(
            pk=task.pk, status=TaskResultStatus.RUNNING, started_at=task.started_at
        )
        if tries < ATTEMPTS:
            if same_claim.update(status=TaskResultStatus.READY, started_at=None):
                swept.run_again.append(label)
            continue
        message = LOST_MESSAGE.format(tries=tries, s="" if tries == 1 else "s")
        if same_claim.update(
            status=TaskResultStatus.FAILED,
            finished_at=now,
            return_value=None,
            exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
            traceback=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}: {message}\n",
        ):
            swept.failed.append(label)
    TaskWorker.objects.filter(seen_at__lt=now - 2 * LEASE).delete()
    for _receiver, line in tasks_swept.send(sender=DBTaskResult, now=now):
        if line:
            swept.mended.append(str(line))
    if swept:
        logger.warning("Swept up after lost work: %s", swept)
    return swept
