"""A big .xlsx is read as a stream (heard/lib/xlsxstream.py), in memory that does not grow with its rows, and
gives exactly what python-calamine gives for the same file: the same header, row numbers and values."""

from __future__ import annotations

import datetime

import openpyxl
import pytest
import xlsxwriter
from django.test import override_settings

from heard.lib import books, tabular
from heard.lib.sheetcheck import TabularError

pytestmark = pytest.mark.usefixtures("settings")


def _read(path, *, stream: bool, **kwargs):
    with override_settings(HEARD_IMPORT_STREAM_BYTES=0 if stream else 10**12, HEARD_IMPORT_ISOLATE=False):
        table = tabular.read_table(path, **kwargs)
        rows = list(table.rows)
    return (table.sheet, table.header_row, table.headers, table.letters, table.row_count_hint), rows


def _both(path, **kwargs):
    calamine = _read(path, stream=False, **kwargs)
    streamed = _read(path, stream=True, **kwargs)
    assert streamed == calamine
    return streamed


def _xlsxwriter_file(path, *, constant_memory: bool) -> None:
    book = xlsxwriter.Workbook(str(path), {"constant_memory": constant_memory})
    book.add_worksheet("Notes").write(0, 0, "Read me first")
    sheet = book.add_worksheet("Residents")
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    moment = book.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    clock = book.add_format({"num_format": "hh:mm"})
    sheet.write_row(2, 1, ["Date heard", "Story", "Rating", "Agreed", "Formula", "Spare"])
    sheet.write_datetime(3, 1, datetime.datetime(2026, 3, 1), day)
    sheet.write_string(3, 2, '  Waited & waited <3 hours>\nthen "left" ')
    sheet.write_number(3, 3, 4)
    sheet.write_boolean(3, 4, True)
    sheet.write_formula(3, 5, '="a"&"b"', None, "ab")
    sheet.write_datetime(4, 1, datetime.datetime(2026, 3, 1, 10, 30), moment)
    sheet.write_string(4, 2, "=SUM(A1:A2)")
    sheet.write_number(4, 3, 2.5)
    sheet.write_formula(4, 5, "=1/0", None, "#DIV/0!")
    sheet.write_number(6, 1, 0.75, clock)
    sheet.write_string(6, 2, "Ümlaut, 日本語, emoji 🙂")
    sheet.write_number(6, 3, 1e20)
    sheet.write_string(6, 4, "carriage\rreturn, control \x01 and a literal _x000D_")  # written as _xHHHH_ escapes
    for row in range(7, 40):
        sheet.write_number(row, 1, 45000 + row, day)
        sheet.write_string(row, 2, f"Story {row % 7}")
    book.close()


@pytest.mark.parametrize("constant_memory", [False, True], ids=["shared strings", "inline strings"])
def test_a_streamed_sheet_reads_as_calamine_reads_it(tmp_path, constant_memory):
    path = tmp_path / "return.xlsx"
    _xlsxwriter_file(path, constant_memory=constant_memory)
    (sheet, header_row, headers, letters, _hint), rows = _both(path, prefer=("Residents",))
    assert (sheet, header_row, headers[0], letters[0]) == ("Residents", 3, "Date heard", "B")
    first = rows[0][1]
    assert first[:4] == [datetime.date(2026, 3, 1), '  Waited & waited <3 hours>\nthen "left" ', 4.0, True]
    assert rows[1][1][0] == datetime.datetime(2026, 3, 1, 10, 30)


def test_a_file_saved_by_another_program_reads_the_same(tmp_path):
    path = tmp_path / "openpyxl.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Residents"
    sheet.append(["Date heard", "Story", "Rating"])
    sheet.append([datetime.date(2026, 1, 5), "Rich & plain", 3])
    sheet.append([None, None, None])
    sheet.append([datetime.datetime(2026, 1, 6, 9, 0), "x", 4.5])
    book.save(path)
    _both(path)
    _both(path, sheet="Residents")


def test_merged_cells_under_the_header_are_refused_by_either_reader(tmp_path):
    path = tmp_path / "merged.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Residents")
    sheet.write_row(0, 0, ["Story", "Rating"])
    sheet.merge_range(2, 0, 2, 1, "merged")
    book.close()
    for stream in (False, True):
        with pytest.raises(TabularError, match="are merged"):
            _read(path, stream=stream)


def test_a_damaged_streamed_sheet_gets_a_plain_message(tmp_path):
    import zipfile

    good = tmp_path / "good.xlsx"
    _xlsxwriter_file(good, constant_memory=False)
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/sharedStrings.xml":
                data = data.replace(b"<si>", b"", 3)  # fewer strings than the cells point at
            target.writestr(item, data)
    with pytest.raises(TabularError, match=r"bad\.xlsx"):
        _read(bad, stream=True, prefer=("Residents",))


def test_an_import_opens_its_file_once_and_plans_the_same_with_either_reader(db, tmp_path, monkeypatch):
    from heard.returns import planning
    from heard.returns.tests.builders import GOOD_ROW, fill_template, make_world

    world = make_world()
    rows = [GOOD_ROW, {**GOOD_ROW, "age_band": "35 to 49", "story": "Second & last"}, {**GOOD_ROW, "rating": 5}]
    path = fill_template(world, tmp_path / "return.xlsx", rows)
    opened = []
    real = books.Book.__init__

    def counting(self, path):
        opened.append(path.name)
        real(self, path)

    monkeypatch.setattr(books.Book, "__init__", counting)
    plans = []
    for stream in (False, True):
        with override_settings(HEARD_IMPORT_STREAM_BYTES=0 if stream else 10**12, HEARD_IMPORT_ISOLATE=False):
            plans.append(planning.plan_import(path, project=world.project, partner=world.partner))
    assert opened == ["return.xlsx", "return.xlsx"]  # once per plan: Residents and Activity from one opening
    by_calamine, streamed = plans
    assert streamed.ok, [str(p) for p in streamed.problems]
    assert streamed.summary() == by_calamine.summary()
    assert streamed.summary()["added"] == 3 and streamed.summary()["new_activities"] == 1
    assert list(streamed.additions) == list(by_calamine.additions)
