"""A spreadsheet or CSV opened once, to read one or more of its sheets (heard/lib/tabular.py reads them).

An import reads the Residents sheet and the Activity sheet from one opening (python-calamine reads a workbook's
shared strings when it opens it: a second opening paid for them again). An .xlsx bigger than
`HEARD_IMPORT_STREAM_BYTES` is read as a stream (heard/lib/xlsxstream.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from heard.lib import tabular
from heard.lib.sheetcheck import TabularError


class Book:
    """A file opened once, to read one or more of its sheets (an import reads the Residents sheet and the Activity
    sheet from one opening). A big .xlsx is read as a stream (`tabular.stream_bytes()`); a CSV is its one table."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._calamine: Any = None
        self._stream: Any = None
        suffix = path.suffix.lower()
        if suffix in (".xlsx", ".xlsm") and path.stat().st_size > tabular.stream_bytes():
            from heard.lib import xlsxstream

            tabular.vet(path)
            self._stream = xlsxstream.XlsxBook(path)
        elif suffix in tabular.SPREADSHEET_SUFFIXES:
            self._calamine = tabular.open_workbook(path)

    @property
    def sheet_names(self) -> list[str]:
        if self._stream is not None:
            return list(self._stream.sheet_names)
        if self._calamine is not None:
            return [str(n) for n in self._calamine.sheet_names]
        return [""]

    def table(self, sheet: str | None = None, prefer: tuple[str, ...] = (), *, close: bool = False) -> tabular.Table:
        """One sheet's header and rows (`read_table`'s arguments); with `close`, the book closes after the rows."""
        if self._stream is not None:
            from heard.lib import xlsxstream

            return xlsxstream.read_sheet(self._stream, sheet, prefer, close=close)
        if self._calamine is not None:
            return tabular.read_spreadsheet(self.path, self._calamine, sheet, prefer, close=close)
        return tabular.read_csv(self.path)

    def close(self) -> None:
        for reader in (self._stream, self._calamine):
            if reader is not None:
                reader.close()

    def __enter__(self) -> Book:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def open_book(path: str | Path) -> Book:
    """Opens a spreadsheet or CSV once (checked as `read_table` checks it); close it, or use it in `with`."""
    path = tabular.check_path(path)
    suffix = path.suffix.lower()
    if suffix not in tabular.SUFFIXES:
        raise TabularError(
            f"{path.name}: Heard reads .xlsx, .xls, .ods and .csv files, not '{suffix or 'a file with no extension'}'."
        )
    if path.stat().st_size == 0:
        raise TabularError(f"{path.name}: the file is empty.")
    return Book(path)
