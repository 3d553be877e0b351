"""Reading a big .xlsx sheet as a stream of rows, in memory that does not grow with the rows.

python-calamine (heard/lib/tabular.py's reader) builds the whole sheet before it gives the first row: about
1.5 KB a row for a Heard return, 1.5 GB for a million rows. For files over `HEARD_IMPORT_STREAM_BYTES` tabular
reads .xlsx sheets with this module instead: the sheet's XML is parsed with lxml's `iterparse` one row at a time
(each row dropped once read), and only the shared strings table (every distinct text once) and the cell styles
are held. Values are the ones python-calamine gives, so an import says the same whichever reader read it (checked
by heard/lib/tests/test_big_sheets_stream.py): numbers as floats, a number in a date format as a
`datetime.date` (a whole day), a `datetime.datetime` (a day and a time) or a `datetime.time` (under a day), an
error or an empty cell as "", a boolean as True/False, text as written. Rows are numbered as the sheet numbers
them; cells start at the sheet's first column (from its `<dimension>`), as python-calamine's do.

The file has already passed heard/lib/sheetcheck.py (zip bombs, DOCTYPEs and entities, the sheet's extent), and
lxml is told to resolve no entity and fetch nothing.
"""

from __future__ import annotations

import datetime
import posixpath
import re
import zipfile
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import IO, Any

from heard.lib import tabular
from heard.lib.sheetcheck import TabularError, parse_ref

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OFFICE_RELS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
ROW, CELL, VALUE, INLINE, TEXT, MERGE = (f"{MAIN}{t}" for t in ("row", "c", "v", "is", "t", "mergeCell"))
PHONETIC = f"{MAIN}rPh"
# Excel's built-in date and time formats (python-calamine's list).
BUILTIN_DATES = {*range(14, 23), *range(45, 48)}
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')
_CELL_REF = re.compile(r"([A-Z]+)")
EPOCH_1900 = datetime.datetime(1899, 12, 30)
EPOCH_1904 = datetime.datetime(1904, 1, 1)
LAST_SERIAL = 2_958_465  # 31 Dec 9999


def _parser(stream: IO[bytes], tags: tuple[str, ...]) -> Any:
    from lxml import etree  # type: ignore[import-untyped]  # (python-docx's dependency; no stubs installed)

    return etree.iterparse(
        stream, events=("end",), tag=tags, resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True
    )


def _drop(element: Any) -> None:
    """Frees an element read and everything before it (iterparse otherwise keeps the whole tree)."""
    element.clear()
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def _text(element: Any) -> str:
    """The text of an <si> or <is>: its <t>s, rich-text runs included, phonetic hints left out."""
    return _ooxml("".join(t.text or "" for t in element.iter(TEXT) if t.getparent().tag != PHONETIC))


# The plain XML every spreadsheet program writes (no namespace prefixes), read with regular expressions over
# decompressed chunks: several times faster than an XML parser, with the same values.
_ROW_RE = re.compile(r"<row\b([^>]*?)(?:/>|>(.*?)</row>)", re.S)
_ROW_NUMBER = re.compile(r'\br="(\d+)"')
# A cell: r, s and t in the order every writer puts them, then its value (<v>) or inline text (<is><t>); anything
# else (other attributes, formulas, rich text) lands in the last two groups and is read attribute by attribute.
_CELL_RE = re.compile(
    r'<c(?: r="([A-Z]+)\d+")?(?: s="(\d+)")?(?: t="(\w+)")?'
    r'(?:/>|><v>([^<]*)</v></c>|><is><t(?: xml:space="preserve")?>([^<]*)</t></is></c>|([^>]*?)(?:/>|>(.*?)</c>))',
    re.S,
)
_ANY_ATTR = re.compile(r'([\w:]+)\s*=\s*"([^"]*)"')
_VALUE_RE = re.compile(r"<v>(.*?)</v>", re.S)
_T_RE = re.compile(r"<t\b[^>]*?(?:/>|>(.*?)</t>)", re.S)
_PHONETIC_RE = re.compile(r"<rPh\b.*?</rPh>", re.S)
_MERGE_RE = re.compile(r'<mergeCell\b[^>]*?\bref="([^"]*)"')
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_ENTITY_RE = re.compile(r"&(#x[0-9a-fA-F]+|#[0-9]+|\w+);")


def _entity(match: re.Match[str]) -> str:
    name = match.group(1)
    if name.startswith("#x"):
        return chr(int(name[2:], 16))
    if name.startswith("#"):
        return chr(int(name[1:]))
    return _ENTITIES.get(name, match.group(0))


