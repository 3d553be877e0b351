"""Checking an uploaded document (a policy, a template, a signed agreement) before it is stored: a PDF, Word or
OpenDocument file by its name and by its first bytes, not empty and not too big. Messages say what to do."""

from __future__ import annotations

from pathlib import Path
from typing import IO

MAX_BYTES = 20 * 1024 * 1024
SUFFIXES = {
    ".pdf": (b"%PDF-",),
    ".docx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0",),
}
ACCEPTED = "a PDF (.pdf), Word (.docx or .doc) or OpenDocument (.odt) file"


class BadDocument(ValueError):
    pass


def check(name: str, size: int, stream: IO[bytes]) -> None:
    """Raise BadDocument with a plain message when the file is not one Heard keeps."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise BadDocument(f"“{name}” is not {ACCEPTED}. Save it as a PDF and upload that.")
    if size == 0:
        raise BadDocument(f"“{name}” is empty. Check you chose the right file.")
    if size > MAX_BYTES:
        raise BadDocument(f"“{name}” is bigger than 20 MB. Save a smaller copy (for example a PDF) and upload that.")
    start = stream.read(8)
    stream.seek(0)
    if not any(start.startswith(magic) for magic in SUFFIXES[suffix]):
        raise BadDocument(
            f"“{name}” does not look like a {suffix} file inside (it may be damaged or renamed). Open it, save it "
            "again as a PDF and upload that."
        )
