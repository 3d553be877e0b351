"""`heard redact`: a CSV file with one column's personal details replaced by their kind ("[name]", "[phone]")."""

from __future__ import annotations

import collections
import csv
import io
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from heard.lib.redaction import redact
from heard.lib.tabular import detect_encoding


class Command(BaseCommand):
    help = (
        "Write a CSV file's rows unchanged except one column, whose personal details (people's names, phone "
        "numbers, e-mail addresses, NHS numbers, dates of birth, street addresses, full postcodes) are replaced "
        "by their kind, such as [name] or [phone]. Reads any common encoding; writes UTF-8 (with a byte-order "
        "mark when the input had one or was not UTF-8, so Excel opens it). A summary goes to stderr."
    )
    requires_system_checks: list[str] = []  # reads and writes files only: no database

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--input", required=True, metavar="FILE.csv", help="The CSV file to redact.")
        parser.add_argument(
            "--text-column",
            required=True,
            metavar="COLUMN",
            help="The header of the column to redact (case is ignored when only one header matches).",
        )
        parser.add_argument("--output", metavar="OUT.csv", help="Write here (overwriting) instead of stdout.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["input"])
        column = options["text_column"]
        text, encoding, had_bom = _read(path)
        delimiter = _delimiter(text, column)
        try:
            rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        except csv.Error as error:
            raise CommandError(f"{path}: not a readable CSV file ({error}).", returncode=1) from error
        if not rows or not any(cell.strip() for cell in rows[0]):
            raise CommandError(f"{path}: the file is empty (no header row).", returncode=1)
        header = rows[0]
        index = _find_column(header, column)
        if index is None:
            columns = ", ".join(f"'{h}'" for h in header)
            raise CommandError(f"{path}: no column '{column}'. The columns are: {columns}.", returncode=1)

        kinds: collections.Counter[str] = collections.Counter()
        changed_rows = 0
        for row in rows[1:]:
            if index < len(row) and row[index]:
                result = redact(row[index])
                if result.changed:
                    changed_rows += 1
                    kinds.update(span.kind.value for span in result.spans)
                    row[index] = result.text

        out = io.StringIO()
        csv.writer(out, delimiter=delimiter, lineterminator="\r\n" if "\r\n" in text[:65536] else "\n").writerows(rows)
        bom = had_bom or encoding not in ("utf-8", "ascii")
        if options["output"]:
            try:
                Path(options["output"]).write_text(out.getvalue(), encoding="utf-8-sig" if bom else "utf-8")
            except OSError as error:
                raise CommandError(f"Cannot write {options['output']}: {error.strerror}.", returncode=1) from error
        else:
            self.stdout.write(out.getvalue(), ending="")
        detail = ", ".join(f"{kind}: {n}" for kind, n in sorted(kinds.items())) or "none found"
        self.stderr.write(f"Redacted column '{header[index]}' in {changed_rows} of {len(rows) - 1} rows ({detail}).")


def _delimiter(text: str, column: str) -> str:
    """The delimiter whose header row has the column asked for; else the one that splits the header most."""
    first_line = text.split("\n", 1)[0]
    headers = {d: next(csv.reader([first_line], delimiter=d), []) for d in (",", ";", "\t", "|")}
    for delimiter, header in headers.items():
        if _find_column(header, column) is not None:
            return delimiter
    return max(headers, key=lambda d: len(headers[d]))


def _find_column(header: list[str], column: str) -> int | None:
    """The column's index: its exact header (spaces aside), else the one header equal to it ignoring case."""
    stripped = [h.strip() for h in header]
    if column.strip() in stripped:
        return stripped.index(column.strip())
    folded = [i for i, h in enumerate(stripped) if h.casefold() == column.strip().casefold()]
    return folded[0] if len(folded) == 1 else None


def _read(path: Path) -> tuple[str, str, bool]:
    """The file's text, its encoding and whether it started with a byte-order mark."""
    try:
        raw = path.read_bytes()
    except IsADirectoryError as error:
        raise CommandError(f"{path} is a folder, not a CSV file.", returncode=1) from error
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror}.", returncode=1) from error
    if not raw.strip():
        raise CommandError(f"{path}: the file is empty.", returncode=1)
    encoding = detect_encoding(raw[: 256 * 1024])
    try:
        text = raw.decode(encoding)
    except (UnicodeDecodeError, LookupError) as error:
        raise CommandError(f"{path}: cannot decode the file as {encoding} ({error}).", returncode=1) from error
    had_bom = text.startswith("\ufeff")
    return text.lstrip("\ufeff"), encoding, had_bom
