"""Reading spreadsheets (.xlsx, .xls, .ods) and .csv files into a header and rows, defensively.

`read_table(path)` returns a `Table`: the sheet's name, its header row (the first row with anything in it) and
an iterator of data rows, each with the spreadsheet's own row number (as the person who filled it in sees it,
counting from 1). Entirely blank rows are skipped. Values are what the spreadsheet shows: python-calamine gives
the cached value of a formula, numbers as int/float, dates as `datetime.date`/`datetime.datetime`; a CSV gives
strings.

Anything wrong with the file itself raises `TabularError` with a message that names the file, and where it can
the sheet, row and column: not a file, an empty sheet, a truncated or damaged file, a zip bomb (checked from
the zip directory before any XML is parsed), a sheet whose cells would spread beyond the rows, columns or cells
Heard reads (checked from the sheet's XML before the reader allocates them: heard/lib/sheetcheck.py), a
spreadsheet that kills the reader (first opened in a child process with a memory limit: `vet`), merged
cells, blank or duplicate headers, a cell longer than a spreadsheet allows, more rows than
`HEARD_IMPORT_MAX_ROWS` (1,000,000 unless the settings say otherwise), a CSV row wider than
`HEARD_IMPORT_MAX_COLUMNS`.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings

from heard.lib import isolated, sheetcheck
from heard.lib.sheetcheck import Limits, TabularError
from heard.lib.textencoding import detect_encoding

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
SUFFIXES = (*SPREADSHEET_SUFFIXES, ".csv", ".tsv", ".txt")

DEFAULT_MAX_ROWS = 1_000_000
# Excel's own limit on the characters in one cell.
DEFAULT_MAX_CELL_CHARS = 32_767
# A real workbook's XML compresses 5-30 times; a zip bomb thousands of times.
DEFAULT_MAX_COMPRESSION_RATIO = 200
DEFAULT_MAX_UNCOMPRESSED_BYTES = 4 * 1024**3
# A sheet wider than this, or spanning more cells, is refused before any reader allocates it (a reader builds
# the whole block from the first cell to the last, about 100 bytes a cell).
DEFAULT_MAX_COLUMNS = 500
DEFAULT_MAX_CELLS = 40_000_000
# The child process that first opens an untrusted spreadsheet: its address space and CPU time.
DEFAULT_MAX_MEMORY = 4 * 1024**3
DEFAULT_MAX_SECONDS = 300
# An .xlsx/.xlsm file bigger than this is read as a stream (heard/lib/xlsxstream.py: memory that does not grow
# with the rows) instead of by python-calamine (faster, but it holds the whole sheet: about 1.5 KB a row).
DEFAULT_STREAM_BYTES = 16 * 1024**2

Cell = Any  # str | int | float | bool | datetime.date | datetime.datetime | datetime.time | datetime.timedelta


def max_rows() -> int:
    return int(getattr(settings, "HEARD_IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS))


def max_cell_chars() -> int:
    return int(getattr(settings, "HEARD_IMPORT_MAX_CELL_CHARS", DEFAULT_MAX_CELL_CHARS))


def stream_bytes() -> int:
    return int(getattr(settings, "HEARD_IMPORT_STREAM_BYTES", DEFAULT_STREAM_BYTES))


def column_letter(index: int) -> str:
    """0 -> "A", 25 -> "Z", 26 -> "AA"."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


@dataclass
class Table:
    file_name: str
    sheet: str
    header_row: int
    headers: list[str]
    rows: Iterator[tuple[int, list[Cell]]]
    # Column letter of each header (the sheet may not start in column A).
    letters: list[str] = field(default_factory=list)
    row_count_hint: int | None = None
    encoding: str = ""

    def where(self, row: int | None = None, column: int | None = None) -> str:
        parts = [f"{self.file_name}", f"sheet '{self.sheet}'"] if self.sheet else [self.file_name]
        if row is not None:
            parts.append(f"row {row}")
        if column is not None:
            label = self.headers[column] if column < len(self.headers) and self.headers[column] else ""
            letter = self.letters[column] if column < len(self.letters) else column_letter(column)
            parts.append(f"column {letter}" + (f" '{label}'" if label else ""))
        return ", ".join(parts)


def _blank(value: Cell) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _headers(file_name: str, sheet: str, row_number: int, raw: list[Cell], first_column: int) -> list[str]:
    headers = ["" if _blank(v) else str(v).strip() for v in raw]
    while headers and not headers[-1]:
        headers.pop()
    seen: dict[str, int] = {}
    for index, header in enumerate(headers):
        if not header:
            continue
        key = " ".join(header.casefold().split())
        if key in seen:
            first = column_letter(first_column + seen[key])
            again = column_letter(first_column + index)
            raise TabularError(
                f"{file_name}, sheet '{sheet}', row {row_number}: columns {first} and {again} both have the header "
                f"'{header}'. Give each column its own header."
            )
        seen[key] = index
    return headers


