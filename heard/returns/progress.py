"""How far a running check or import has got, readable while the import is still inside its one transaction.

An import writes everything in one transaction, so nothing it writes there (a progress count included) is seen
by the web server until the end: the progress bar would sit still. So a running upload also writes its count to
a small file under MEDIA_ROOT, which the web server and the task workers already share (a worker reads the
uploaded file from there), and the progress page reads that while the upload runs. The file is removed when
the work ends, however it ends."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import connection

from heard.returns.models import ReturnUpload

# At most this many writes of the count a second, however often the importer reports.
WRITES_PER_SECOND = 4


def path_for(upload_id: int) -> Path:
    return Path(settings.MEDIA_ROOT) / "returns" / "progress" / f"{upload_id}.json"


def write(upload_id: int, done: int, total: int) -> None:
    path = path_for(upload_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    partial.write_text(json.dumps({"done": done, "total": total}), encoding="utf-8")
    os.replace(partial, path)  # readers see the old count or the new one, never half a file


def read(upload_id: int) -> tuple[int, int] | None:
    try:
        figures = json.loads(path_for(upload_id).read_text(encoding="utf-8"))
        return int(figures["done"]), int(figures["total"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def clear(upload_id: int) -> None:
    path_for(upload_id).unlink(missing_ok=True)


def reporter(upload: ReturnUpload) -> Callable[[int, int], None]:
    """The progress callback for the importer: the count goes to the file (seen at once) and, outside a
    transaction, to the upload's record too (kept after the work ends)."""
    last = 0.0

    def report(done: int, total: int) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last < 1 / WRITES_PER_SECOND and done < total:
            return
        last = now
        write(upload.pk, done, total)
        if not connection.in_atomic_block:
            ReturnUpload.objects.filter(pk=upload.pk).update(rows_done=done, rows_total=total)

    return report


def show(upload: ReturnUpload) -> ReturnUpload:
    """Puts the latest count on a running upload (for its page); leaves a finished one as it is."""
    if upload.is_running and (figures := read(upload.pk)) is not None:
        upload.rows_done, upload.rows_total = figures
    return upload
