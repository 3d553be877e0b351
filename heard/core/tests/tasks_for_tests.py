"""Tasks the worker tests enqueue (a task must be importable by its path)."""

from __future__ import annotations

from pathlib import Path

from django_tasks import task

from heard.core.testing import WriteLock

# Set by a test: the SQLite file whose write lock `hold_the_lock_then_note` takes on its first run.
LOCK: dict[str, object] = {}


@task()
def note(path: str) -> None:
    target = Path(path)
    target.write_text(target.read_text() + "ran\n" if target.exists() else "ran\n")


@task()
def hold_the_lock_then_note(path: str) -> None:
    """On its first run, leaves the database's write lock held by another connection for a while, so that the
    worker cannot record how the task went."""
    note.call(path)
    database = LOCK.pop("database", None)
    if database is not None:
        LOCK["lock"] = WriteLock(Path(str(database)), seconds=3)


@task()
def note_slowly_the_first_time(path: str, seconds: float) -> None:
    """Writes "started", then (on its first run only) waits `seconds` before writing "ran": long enough for a
    test to kill the worker in the middle."""
    target = Path(path)
    first = not target.exists()
    with target.open("a") as handle:
        handle.write("started\n")
    if first:
        import time

        time.sleep(seconds)
    with target.open("a") as handle:
        handle.write("ran\n")
