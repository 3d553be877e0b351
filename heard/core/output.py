"""Command-line output in the project's conventions: a table for people, `--format json` (a top-level list of
objects with snake_case keys), `--format csv` (one header row), `--output PATH` to write a file instead."""

from __future__ import annotations

import csv
import datetime
import decimal
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from django.core.management.base import CommandError, CommandParser

FORMATS = ("text", "json", "csv")


class Writable(Protocol):
    def write(self, msg: str, /) -> Any: ...


def add_output_arguments(parser: CommandParser, formats: Sequence[str] = FORMATS) -> None:
    parser.add_argument("--format", choices=formats, default=formats[0], help="Output format.")
    parser.add_argument("--output", metavar="PATH", help="Write to this file (overwriting it) instead of stdout.")


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def render(rows: list[dict[str, Any]], fmt: str, columns: Sequence[str] | None = None) -> str:
    columns = list(columns or (rows[0].keys() if rows else []))
    if fmt == "json":
        return json.dumps(rows, default=_json_default, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: "" if row.get(k) is None else _json_default_str(row.get(k)) for k in columns})
        return buffer.getvalue()
    widths = {c: max([len(c), *(len(_json_default_str(r.get(c))) for r in rows)]) for c in columns}
    lines = ["  ".join(c.ljust(widths[c]) for c in columns)]
    lines += ["  ".join(_json_default_str(r.get(c)).ljust(widths[c]) for c in columns) for r in rows]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _json_default_str(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value)


def emit(
    rows: list[dict[str, Any]], *, fmt: str, output: str | None, stdout: Writable, columns: Sequence[str] | None = None
) -> None:
    text = render(rows, fmt, columns)
    if output:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}", returncode=1) from error
    else:
        stdout.write(text)
