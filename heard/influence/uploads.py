"""Checking a file sent as evidence of change, like other uploads: its size, its type, and that its first bytes
match its type."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import UploadedFile

MAX_EVIDENCE_BYTES = 20 * 1024 * 1024
# suffix -> the bytes such a file starts with (b"" when any text will do)
KINDS = {
    ".pdf": (b"%PDF",),
    ".png": (b"\x89PNG",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",),
    ".txt": (b"",),
}


def problem_with(upload: UploadedFile[Any]) -> str:
    """What is wrong with the file, in plain words, or ''."""
    suffix = Path(upload.name or "").suffix.lower()
    if suffix not in KINDS:
        return "Send a PDF, a picture (.png or .jpg), a Word, Excel or OpenDocument file, or a .txt file."
    if not upload.size:
        return "The file is empty. Choose the file again."
    if upload.size > MAX_EVIDENCE_BYTES:
        return f"The file is larger than {MAX_EVIDENCE_BYTES // (1024 * 1024)} MB. Send a smaller file or a link."
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(start) for start in KINDS[suffix]):
        return f"The file is named {suffix} but is not one. Save it again as {suffix} and send that."
    if suffix == ".txt" and b"\x00" in head:
        return "The .txt file is not text. Send it as a PDF instead."
    return ""
