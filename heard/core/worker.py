"""The task worker behind `heard db_worker`: django-tasks-db's worker, made to keep going and to clean up.

- **It survives a locked database.** On SQLite one connection writes at a time; django-tasks-db's worker claims
  a task in an exclusive transaction and exits when SQLite says "database is locked" while it begins or when it
  cannot record a result. Here a locked database only makes it wait and try again; a task whose result could not
  be recorded goes back to the queue (tasks are idempotent).
- **It says it is alive** in a `TaskWorker` row, from a thread of its own every `BEAT` seconds (so also in the
  middle of a long import), and removes the row when it stops.
- **It sweeps up after lost work** (`heard.core.sweep`): when it starts and every `SWEEP_EVERY` seconds, tasks
  left running by a worker that is gone are run again or failed, and apps mend their records (`tasks_swept`).
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import DatabaseError, OperationalError, connections
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker as BaseWorker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import is_locked_database_exception

from heard.core import sweep
from heard.core.models import TaskWorker

logger = logging.getLogger("heard.worker")

BEAT = 30.0  # seconds between "still alive" notes
SWEEP_EVERY = 60.0  # seconds between sweeps after the first
LOCKED_WAIT = 1.0  # seconds to wait after "database is locked" before trying again

T = TypeVar("T")


def is_locked(error: BaseException) -> bool:
    return isinstance(error, OperationalError) and is_locked_database_exception(error)


def patiently(work: Callable[[], T]) -> T:
    """Runs `work`, again and again while the database says it is locked (SQLite's busy timeout has already
    waited each time). Other errors are raised."""
    while True:
        try:
            return work()
        except OperationalError as error:
            if not is_locked(error):
                raise
            logger.warning("The database stayed locked longer than the busy timeout; trying again.")
            time.sleep(LOCKED_WAIT)


class Worker(BaseWorker):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.current: DBTaskResult[Any, Any] | None = None
        self.stopping = threading.Event()

    def run(self) -> None:
        patiently(self.register)
        patiently(sweep.sweep)
        beat = threading.Thread(target=self.beat, name="heard-worker-alive", daemon=True)
        beat.start()
        try:
            self.run_through_locks()
        finally:
            self.stopping.set()
            with contextlib.suppress(DatabaseError):
                TaskWorker.objects.filter(worker_id=self.worker_id).delete()

    def run_through_locks(self) -> None:
        """django-tasks-db's loop, started again whenever a locked database stops it."""
        while True:
            try:
                super().run()
                return
            except OperationalError as error:
                if not is_locked(error):
                    raise
                logger.warning("The database stayed locked longer than the busy timeout; the worker carries on.")
                self.startup_delay = False  # no random pause when the loop starts again
                lost, self.current = self.current, None
                if lost is not None:  # its result could not be recorded: it goes back to the queue
                    patiently(functools.partial(self.give_back, lost))
                if not self.running:
                    return
                time.sleep(LOCKED_WAIT)

    def run_task(self, db_task_result: DBTaskResult[Any, Any]) -> None:
        self.current = db_task_result
        super().run_task(db_task_result)
        self.current = None

    @staticmethod
    def give_back(task: DBTaskResult[Any, Any]) -> None:
        DBTaskResult.objects.filter(pk=task.pk, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.READY, started_at=None
        )
        logger.warning("Task %s goes back to the queue: its result could not be recorded.", task.pk)

    def register(self) -> None:
        TaskWorker.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={"machine": sweep.this_machine(), "pid": os.getpid(), "seen_at": timezone.now()},
        )

    def beat(self) -> None:
        """Notes that this worker is alive every BEAT seconds and sweeps every SWEEP_EVERY, until it stops."""
        last_sweep = time.monotonic()
        try:
            while not self.stopping.wait(BEAT):
                try:
                    if not TaskWorker.objects.filter(worker_id=self.worker_id).update(seen_at=timezone.now()):
                        self.register()
                    if time.monotonic() - last_sweep >= SWEEP_EVERY:
                        last_sweep = time.monotonic()
                        sweep.sweep()
                except DatabaseError as error:  # locked by a long write, say: the next beat tries again
                    logger.warning("Could not note that worker %s is alive: %s", self.worker_id, error)
                except Exception:
                    logger.exception("Sweeping up after lost work failed; trying again later.")
        finally:
            connections.close_all()  # this thread's own connections
