"""Finance and 360Giving spreadsheets: .csv (UTF-8 with a byte-order mark, for Excel) and .xlsx.

Text cells that start with =, +, -, @ are neutralised (heard.returns.exporting.neutralise); numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

import xlsxwriter
from django.http import HttpResponse

from heard.returns.exporting import neutralise

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal):
        return value
    return neutralise(str(value))


def csv_bytes(columns: list[str], rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([_cell(c) for c in columns])
    writer.writerows([[_cell(v) for v in row] for row in rows])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(sheet_name: str, columns: list[str], rows: list[list[Any]]) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet(sheet_name[:31])
    bold = book.add_format({"bold": True})
    pounds = book.add_format({"num_format": "#,##0.00"})
    for index, column in enumerate(columns):
        sheet.write_string(0, index, _cell(column), bold)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            cell = _cell(value)
            if isinstance(cell, Decimal):
                sheet.write_number(r, c, float(cell), pounds)
            elif isinstance(cell, int | float):
                sheet.write_number(r, c, cell)
            else:
                sheet.write_string(r, c, cell)
    sheet.freeze_panes(1, 0)
    book.close()
    return buffer.getvalue()


def response(fmt: str, name: str, sheet_name: str, columns: list[str], rows: list[list[Any]]) -> HttpResponse:
    body = csv_bytes(columns, rows) if fmt == "csv" else xlsx_bytes(sheet_name, columns, rows)
    reply = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    reply["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return reply
