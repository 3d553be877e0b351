"""Checks an untrusted spreadsheet's structure before any reader opens it (pure Python, no Django).

A spreadsheet reader builds a sheet as one dense block, from the top-left cell to the bottom-right one. So a
2.5 KB .xlsx with one cell at A1 and one at XFD1048576 asks for 17 billion cells (about 550 GB), and a 1.5 KB
.ods that repeats a row a million times expands to a million rows: the reader aborts the process or fills its
memory. `check_file` refuses such files from what they say about themselves, streamed and in bounded memory:

- a zip's directory (damaged, password-protected, an unsupported compression or zip version, too many parts,
  a part that expands like a zip bomb, too much in all), before anything is decompressed;
- .xlsx/.xlsm: each sheet's declared `<dimension ref>` and the row and column of every `<row>` and `<c>` (an
  element without `r` counts from the one before, as readers do), the rows, columns and cells between the
  first cell and the last against `Limits`; any DOCTYPE or entity declaration is refused (XML entity attacks);
- .ods: `content.xml`'s rows and cells with their `number-rows-repeated` / `number-columns-repeated` counts,
  the same way, and a row with something in it repeated more than `max_repeated_rows` times;
- .xls: the file's signature (a damaged or renamed file is refused; the sheet's size is then bounded by
  the reader running in a child process with a memory limit: see heard/lib/isolated.py).

Sheet XML is scanned with regular expressions over decompressed chunks where the XML is the plain kind every
spreadsheet program writes (every cell and row with one plain `r="A1"`), which is 7x faster than an XML parser
on a 100,000-row sheet; anything else (cells without `r`, odd attribute forms) is read with expat, exactly.
`probe` (run in a child process by heard/lib/tabular.py) checks the file and then lets the reader open every
sheet, so whatever these checks miss dies in the child, not in the process that asked.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from xml.parsers import expat

# Excel's own grid (0-based last row and column).
EXCEL_LAST_ROW = 1_048_575
EXCEL_LAST_COLUMN = 16_383
XLS_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
CHUNK = 1024 * 1024
LONGEST_TAG = 4 * 1024 * 1024
# Files up to this size are read in full by the child process that first opens them (`probe`).
PROBE_LOAD_BYTES = 2 * 1024 * 1024

DAMAGED = (
    "this file looks damaged or is not a spreadsheet. Open it in Excel (or LibreOffice), save it again as .xlsx "
    "and upload the new copy."
)


class TabularError(ValueError):
    """The file cannot be read as a table; the message is for the person who sent it."""


@dataclass(frozen=True)
class Limits:
    max_rows: int = 1_000_000
    max_columns: int = 500
    max_cells: int = 40_000_000
    max_compression_ratio: float = 200
    max_uncompressed_bytes: int = 4 * 1024**3
    max_members: int = 5_000
    max_repeated_rows: int = 10_000
    # A block of more cells than this that is less than 1% full is refused (a few stray cells far from the data).
    sparse_cells: int = 10_000_000


# Zip ----------------------------------------------------------------------------------------------------------


def _damaged(name: str, why: str = "") -> TabularError:
    return TabularError(f"{name}: {DAMAGED}" + (f" ({why})" if why else ""))


def open_zip(path: Path, limits: Limits) -> zipfile.ZipFile:
    """The archive, once its directory shows nothing a real spreadsheet would not have."""
    try:
        archive = zipfile.ZipFile(path)
        members = archive.infolist()
    except Exception as error:  # BadZipFile, LargeZipFile, NotImplementedError, OSError, EOFError, ValueError...
        raise TabularError(
            f"{path.name}: the file is damaged or incomplete (it may not have finished uploading or saving). "
            "Open it in your spreadsheet program, save it again and send the new copy."
        ) from error
    try:
        _check_members(path.name, members, limits)
    except BaseException:
        archive.close()
        raise
    return archive


def _check_members(name: str, members: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(members) > limits.max_members:
        raise _damaged(name, f"it has {len(members):,} parts")
    total = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise TabularError(
                f"{name}: the file is protected with a password. Open it, remove the password (File > Info > "
                "Protect Workbook in Excel), save it and upload it again."
            )
        if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _damaged(name, f"part '{member.filename[:60]}' is compressed in a way spreadsheets do not use")
        if member.create_version > 63 or member.extract_version > 63:
            raise _damaged(name, f"part '{member.filename[:60]}' needs an unknown zip version")
        total += member.file_size
        if (
            member.file_size > 1_000_000
            and member.compress_size
            and member.file_size / member.compress_size > limits.max_compression_ratio
        ):
            raise TabularError(
                f"{name}: part of the file ('{member.filename[:60]}') expands "
                f"{member.file_size // member.compress_size:,} times when opened, "
                "which is not what a real spreadsheet does. Heard will not open it."
            )
        if member.file_size > 1_000_000 and not member.compress_size:
            raise _damaged(name, f"part '{member.filename[:60]}' says it is empty but expands")
    if total > limits.max_uncompressed_bytes:
        raise TabularError(
            f"{name}: the file would take {total / 1024**3:.1f} GB of memory when opened, more than the "
            f"{limits.max_uncompressed_bytes / 1024**3:.1f} GB Heard allows. Split it into smaller files."
        )


def _chunks(archive: zipfile.ZipFile, member: str, name: str) -> IO[bytes]:
    try:
        return archive.open(member)
    except Exception as error:
        raise _damaged(name, f"cannot open part '{member[:60]}'") from error


def _read_chunks(stream: IO[bytes], name: str, member: str) -> Any:
    while True:
        try:
            chunk = stream.read(CHUNK)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, ValueError) as error:
            raise _damaged(name, f"part '{member[:60]}' cannot be decompressed") from error
        if not chunk:
            return
        yield chunk


# Extents ------------------------------------------------------------------------------------------------------


class Extent:
    """The block a reader would build: from the first cell to the last, and how many cells were seen."""

    __slots__ = ("cells", "max_col", "max_row", "min_col", "min_row")

    def __init__(self) -> None:
        self.min_row = self.min_col = 1 << 62
        self.max_row = self.max_col = -1
        self.cells = 0

    def add(self, row: int, col: int, rows: int = 1, cols: int = 1) -> None:
        self.min_row = min(self.min_row, row)
        self.min_col = min(self.min_col, col)
        self.max_row = max(self.max_row, row + rows - 1)
        self.max_col = max(self.max_col, col + cols - 1)
        self.cells += rows * cols

    def judge(self, name: str, sheet: str, limits: Limits, *, declared: bool = False) -> None:
        if self.max_row < 0:
            return
        where = f"{name}, sheet '{sheet}'" if sheet else name
        said = "says it has" if declared else "has"
        if self.max_row > EXCEL_LAST_ROW or self.max_col > EXCEL_LAST_COLUMN or self.min_row < 0 or self.min_col < 0:
            raise TabularError(f"{where}: a cell is beyond the last row or column a spreadsheet can have, so {DAMAGED}")
        rows = self.max_row - self.min_row + 1
        cols = self.max_col - self.min_col + 1
        if rows > limits.max_rows + 2:
            raise TabularError(
                f"{where}: the sheet {said} about {rows - 1:,} rows, more than the {limits.max_rows:,} Heard takes "
                "in one file. Delete the empty rows under your data (or split the file into smaller ones) and "
                "send it again."
            )
        if cols > limits.max_columns:
            raise TabularError(
                f"{where}: the sheet {said} {cols:,} columns, more than the {limits.max_columns:,} Heard reads. "
                "Delete the empty columns to the right of your data (or move what is there into its own file) "
                "and send it again."
            )
        if not declared and rows * cols > limits.sparse_cells and self.cells * 100 < rows * cols:
            raise TabularError(
                f"{where}: the sheet {said} cells spread over {rows:,} rows by {cols:,} columns but holds only "
                f"{self.cells:,}, so reading it would take far more memory than the data needs. Delete the empty rows "
                "and columns after your data (or copy the data into a new sheet), save it and send it again."
            )
        if rows * cols > limits.max_cells or self.cells > limits.max_cells:
            raise TabularError(
                f"{where}: the sheet {said} {rows:,} rows by {cols:,} columns, more cells than Heard reads in one "
                "file. Split the file into smaller ones and send each in turn."
            )


def parse_ref(ref: str) -> tuple[int, int] | None:
    """ "B3" -> (2, 1) (0-based row, column); None when it is not a cell reference."""
    match = _REF.fullmatch(ref.strip().replace("$", "").upper())
    if match is None:
        return None
    col = 0
    for char in match.group(1):
        col = col * 26 + ord(char) - 64
    return int(match.group(2)) - 1, col - 1


_REF = re.compile(r"([A-Z]{1,7})([0-9]{1,15})")


# .xlsx ----------------------------------------------------------------------------------------------------------

# The fast scan reads the plain form every spreadsheet program writes: each cell `<c r="B3"...` and each row
# `<row r="3"...` with `r` first, no namespace prefix, double quotes. It counts tags with bytes.count (C speed)
# and gives up (the exact scan takes over) when the counts do not add up.
_C_LETTERS = re.compile(rb'<c r="([A-Z]{1,3})')
_C_ROWS = re.compile(rb'<c r="[A-Z]{1,3}([0-9]{1,7})"')
_DIMENSION = re.compile(rb'<dimension\s[^>]*?ref\s*=\s*["\']([^"\']{0,64})["\']')
# A cell tag not written `<c r="`, or a prefixed cell, row or dimension.
_NOT_PLAIN = re.compile(rb'<c[ >/\t\n\r](?!r=")')
_PREFIXED = re.compile(rb":(?:c|row|dimension)[\s/>]")


class _Unsafe(Exception):
    """The fast scan cannot vouch for this part: read it with the XML parser."""


def _refuse_entities(name: str) -> Callable[..., Any]:
    def refuse(*_args: Any) -> Any:
        raise TabularError(
            f"{name}: the file declares its own XML entities, which spreadsheet programs never do (it may be built "
            "to attack the reader). Save it again from your spreadsheet program and upload the new copy."
        )

    return refuse


def _fast_xlsx_sheet(stream: IO[bytes], name: str, member: str, sheet: str, limits: Limits) -> Extent:
    extent = Extent()
    declared = Extent()
    carry = b""
    first = True
    for chunk in _read_chunks(stream, name, member):
        data = carry + chunk
        cut = data.rfind(b"<")
        if cut <= 0:
            if len(data) > LONGEST_TAG:
                raise _damaged(name, f"part '{member[:60]}' has a tag longer than any spreadsheet writes")
            carry = data
            continue
        data, carry = data[:cut], data[cut:]
        if len(carry) > LONGEST_TAG:
            raise _damaged(name, f"part '{member[:60]}' has a tag longer than any spreadsheet writes")
        if first:
            _check_declaration(data, name)
            first = False
        _scan_xlsx_chunk(data, name, extent, declared)
        extent.judge(name, sheet, limits)
    if carry:
        _scan_xlsx_chunk(carry, name, extent, declared)
    declared.judge(name, sheet, limits, declared=True)
    extent.judge(name, sheet, limits)
    return extent


def _check_declaration(data: bytes, name: str) -> None:
    head = data[:200]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head:
        raise _Unsafe  # UTF-16: only the XML parser reads it right
    match = re.match(rb'\s*<\?xml[^>]*encoding\s*=\s*["\']([^"\']+)', head.lstrip(b"\xef\xbb\xbf"))
    if match and match.group(1).lower().replace(b"-", b"") not in (b"utf8", b"ascii", b"usascii"):
        raise _Unsafe


def _scan_xlsx_chunk(data: bytes, name: str, extent: Extent, declared: Extent) -> None:
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        _refuse_entities(name)()
    if _NOT_PLAIN.search(data) or _PREFIXED.search(data):
        raise _Unsafe  # a cell without a plain reference: its place counts from the one before
    cells = data.count(b'<c r="')
    if data.count(b' r="') != cells + data.count(b'<row r="'):
        raise _Unsafe  # a second r in a tag (invalid XML, but a lenient reader might take it)
    letters = _C_LETTERS.findall(data)
    numbers = _C_ROWS.findall(data)
    if len(letters) != cells or len(numbers) != cells:
        raise _Unsafe
    if b"<dimension" in data:
        for match in _DIMENSION.finditer(data):
            for end in match.group(1).decode("ascii", "replace").split(":")[:2]:
                place = parse_ref(end)
                if place is None:
                    raise _damaged(name, f"the sheet's size '{match.group(1)[:30].decode('ascii', 'replace')}'")
                declared.add(*place)
    if not cells:
        return
    # Few distinct column letters and row numbers in a chunk: the extremes come from the sets.
    columns = {x.rjust(3) for x in set(letters)}
    rows = [int(x) for x in set(numbers)]
    right = parse_ref(max(columns).decode().strip() + "1")
    left = parse_ref(min(columns).decode().strip() + "1")
    assert right is not None and left is not None
    extent.add(max(rows) - 1, right[1])
    extent.add(min(rows) - 1, left[1])
    extent.cells += cells - 2


def _exact_xlsx_sheet(stream: IO[bytes], name: str, member: str, sheet: str, limits: Limits) -> Extent:
    """The same, through expat (namespaces resolved, DOCTYPE refused), counting cells without a reference from
    the one before, as readers do."""
    extent = Extent()
    declared = Extent()
    state = {"row": -1, "col": -1, "seen": 0}

    def start(tag: str, attrs: dict[str, str]) -> None:
        local = tag.rsplit(" ", 1)[-1]
        if local == "row":
            r = attrs.get("r")
            state["row"] = state["row"] + 1 if r is None else _number(r, name) - 1
            state["col"] = -1
        elif local == "c":
            r = attrs.get("r")
            if r is None:
                state["col"] += 1
                extent.add(max(state["row"], 0), state["col"])
            else:
                place = parse_ref(r)
                if place is None:
                    raise _damaged(name, f"a cell's place '{r[:20]}'")
                state["col"] = place[1]
                extent.add(*place)
            state["seen"] += 1
            if state["seen"] % 65536 == 0:
                extent.judge(name, sheet, limits)
        elif local == "dimension":
            for end in attrs.get("ref", "").split(":")[:2]:
                place = parse_ref(end)
                if place is None:
                    raise _damaged(name, f"the sheet's size '{attrs.get('ref', '')[:30]}'")
                declared.add(*place)

    _parse(stream, name, member, start)
    declared.judge(name, sheet, limits, declared=True)
    extent.judge(name, sheet, limits)
    return extent


def _number(text: str, name: str) -> int:
    if not text.strip().isdigit() or len(text.strip()) > 15:
        raise _damaged(name, f"a row number '{text[:20]}'")
    return int(text)


def _parse(
    stream: IO[bytes],
    name: str,
    member: str,
    start: Callable[[str, dict[str, str]], None],
    end: Callable[[str], None] | None = None,
) -> None:
    parser = expat.ParserCreate(namespace_separator=" ")
    refuse = _refuse_entities(name)
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    try:
        for chunk in _read_chunks(stream, name, member):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as error:
        raise _damaged(name, f"part '{member[:60]}': {expat.ErrorString(error.code)}") from error
    except RecursionError as error:
        raise _damaged(name, f"part '{member[:60]}' is nested too deeply") from error


def _xlsx_sheets(archive: zipfile.ZipFile, name: str) -> dict[str, str]:
    """{part name: sheet name} for every worksheet the workbook lists, and any other part under xl/worksheets/."""
    names = {m.filename for m in archive.infolist()}
    sheets: dict[str, str] = {}
    by_id: dict[str, str] = {}
    targets: dict[str, str] = {}

    def workbook_start(tag: str, attrs: dict[str, str]) -> None:
        if tag.rsplit(" ", 1)[-1] == "sheet":
            rid = next((v for k, v in attrs.items() if k.rsplit(" ", 1)[-1] == "id"), "")
            by_id[rid] = attrs.get("name", "")

    def rels_start(tag: str, attrs: dict[str, str]) -> None:
        if tag.rsplit(" ", 1)[-1] == "Relationship":
            target = attrs.get("Target", "").lstrip("/")
            if not target.startswith("xl/"):
                target = "xl/" + target
            targets[attrs.get("Id", "")] = target

    for member, handler in (("xl/workbook.xml", workbook_start), ("xl/_rels/workbook.xml.rels", rels_start)):
        if member in names:
            with _chunks(archive, member, name) as stream:
                _parse(stream, name, member, handler)
    for rid, target in targets.items():
        if target in names and rid in by_id:
            sheets[target] = by_id[rid]
    for member in names:
        if member.lower().startswith("xl/worksheets/") and member.lower().endswith(".xml"):
            sheets.setdefault(member, "")
    return sheets


def check_xlsx(path: Path, limits: Limits) -> None:
    with open_zip(path, limits) as archive:
        for member, sheet in sorted(_xlsx_sheets(archive, path.name).items()):
            try:
                with _chunks(archive, member, path.name) as stream:
                    _fast_xlsx_sheet(stream, path.name, member, sheet, limits)
            except _Unsafe:
                with _chunks(archive, member, path.name) as stream:
                    _exact_xlsx_sheet(stream, path.name, member, sheet, limits)


# .xls and the entry points ------------------------------------------------------------------------------------------


def check_xls(path: Path) -> None:
    with path.open("rb") as handle:
        head = handle.read(8)
    if head != XLS_SIGNATURE:
        raise TabularError(f"{path.name}: {DAMAGED}")


def check_file(path: Path, limits: Limits) -> None:
    """Refuses the file (TabularError) when its structure would make a reader allocate beyond `limits`."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        check_xlsx(path, limits)
    elif suffix == ".ods":
        from heard.lib.odscheck import check_ods  # it builds on this module's zip and extent checks

        check_ods(path, limits)
    elif suffix == ".xls":
        check_xls(path)


def probe(path: str, limits: Limits) -> list[str]:
    """Checks the file, then opens it with the reader, and reads every sheet of an .xls or of a file under
    `PROBE_LOAD_BYTES` (meant for a child process with a memory limit: whatever the checks miss ends there).
    Bigger .xlsx/.ods files are not read twice: their checks bound what the reader allocates. Returns the sheet
    names."""
    import python_calamine

    file = Path(path)
    check_file(file, limits)
    load = file.suffix.lower() == ".xls" or file.stat().st_size <= PROBE_LOAD_BYTES
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(path)
        names = [str(n) for n in workbook.sheet_names]
        for sheet in names if load else ():
            workbook.get_sheet_by_name(sheet)
        workbook.close()
    except Exception as error:  # calamine raises several error types for damaged files
        text = str(error).strip().splitlines()[0][:120] if str(error).strip() else type(error).__name__
        raise TabularError(
            f"{file.name}: Heard cannot read this file as a {file.suffix.lower()} spreadsheet ({text}). "
            "Open it in your spreadsheet program, save it again as .xlsx and send the new copy."
        ) from error
    return names
