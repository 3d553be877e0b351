"""Reading a stored file (a FileField's file) wherever the storage keeps it.

Uploaded files go through Django's storage API (`STORAGES["default"]`): files on this machine's disk by default,
or object storage (S3 and the like, through django-storages: docs/deploy.md) when several machines run Heard.
Readers that need a path on disk (python-calamine, the streamed .xlsx reader, openpyxl) get one from `local_path`:
the file itself when the storage is a folder here, else a temporary copy that is removed afterwards.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

COPY_CHUNK = 1024 * 1024


@contextmanager
def local_path(stored: Any) -> Iterator[Path]:
    """A path on this machine's disk holding the stored file's bytes, with the stored file's name (a file's name
    says what a reader's messages call it) and its suffix (how readers know its kind)."""
    try:
        path = stored.path
    except NotImplementedError:  # storage with no local folder (object storage)
        path = None
    if path and Path(path).is_file():  # (in-memory storage gives a path where nothing is)
        yield Path(path)
        return
    with tempfile.TemporaryDirectory(prefix="heard-") as folder:
        copy = Path(folder) / Path(stored.name or "file").name
        with stored.open("rb") as source, copy.open("wb") as target:
            shutil.copyfileobj(source, target, COPY_CHUNK)
        stored.close()
        yield copy
