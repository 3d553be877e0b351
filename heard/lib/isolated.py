"""Opening an untrusted spreadsheet in a child process with a memory, CPU and time limit (no Django).

A spreadsheet reader written in Rust aborts the whole process when an allocation fails, and a Python reader can
fill the memory of the process it runs in. So the first open of an untrusted file (`sheetcheck.probe`: the
structure checks, then the reader) happens in a fresh Python process (`python -I -m heard.lib.isolated`: it
shares no memory, threads or database connections with the web server or the worker, and needs no
`if __name__ == "__main__"` guard in whatever started it), which sets `RLIMIT_AS` and `RLIMIT_CPU` on itself
before it reads anything; the caller adds a wall-clock timeout. When the child refuses the file, dies or runs
out of time, the caller gets a plain `TabularError` naming the file, never a crash of its own. About 0.1 s a
file (the child's start-up and import of the reader).
"""

from __future__ import annotations

import dataclasses
import json
import signal
import subprocess
import sys
from typing import Any

from heard.lib.sheetcheck import Limits, TabularError


def probe(
    path: str, limits: Limits, *, file_name: str, memory_bytes: int, cpu_seconds: int, wall_seconds: float
) -> Any:
    """`sheetcheck.probe(path, limits)` in a child process within the limits: the sheet names, or TabularError with
    a plain message (the file's name and what to do) when it refused the file, ran out of memory or time, or
    died."""
    order = {"path": path, "limits": dataclasses.asdict(limits), "memory": memory_bytes, "cpu": cpu_seconds}
    try:
        done = subprocess.run(
            [sys.executable, "-I", "-m", "heard.lib.isolated"],
            input=json.dumps(order).encode(),
            capture_output=True,
            timeout=wall_seconds,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise TabularError(_too_slow(file_name, wall_seconds)) from error
    if done.returncode == 0:
        try:
            kind, value = json.loads(done.stdout.decode())
        except ValueError:
            kind, value = "error", "no answer"
        if kind == "ok":
            return value
        if kind == "refused":
            raise TabularError(value)
        if kind == "memory":
            raise TabularError(_too_big(file_name, memory_bytes))
        raise TabularError(
            f"{file_name}: this file looks damaged or is not a spreadsheet ({str(value)[:120]}). Open it in Excel "
            "(or LibreOffice), save it again as .xlsx and upload the new copy."
        )
    if done.returncode == -signal.SIGXCPU:
        raise TabularError(_too_slow(file_name, cpu_seconds))
    raise TabularError(_too_big(file_name, memory_bytes))


def _too_slow(file_name: str, seconds: float) -> str:
    return (
        f"{file_name}: opening this file took longer than the {seconds:.0f} seconds Heard allows. Save it again from "
        "your spreadsheet program as .xlsx (or split it into smaller files) and upload it again."
    )


def _too_big(file_name: str, memory_bytes: int) -> str:
    return (
        f"{file_name}: this file would need more than the {memory_bytes / 1024**3:.1f} GB of memory Heard allows "
        "to open it (it looks damaged, or its cells spread far beyond the data). Open it in Excel (or "
        "LibreOffice), delete the empty rows and columns after your data, save it again as .xlsx and upload the "
        "new copy."
    )


def _limit(memory_bytes: int, cpu_seconds: int) -> None:
    try:
        import resource
    except ImportError:  # pragma: no cover - not on Linux or macOS
        return

    def lower(kind: int, value: int) -> None:
        _soft, hard = resource.getrlimit(kind)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        resource.setrlimit(kind, (value, value))

    lower(resource.RLIMIT_CORE, 0)
    if memory_bytes:
        lower(resource.RLIMIT_AS, memory_bytes)
    if cpu_seconds:
        lower(resource.RLIMIT_CPU, cpu_seconds)


def _child() -> None:
    from heard.lib import sheetcheck

    order = json.loads(sys.stdin.buffer.read())
    _limit(int(order["memory"]), int(order["cpu"]))
    try:
        result: tuple[str, Any] = ("ok", sheetcheck.probe(order["path"], Limits(**order["limits"])))
    except TabularError as error:
        result = ("refused", str(error))
    except MemoryError:
        result = ("memory", "")
    except BaseException as error:  # any other failure of the reader (a Rust panic is a BaseException)
        result = ("error", f"{type(error).__name__}: {str(error)[:200]}")
    sys.stdout.write(json.dumps(result))
    sys.stdout.flush()


if __name__ == "__main__":
    _child()
