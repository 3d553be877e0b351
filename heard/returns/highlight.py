"""The partner's own file with the problem cells highlighted (and the problem written in a comment), so they can
fix it where they made it.

The file is the partner's upload, so it goes through the same checks as every other reader first
(`tabular.vet`: zip bombs, sheet sizes, a child process with a memory limit); a file that fails them raises
`tabular.TabularError` with a plain message. An .xlsx that openpyxl cannot load is rewritten from what Heard
read instead."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from heard.lib import tabular

FILL = "FFD6D6"


def _column_index(letter: str) -> int:
    index = 0
    for char in letter.upper():
        index = index * 26 + (ord(char) - 64)
    return index


def highlighted_copy(path: Path, problems: list[dict[str, Any]], target: IO[bytes], *, sheet: str | None) -> None:
    tabular.vet(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        start = target.tell()
        try:
            _highlight_xlsx(path, problems, target, sheet)
            return
        except Exception:  # openpyxl is stricter than the reader that checked the file: rewrite it instead
            target.seek(start)
            target.truncate()
    _rewrite_highlighted(path, problems, target, sheet)


def _highlight_xlsx(path: Path, problems: list[dict[str, Any]], target: IO[bytes], sheet: str | None) -> None:
    import openpyxl
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    book = openpyxl.load_workbook(path)
    fill = PatternFill(start_color=FILL, end_color=FILL, fill_type="solid")
    for problem in problems:
        name = problem.get("sheet") or sheet or book.sheetnames[0]
        if name not in book.sheetnames or not problem.get("row"):
            continue
        cell = book[name].cell(row=int(problem["row"]), column=_column_index(problem.get("letter") or "A"))
        cell.fill = fill
        cell.comment = Comment(str(problem.get("text", "")), "Heard")
    book.save(target)


def _rewrite_highlighted(path: Path, problems: list[dict[str, Any]], target: IO[bytes], sheet: str | None) -> None:
    import xlsxwriter

    table = tabular.read_table(path, sheet=sheet)
    marks = {
        (int(p["row"]), _column_index(p.get("letter") or "A") - 1): str(p.get("text", ""))
        for p in problems
        if p.get("row")
    }
    workbook = xlsxwriter.Workbook(target, {"in_memory": True, "strings_to_formulas": False})
    red = workbook.add_format({"bg_color": "#" + FILL})
    out = workbook.add_worksheet((table.sheet or "Residents")[:31])
    out.write_row(table.header_row - 1, 0, table.headers)
    for row_number, cells in table.rows:
        for column, value in enumerate(cells):
            text = "" if value is None else str(value)
            note = marks.get((row_number, column))
            out.write_string(row_number - 1, column, text, red if note else None)
            if note:
                out.write_comment(row_number - 1, column, note)
    workbook.close()