_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _ooxml(text: str) -> str:
    """Characters XML cannot hold, written as _xHHHH_ (and an underscore before such a pattern as _x005F_)."""
    return _OOXML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def _unescape(text: str) -> str:
    if "&" in text:
        text = _ENTITY_RE.sub(_entity, text)
    return _ooxml(text)


def _plain_text(inner: str) -> str:
    """The text of an <si> or <is> as XML: its <t>s, rich-text runs included, phonetic hints left out."""
    if "<rPh" in inner:
        inner = _PHONETIC_RE.sub("", inner)
    return _unescape("".join(t or "" for t in _T_RE.findall(inner)))


def _is_date_format(code: str) -> bool:
    bare = _QUOTED.sub("", code).lower()
    return any(letter in bare for letter in "dmyhs") and "general" not in bare


class XlsxBook:
    """One .xlsx opened once: its sheet names, shared strings and styles, and any sheet's rows as a stream."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.archive = zipfile.ZipFile(path)
            self._members = set(self.archive.namelist())
            self.sheets = self._sheet_parts()
            self.strings = self._shared_strings()
            self.dates, self.date1904 = self._date_styles()
        except TabularError:
            raise
        except Exception as error:
            raise TabularError(
                f"{path.name}: Heard cannot read this file as an .xlsx spreadsheet ({str(error)[:120]}). Open it in "
                "your spreadsheet program, save it again and send the new copy."
            ) from error

    def close(self) -> None:
        self.archive.close()

    @property
    def sheet_names(self) -> list[str]:
        return list(self.sheets)

    def _open(self, member: str) -> IO[bytes]:
        return self.archive.open(member)

    def _sheet_parts(self) -> dict[str, str]:
        targets: dict[str, str] = {}
        rels = "xl/_rels/workbook.xml.rels"
        if rels in self._members:
            for _event, rel in _parser(self._open(rels), (f"{RELS}Relationship",)):
                target = rel.get("Target", "")
                target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
                targets[rel.get("Id", "")] = target
        sheets: dict[str, str] = {}
        for _event, sheet in _parser(self._open("xl/workbook.xml"), (f"{MAIN}sheet",)):
            target = targets.get(sheet.get(f"{OFFICE_RELS}id", ""), "")
            if target in self._members:
                sheets[sheet.get("name", "")] = target
        return sheets

    def _shared_strings(self) -> list[str]:
        member = "xl/sharedStrings.xml"
        strings: list[str] = []
        if member not in self._members:
            return strings
        if not self._plain(member, "<sst"):
            for _event, item in _parser(self._open(member), (f"{MAIN}si",)):
                strings.append(_text(item))
                _drop(item)
            return strings
        item = re.compile(r"<si>(.*?)</si>|<si/>", re.S)
        for text in _chunks(self._open(member), "</si>"):
            strings.extend(_plain_text(inner) for inner in item.findall(text))
        return strings

    def _plain(self, member: str, root: str) -> bool:
        """Whether a part is written without namespace prefixes (as spreadsheet programs write it)."""
        with self._open(member) as stream:
            head = stream.read(4096).decode("utf-8", errors="replace")
        return root in head

    def _date_styles(self) -> tuple[set[int], bool]:
        date1904 = False
        for _event, pr in _parser(self._open("xl/workbook.xml"), (f"{MAIN}workbookPr",)):
            date1904 = pr.get("date1904", "").lower() in ("1", "true")
        member = "xl/styles.xml"
        if member not in self._members:
            return set(), date1904
        formats: dict[int, str] = {}
        styles: list[int] = []
        for _event, element in _parser(self._open(member), (f"{MAIN}numFmt", f"{MAIN}cellXfs")):
            if element.tag == f"{MAIN}numFmt":
                formats[int(element.get("numFmtId", "0"))] = element.get("formatCode", "")
            else:
                styles = [int(xf.get("numFmtId", "0")) for xf in element.iter(f"{MAIN}xf")]
        dates = {
            index
            for index, number in enumerate(styles)
            if (number in formats and _is_date_format(formats[number]))
            or (number not in formats and number in BUILTIN_DATES)
        }
        return dates, date1904

    def _when(self, serial: float) -> Any:
        """An Excel date serial as python-calamine gives it (a float beyond the calendar stays a float)."""
        if serial > LAST_SERIAL:
            return serial
        if serial < 1:
            seconds = max(0, round(serial * 86400))
            return datetime.time(*divmod_time(seconds))
        if self.date1904:
            moment = EPOCH_1904 + datetime.timedelta(days=serial)
        elif serial < 60:
            moment = EPOCH_1900 + datetime.timedelta(days=serial + 1)
        elif serial < 61:
            moment = datetime.datetime(1900, 2, 28) + datetime.timedelta(days=serial - 60)
        else:
            moment = EPOCH_1900 + datetime.timedelta(days=serial)
        moment = moment.replace(microsecond=0) + datetime.timedelta(seconds=round(moment.microsecond / 1e6))
        if moment.time() == datetime.time(0):
            return moment.date()
        return moment

    def extent(self, sheet: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """The sheet's first and last cell (row and column, 0-based) from its <dimension>, before any row is
        read."""
        with self._open(self.sheets[sheet]) as stream:
            head = stream.read(8192).decode("utf-8", errors="replace")
        found = re.search(r"<(?:\w+:)?dimension\s+ref=\"([A-Z]+[0-9]+)(?::([A-Z]+[0-9]+))?", head)
        first = parse_ref(found.group(1)) if found else None
        if first is None:
            return None
        last = parse_ref(found.group(2)) if found and found.group(2) else first
        return first, last or first

    def rows(
        self, sheet: str, first_column: int, merged: Callable[[tuple[int, int], tuple[int, int], str], None]
    ) -> Iterator[list[Any]]:
        """Every row of the sheet from row 1 (empty ones as []), cells from `first_column`; `merged` is called
        with each merged range's corners once the rows are read (the sheet's XML lists them after its rows)."""
        if self._plain(self.sheets[sheet], "<worksheet"):
            yield from self._plain_rows(sheet, first_column, merged)
            return
        strings, dates, when = self.strings, self.dates, self._when
        number = 0
        with self._open(self.sheets[sheet]) as stream:
            for _event, element in _parser(stream, (ROW, MERGE)):
                if element.tag == MERGE:
                    ref = element.get("ref", "")
                    corners = [parse_ref(part) for part in ref.split(":")]
                    if corners and corners[0] is not None:
                        merged(corners[0], corners[-1] or corners[0], ref)
                    continue
                r = element.get("r")
                row_number = int(r) if r else number + 1
                while number + 1 < row_number:
                    number += 1
                    yield []
                number = row_number
                cells: list[Any] = []
                column = -1
                for cell in element.iterchildren(CELL):
                    ref = cell.get("r")
                    column = _column(ref) if ref else column + 1
                    index = column - first_column
                    if index < 0:
                        continue
                    if index > len(cells):
                        cells.extend([""] * (index - len(cells)))
                    kind = cell.get("t")
                    if kind == "inlineStr":
                        inline = cell.find(INLINE)
                        value: Any = _text(inline) if inline is not None else ""
                    else:
                        raw = cell.findtext(VALUE)
                        if raw is None or kind == "e":
                            value = ""
                        elif kind == "s":
                            value = strings[int(raw)]
                        elif kind == "str":
                            value = raw
                        elif kind == "b":
                            value = raw.strip() in ("1", "true")
                        else:
                            value = float(raw)
                            style = cell.get("s")
                            if style is not None and int(style) in dates:
                                value = when(value)
                    if index == len(cells):
                        cells.append(value)
                    else:
                        cells[index] = value
                _drop(element)
                yield cells

    def _plain_rows(
        self, sheet: str, first_column: int, merged: Callable[[tuple[int, int], tuple[int, int], str], None]
    ) -> Iterator[list[Any]]:
        strings, dates, when = self.strings, self.dates, self._when
        columns: dict[str, int] = {}
        number = 0
        tail = ""
        for text in _chunks(self._open(self.sheets[sheet]), "</row>"):
            tail = text
            for match in _ROW_RE.finditer(text):
                found = _ROW_NUMBER.search(match.group(1))
                row_number = int(found.group(1)) if found else number + 1
                while number + 1 < row_number:
                    number += 1
                    yield []
                number = row_number
                cells: list[Any] = []
                column = -1
                for letters, style, kind, raw, inline, attrs, inner in _CELL_RE.findall(match.group(2) or ""):
                    if attrs or inner:  # anything but the plain forms: read the attributes one by one
                        named = dict(_ANY_ATTR.findall(attrs))
                        style = named.get("s", style)
                        kind = named.get("t", kind)
                        ref = _CELL_REF.match(named.get("r", ""))
                        letters = ref.group(1) if ref else letters
                        if kind == "inlineStr":
                            inline = _plain_text(inner)
                        else:
                            found_value = _VALUE_RE.search(inner)
                            raw = found_value.group(1) if found_value else ""
                    if letters:
                        column = columns.get(letters, -1)
                        if column < 0:
                            column = columns[letters] = _column(letters)
                    else:
                        column += 1
                    index = column - first_column
                    if index < 0:
                        continue
                    if kind == "s":
                        value: Any = strings[int(raw)]
                    elif kind == "inlineStr":
                        value = _unescape(inline) if "&" in inline or "_x" in inline else inline
                    elif not raw or kind == "e":
                        value = ""
                    elif kind == "str":
                        value = _unescape(raw)
                    elif kind == "b":
                        value = raw.strip() in ("1", "true")
                    else:
                        value = float(raw)
                        if style and int(style) in dates:
                            value = when(value)
                    if index == len(cells):
                        cells.append(value)
                    else:
                        if index > len(cells):
                            cells.extend([""] * (index - len(cells)))
                            cells.append(value)
                        else:
                            cells[index] = value
                yield cells
        for ref in _MERGE_RE.findall(tail):
            corners = [parse_ref(part) for part in ref.split(":")]
            if corners and corners[0] is not None:
                merged(corners[0], corners[-1] or corners[0], ref)


def _chunks(stream: IO[bytes], end: str, size: int = 4 * 1024 * 1024) -> Iterator[str]:
    """The part's text in pieces that each end just after an `end` tag (the last piece: whatever is left)."""
    marker = end.encode()
    carry = b""
    with stream:
        while True:
            data = stream.read(size)
            if not data:
                break
            data = carry + data
            cut = data.rfind(marker)
            if cut < 0:
                carry = data
                continue
            cut += len(marker)
            carry = data[cut:]
            yield data[:cut].decode("utf-8")
    if carry:
        yield carry.decode("utf-8")


