"""Generated hostile files (huge sizes, huge cell references, repeated rows and columns, damaged and bombed zips,
unknown zip versions, truncated files, XML entities, random bytes) end in a plain message naming the file or a
correct read, in bounded memory and time. The quick run tries a few dozen files; the slow one hundreds."""

from __future__ import annotations

import io
import resource
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from heard.lib import sheetcheck, tabular
from heard.returns.tests import hostile

QUICK = settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), database=None)
HEAVY = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck), database=None)

rows = st.one_of(st.integers(1, 50), st.integers(1, 2_000_000), st.integers(1, 10**12))
letters = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=4)


@st.composite
def xlsx_files(draw: st.DrawFn) -> bytes:
    cells = draw(st.lists(st.tuples(letters, rows, st.booleans()), max_size=6))
    body = ""
    dimension = draw(st.one_of(st.none(), st.tuples(letters, rows)))
    if dimension is not None:
        body += f'<dimension ref="A1:{dimension[0]}{dimension[1]}"/>'
    body += f"<sheetData>{hostile.header_row()}"
    for column, row, plain in cells:
        if plain:  # a reference, as spreadsheet programs write
            body += f'<row r="{row}">{hostile.cell(f"{column}{row}", "x")}</row>'
        else:  # no references: the place counts from the row and cell before
            blanks = "<c/>" * draw(st.integers(0, 3000))
            body += f'<row r="{row}">{blanks}<c t="inlineStr"><is><t>x</t></is></c></row>'
    return hostile.xlsx(body + "</sheetData>")


@st.composite
def ods_files(draw: st.DrawFn) -> bytes:
    body = hostile.ods_header()
    for _ in range(draw(st.integers(0, 4))):
        repeat_rows = draw(st.one_of(st.integers(1, 5), st.integers(1, 10**7), st.integers(1, 10**12)))
        repeat_columns = draw(st.one_of(st.integers(1, 3), st.integers(1, 20_000), st.integers(1, 10**9)))
        filled = draw(st.booleans())
        cell = hostile.ods_cell("x", repeat_columns) if filled else "<table:table-cell/>"
        body += f'<table:table-row table:number-rows-repeated="{repeat_rows}">{cell}</table:table-row>'
    return hostile.ods(body)


@st.composite
def damaged_files(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from([hostile.good_xlsx(), hostile.good_ods()])))
    how = draw(st.sampled_from(["truncate", "flip", "version", "method"]))
    if how == "truncate":
        return bytes(data[: draw(st.integers(0, len(data) - 1))])
    if how == "flip":
        for _ in range(draw(st.integers(1, 10))):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        return bytes(data)
    if how == "version":
        return hostile.wrong_version_zip(draw(st.integers(0, 255)))
    return hostile.wrong_version_zip(20, draw(st.integers(0, 99)))


def files(megabytes: int) -> st.SearchStrategy[tuple[str, bytes]]:
    return st.one_of(
        st.tuples(st.just(".xlsx"), xlsx_files()),
        st.tuples(st.just(".ods"), ods_files()),
        st.tuples(st.sampled_from([".xlsx", ".ods"]), damaged_files()),
        st.tuples(st.just(".xlsx"), st.sampled_from(["laughs", "external", "parameter"]).map(hostile.xlsx_entities)),
        st.tuples(st.sampled_from([".xlsx", ".ods"]), st.just(megabytes).map(hostile.zip_bomb)),
        st.tuples(st.just(".xlsx"), st.sampled_from([10**9, 2**32 - 1, 0]).map(hostile.lying_zip)),
        st.tuples(st.just(".csv"), st.integers(0, 200_000).map(hostile.wide_csv)),
        st.tuples(st.just(".xls"), st.binary(max_size=4096).map(lambda b: sheetcheck.XLS_SIGNATURE + b)),
        st.tuples(st.sampled_from([".xlsx", ".ods", ".xls", ".csv"]), st.binary(max_size=2048)),
    )


def read_or_refuse(suffix: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzzed{suffix}"
        path.write_bytes(data)
        started = time.monotonic()
        try:
            table = tabular.read_table(path)
            count = sum(1 for _ in table.rows)
            assert count <= tabular.max_rows()
        except tabular.TabularError as error:
            message = str(error)
            assert message.startswith("fuzzed"), message
            assert "Traceback" not in message and len(message) < 1000
        assert time.monotonic() - started < 60


def peak_megabytes() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@QUICK
@given(sample=files(megabytes=2))
def test_generated_hostile_files_end_in_a_plain_message_or_a_read(sample):
    before = peak_megabytes()
    read_or_refuse(*sample)
    assert peak_megabytes() - before < 400  # the reader's memory goes to the child process, not this one


@pytest.mark.slow
@HEAVY
@given(sample=files(megabytes=50))
def test_hundreds_of_generated_hostile_files_end_in_a_plain_message_or_a_read(sample):
    before = peak_megabytes()
    read_or_refuse(*sample)
    assert peak_megabytes() - before < 400


plain_letters = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=3)


@settings(max_examples=200, deadline=None, database=None)
@given(
    cells=st.lists(st.tuples(plain_letters, st.integers(1, 2_000_000)), min_size=1, max_size=40),
    dimension=st.one_of(st.none(), st.tuples(letters, st.integers(1, 2_000_000))),
)
def test_the_fast_scan_finds_the_same_size_as_the_xml_parser(cells, dimension):
    # References as spreadsheet programs write them (up to XFD and 7 digits, and beyond): the fast scan reads
    # them itself and agrees with expat; anything else it hands to expat (see the test below).
    body = "" if dimension is None else f'<dimension ref="A1:{dimension[0]}{dimension[1]}"/>'
    body += "<sheetData>" + "".join(f'<row r="{r}">{hostile.cell(f"{c}{r}", "x")}</row>' for c, r in cells)
    xml = (hostile.SHEET_OPEN + body + "</sheetData></worksheet>").encode()
    limits = sheetcheck.Limits(max_rows=10**9, max_columns=10**9, max_cells=10**20, sparse_cells=10**20)
    outcomes: list[object] = []
    for scan in (sheetcheck._fast_xlsx_sheet, sheetcheck._exact_xlsx_sheet):
        try:
            extent = scan(io.BytesIO(xml), "f.xlsx", "sheet1.xml", "Residents", limits)
            outcomes.append((extent.min_row, extent.max_row, extent.min_col, extent.max_col, extent.cells))
        except tabular.TabularError as error:
            outcomes.append(str(error))
    assert outcomes[0] == outcomes[1]


def test_cells_without_references_are_placed_from_the_cell_before():
    xml = (
        hostile.SHEET_OPEN + '<sheetData><row r="3"><c/><c/><c r="A9"/><c/></row><row><c/></row></sheetData>'
        "</worksheet>"
    ).encode()
    limits = sheetcheck.Limits()
    extent = sheetcheck._exact_xlsx_sheet(io.BytesIO(xml), "f.xlsx", "sheet1.xml", "Residents", limits)
    assert (extent.min_row, extent.max_row, extent.min_col, extent.max_col, extent.cells) == (2, 8, 0, 1, 5)
    with pytest.raises(sheetcheck._Unsafe):
        sheetcheck._fast_xlsx_sheet(io.BytesIO(xml), "f.xlsx", "sheet1.xml", "Residents", limits)