def _check_cells(table_where: str, row_number: int, cells: list[Cell], headers: list[str], limit: int) -> None:
    for index, value in enumerate(cells):
        if isinstance(value, str) and len(value) > limit:
            label = headers[index] if index < len(headers) and headers[index] else ""
            raise TabularError(
                f"{table_where}, row {row_number}, column {column_letter(index)}"
                + (f" '{label}'" if label else "")
                + f": the cell has {len(value):,} characters, more than the {limit:,} a spreadsheet cell can hold."
            )


def _data_rows(
    table: Table, source: Iterator[tuple[int, list[Cell]]], first_column: int
) -> Iterator[tuple[int, list[Cell]]]:
    """Trims rows to the header width, skips blank rows, refuses values under a blank header, huge cells and too
    many rows."""
    width = len(table.headers)
    limit_rows = max_rows()
    limit_chars = max_cell_chars()
    blank_columns = [i for i, h in enumerate(table.headers) if not h]
    count = 0
    for row_number, cells in source:
        if len(cells) != width:
            if len(cells) < width:
                cells = [*cells, *([""] * (width - len(cells)))]
            else:
                extra = cells[width:]
                cells = cells[:width]
                for offset, value in enumerate(extra):
                    if not _blank(value):
                        letter = column_letter(first_column + width + offset)
                        raise TabularError(
                            f"{table.where()}, row {row_number}, column {letter}: this column has no header but "
                            f"has '{str(value)[:40]}' in it. Add a header, or move the value into a column with one."
                        )
        filled = width - cells.count("") - cells.count(None)
        if filled == 0 or (filled < 3 and all(_blank(v) for v in cells)):
            continue
        for index in blank_columns:
            if not _blank(cells[index]):
                raise TabularError(
                    f"{table.where()}, row {row_number}, column {column_letter(first_column + index)}: this column "
                    f"has no header but has '{str(cells[index])[:40]}' in it. Add a header, or move the value."
                )
        longest = max([len(v) for v in cells if type(v) is str] or [0])
        if longest > limit_chars:
            _check_cells(table.where(), row_number, cells, table.headers, limit_chars)
        count += 1
        if count > limit_rows:
            raise TabularError(
                f"{table.where()}: more than {limit_rows:,} rows of data (row {row_number} is one too many). "
                "Split the file into smaller ones and send each in turn."
            )
        yield row_number, cells


# For heard/lib/xlsxstream.py, which builds its tables the same way, and heard/lib/books.py.
blank = _blank
header_names = _headers
data_rows = _data_rows


# Spreadsheets ---------------------------------------------------------------------------------------------------


def limits() -> Limits:
    """The limits on what a file may hold, from the settings."""
    return Limits(
        max_rows=max_rows(),
        max_columns=int(getattr(settings, "HEARD_IMPORT_MAX_COLUMNS", DEFAULT_MAX_COLUMNS)),
        max_cells=int(getattr(settings, "HEARD_IMPORT_MAX_CELLS", DEFAULT_MAX_CELLS)),
        max_compression_ratio=float(
            getattr(settings, "HEARD_IMPORT_MAX_COMPRESSION_RATIO", DEFAULT_MAX_COMPRESSION_RATIO)
        ),
        max_uncompressed_bytes=int(
            getattr(settings, "HEARD_IMPORT_MAX_UNCOMPRESSED_BYTES", DEFAULT_MAX_UNCOMPRESSED_BYTES)
        ),
    )


_VETTED: dict[tuple[str, int, int, int], list[str]] = {}


def vet(path: str | Path) -> list[str]:
    """Checks a spreadsheet's structure against `limits()` (heard/lib/sheetcheck.py) and, unless the setting
    HEARD_IMPORT_ISOLATE is off, opens every sheet once in a child process with a memory and time limit, so a
    file built to crash the reader ends there. Raises TabularError with a plain message; returns the sheet
    names. Remembered per file (path, size, time and inode) for this process: every reader of the same file
    calls this and only the first pays."""
    path = _check_path(path)
    info = path.stat()
    key = (str(path.resolve()), info.st_size, info.st_mtime_ns, info.st_ino)
    if key in _VETTED:
        return _VETTED[key]
    if path.suffix.lower() not in SPREADSHEET_SUFFIXES:
        return [""]
    rules = limits()
    if getattr(settings, "HEARD_IMPORT_ISOLATE", True):
        names: list[str] = isolated.probe(
            str(path),
            rules,
            file_name=path.name,
            memory_bytes=int(getattr(settings, "HEARD_IMPORT_MAX_MEMORY", DEFAULT_MAX_MEMORY)),
            cpu_seconds=int(getattr(settings, "HEARD_IMPORT_MAX_SECONDS", DEFAULT_MAX_SECONDS)),
            wall_seconds=2.0 * int(getattr(settings, "HEARD_IMPORT_MAX_SECONDS", DEFAULT_MAX_SECONDS)),
        )
    else:
        sheetcheck.check_file(path, rules)
        names = []
    if len(_VETTED) > 64:
        _VETTED.clear()
    _VETTED[key] = names
    return names