def divmod_time(seconds: int) -> tuple[int, int, int]:
    seconds = min(seconds, 86399)
    hours, rest = divmod(seconds, 3600)
    return hours, *divmod(rest, 60)


def _column(ref: str) -> int:
    index = 0
    for char in ref:
        if "A" <= char <= "Z":
            index = index * 26 + ord(char) - 64
        else:
            break
    return index - 1


def read_sheet(book: XlsxBook, sheet: str | None, prefer: tuple[str, ...], *, close: bool) -> tabular.Table:
    """A `tabular.Table` over one sheet of `book`, its rows streamed (the book is closed after them if `close`)."""
    path = book.path
    names = book.sheet_names
    if sheet is not None:
        if sheet not in names:
            raise TabularError(f"{path.name}: there is no sheet called '{sheet}'. Sheets: {', '.join(names)}.")
        chosen = sheet
    else:
        by_fold = {n.casefold(): n for n in names}
        chosen = next((by_fold[p.casefold()] for p in prefer if p.casefold() in by_fold), names[0] if names else "")
    if not chosen:
        raise TabularError(f"{path.name}: the workbook has no sheets.")
    extent = book.extent(chosen)
    first_column = extent[0][1] if extent else 0
    header_row = 0

    def merged(top_left: tuple[int, int], bottom_right: tuple[int, int], ref: str) -> None:
        (top, left), (bottom, _right) = top_left, bottom_right
        if bottom + 1 >= header_row:
            raise TabularError(
                f"{path.name}, sheet '{chosen}', row {top + 1}, column {tabular.column_letter(left)}: cells {ref} "
                "are merged. Unmerge them and put the value in each row's own cell."
            )

    def guarded() -> Generator[tuple[int, list[Any]]]:
        try:
            yield from enumerate(book.rows(chosen, first_column, merged), start=1)
        except TabularError:
            raise
        except Exception as error:  # lxml's syntax errors, a shared string that is not there, a bad number
            raise TabularError(
                f"{path.name}, sheet '{chosen}': cannot be read ({str(error)[:120]}). Open it in your spreadsheet "
                "program, save it again and send the new copy."
            ) from error

    numbered = guarded()
    raw_header: list[Any] = []
    for row_number, cells in numbered:
        if any(not tabular.blank(v) for v in cells):
            header_row, raw_header = row_number, list(cells)
            break
    if not header_row:
        raise TabularError(f"{path.name}, sheet '{chosen}': the sheet is empty.")
    headers = tabular.header_names(path.name, chosen, header_row, raw_header, first_column)
    if not any(headers):
        raise TabularError(f"{path.name}, sheet '{chosen}': the sheet is empty.")
    table = tabular.Table(
        file_name=path.name,
        sheet=chosen,
        header_row=header_row,
        headers=headers,
        rows=iter(()),
        letters=[tabular.column_letter(first_column + i) for i in range(len(headers))],
        row_count_hint=max(0, extent[1][0] + 1 - header_row) if extent else None,
    )

    def rows() -> Iterator[tuple[int, list[Any]]]:
        try:
            yield from tabular.data_rows(table, numbered, first_column)
        finally:
            numbered.close()
            if close:
                book.close()

    table.rows = rows()
    return table