def sheet_names(path: str | Path) -> list[str]:
    from heard.lib.books import open_book

    with open_book(path) as book:
        return book.sheet_names


def _open_workbook(path: Path) -> Any:
    import python_calamine

    vet(path)
    try:
        return python_calamine.CalamineWorkbook.from_path(str(path))
    except BaseException as error:  # calamine raises several error types for damaged files
        _reraise_interrupts(error)
        raise TabularError(
            f"{path.name}: Heard cannot read this file as a {path.suffix.lower()} spreadsheet ({_reason(error)}). "
            "Open it in your spreadsheet program, save it again and send the new copy."
        ) from error


def _reraise_interrupts(error: BaseException) -> None:
    """Lets Ctrl-C and exits through; a reader's Rust panic (a BaseException) becomes a plain TabularError."""
    if not isinstance(error, Exception) and type(error).__name__ != "PanicException":
        raise error


def _reason(error: BaseException) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text[:120]


def _read_spreadsheet(path: Path, workbook: Any, sheet: str | None, prefer: tuple[str, ...], *, close: bool) -> Table:
    names = [str(n) for n in workbook.sheet_names]
    if sheet is not None:
        if sheet not in names:
            raise TabularError(f"{path.name}: there is no sheet called '{sheet}'. Sheets: {', '.join(names)}.")
        chosen = sheet
    else:
        by_fold = {n.casefold(): n for n in names}
        chosen = next((by_fold[p.casefold()] for p in prefer if p.casefold() in by_fold), names[0] if names else "")
    if not chosen:
        raise TabularError(f"{path.name}: the workbook has no sheets.")
    try:
        data = workbook.get_sheet_by_name(chosen)
    except BaseException as error:
        _reraise_interrupts(error)
        raise TabularError(f"{path.name}, sheet '{chosen}': cannot be read ({_reason(error)}).") from error
    if data.height == 0 or data.width == 0:
        raise TabularError(f"{path.name}, sheet '{chosen}': the sheet is empty.")
    start_row, first_column = data.start or (0, 0)
    if data.height - 1 > max_rows() + 1:
        raise TabularError(
            f"{path.name}, sheet '{chosen}': about {data.height - 1:,} rows, more than the {max_rows():,} Heard "
            "takes in one file. Split the file into smaller ones and send each in turn."
        )
    try:
        source = data.iter_rows()
    except BaseException as error:
        _reraise_interrupts(error)
        raise TabularError(f"{path.name}, sheet '{chosen}': cannot be read ({_reason(error)}).") from error

    numbered = ((i + 1, row) for i, row in enumerate(source))
    header_row = 0
    raw_header: list[Cell] = []
    for row_number, cells in numbered:
        if any(not _blank(v) for v in cells):
            header_row, raw_header = row_number, list(cells)
            break
    if not header_row:
        raise TabularError(f"{path.name}, sheet '{chosen}': the sheet is empty.")
    headers = _headers(path.name, chosen, header_row, raw_header, first_column)
    if not any(headers):
        raise TabularError(f"{path.name}, sheet '{chosen}': the sheet is empty.")
    merged = getattr(data, "merged_cell_ranges", None) or []
    for (top, left), (bottom, right) in merged:
        if bottom + 1 >= header_row:
            cells = f"{column_letter(left)}{top + 1}:{column_letter(right)}{bottom + 1}"
            raise TabularError(
                f"{path.name}, sheet '{chosen}', row {top + 1}, column {column_letter(left)}: cells {cells} are "
                "merged. Unmerge them and put the value in each row's own cell."
            )
    table = Table(
        file_name=path.name,
        sheet=chosen,
        header_row=header_row,
        headers=headers,
        rows=iter(()),
        letters=[column_letter(first_column + i) for i in range(len(headers))],
        row_count_hint=max(0, data.height - (header_row - start_row)),
    )

    def rows() -> Iterator[tuple[int, list[Cell]]]:
        try:
            yield from _data_rows(table, numbered, first_column)
        finally:
            if close:
                workbook.close()

    table.rows = rows()
    return table


# CSV ------------------------------------------------------------------------------------------------------------


def _csv_rows_hint(sample: bytes, size: int) -> int:
    """About how many rows under the header a CSV file holds, from its first bytes and its size (for progress
    bars: a cell may hold line breaks, and rows differ in length)."""
    if len(sample) >= size:
        return max(0, sample.count(b"\n") + (not sample.endswith(b"\n")) - 1)
    return max(0, round(size * sample.count(b"\n") / len(sample)) - 1)


def _read_csv(path: Path) -> Table:
    with path.open("rb") as binary:
        sample = binary.read(256 * 1024)
    size = path.stat().st_size
    if not sample.strip():
        raise TabularError(f"{path.name}: the file is empty.")
    encoding = detect_encoding(sample)
    try:
        text_sample = sample.decode(encoding, errors="replace")
    except LookupError:  # pragma: no cover - detect_encoding only returns known codecs
        encoding, text_sample = "cp1252", sample.decode("cp1252", errors="replace")
    text_sample = text_sample.lstrip("\ufeff")
    try:
        dialect: Any = csv.Sniffer().sniff(text_sample[: 64 * 1024], delimiters=",;\t|")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    limit_chars = max_cell_chars()
    width_limit = limits().max_columns
    handle = path.open("r", encoding=encoding, errors="strict", newline="")
    reader = csv.reader(handle, delimiter=delimiter)
    table = Table(file_name=path.name, sheet="", header_row=0, headers=[], rows=iter(()), encoding=encoding)
    table.row_count_hint = _csv_rows_hint(sample, size)
    previous = csv.field_size_limit()

    def numbered() -> Iterator[tuple[int, list[Cell]]]:
        # Spreadsheet rows: one per record (a quoted cell may span several lines of the file, as in Excel).
        number = 0
        while True:
            try:
                record = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError as error:
                raise TabularError(
                    f"{path.name}, row {number + 1}: the text is not in the file's encoding ({encoding}). Save the "
                    "file again as 'CSV UTF-8' and send the new copy."
                ) from error
            except csv.Error as error:
                message = str(error)
                if "field larger than field limit" in message:
                    message = f"a cell has more than the {limit_chars:,} characters a spreadsheet cell can hold"
                raise TabularError(f"{path.name}, row {number + 1}: {message}.") from error
            number += 1
            if len(record) > width_limit:
                raise TabularError(
                    f"{path.name}, row {number}: {len(record):,} columns, more than the {width_limit:,} Heard reads. "
                    "Check the file is saved as CSV with commas between cells, delete the empty columns and send "
                    "it again."
                )
            if number == 1 and record:
                record[0] = record[0].lstrip("\ufeff")
            yield number, record

    source = numbered()
    csv.field_size_limit(limit_chars + 1)
    try:
        for row_number, cells in source:
            if any(not _blank(v) for v in cells):
                table.header_row = row_number
                table.headers = _headers(path.name, "", row_number, cells, 0)
                break
    except BaseException:
        handle.close()
        csv.field_size_limit(previous)
        raise
    # csv's limit is process-wide: put it back at once, and only raise it again while rows are being read.
    csv.field_size_limit(previous)
    if not table.header_row or not any(table.headers):
        handle.close()
        raise TabularError(f"{path.name}: the file is empty.")
    table.letters = [column_letter(i) for i in range(len(table.headers))]

    def rows() -> Iterator[tuple[int, list[Cell]]]:
        try:
            csv.field_size_limit(limit_chars + 1)
            yield from _data_rows(table, source, 0)
        finally:
            handle.close()
            csv.field_size_limit(previous)

    table.rows = rows()
    return table


# Entry point ----------------------------------------------------------------------------------------------------


def _check_path(path: str | Path) -> Path:
    path = Path(path)
    if not path.exists():
        raise TabularError(f"{path.name or path}: there is no such file.")
    if not path.is_file():
        raise TabularError(f"{path.name or path}: this is not a file.")
    return path


def read_table(path: str | Path, *, sheet: str | None = None, prefer: tuple[str, ...] = ()) -> Table:
    """Opens `path` and returns its header and an iterator of its data rows. `sheet` picks a sheet by name;
    otherwise the first of `prefer` present, else the first sheet. Consume `rows` to the end (or close it) so
    the file is closed."""
    from heard.lib.books import open_book

    book = open_book(path)
    try:
        return book.table(sheet, prefer, close=True)
    except BaseException:
        book.close()
        raise


def read_all(path: str | Path, **kwargs: Any) -> tuple[Table, list[tuple[int, list[Cell]]]]:
    """The table and all its rows in a list (for small files and tests)."""
    table = read_table(path, **kwargs)
    return table, list(table.rows)


__all__ = [
    "Limits",
    "Table",
    "TabularError",
    "column_letter",
    "detect_encoding",
    "limits",
    "read_all",
    "read_table",
    "sheet_names",
    "vet",
]


# For heard/lib/books.py.
check_path = _check_path
open_workbook = _open_workbook
read_spreadsheet = _read_spreadsheet
read_csv = _read_csv
