"""Malformed files end in a clear error or a correct import: never a crash, a hang or a partial write."""

from __future__ import annotations

import datetime
import zipfile

import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from heard.engagement.models import Experience
from heard.lib import tabular
from heard.returns.columns import return_columns
from heard.returns.importer import ImportRefused, commit, plan_import
from heard.returns.tests.builders import make_world

HYPOTHESIS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

cells = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.sampled_from(
        [
            "25-34",
            "25 to 34",
            "Female",
            "Yes",
            "no",
            "Y",
            "1",
            "=1+1",
            "@SUM(A1)",
            "-5",
            "N1 9AR",
            "14/03/2026",
            "2026-03-14",
            "14 March 2026",
            "3/14/2026",
            "Prefer not to say",
            "  ",
            "\u00a0",
        ]
    ),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.dates(min_value=datetime.date(1900, 3, 1), max_value=datetime.date(2100, 1, 1)),
)


@pytest.fixture
def world(db):
    return make_world()


def _headers(world, draw_codes):
    columns = return_columns(world.project, world.partner)
    return [columns[i].header if i >= 0 else "" for i in draw_codes]


def _attempt(world, path):
    before = Experience.objects.count()
    try:
        plan = plan_import(path, project=world.project, partner=world.partner)
    except ImportRefused as error:
        message = str(error)
    else:
        message = ""
    if message:
        assert path.name in message
        assert Experience.objects.count() == before
        return "refused"
    assert Experience.objects.count() == before  # planning writes nothing
    if not plan.ok:
        assert plan.problems or plan.unmapped
        for problem in plan.problems:
            assert str(problem)
        return "problems"
    commit(plan, actor=None)
    assert Experience.objects.count() == before + len(plan.additions) - len(plan.removals)
    return "imported"


@HYPOTHESIS
@given(
    header_picks=st.lists(st.integers(min_value=-1, max_value=20), min_size=1, max_size=8),
    rows=st.lists(st.lists(cells, max_size=9), max_size=6),
    merge=st.booleans(),
    formula=st.booleans(),
)
def test_random_spreadsheets_never_crash_the_importer(world, tmp_path_factory, header_picks, rows, merge, formula):
    path = tmp_path_factory.mktemp("x") / "random.xlsx"
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    sheet = workbook.add_worksheet("Residents")
    for column, header in enumerate(_headers(world, header_picks)):
        sheet.write_string(0, column, header)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, datetime.date):
                sheet.write_datetime(r, c, datetime.datetime.combine(value, datetime.time(0)))
            elif isinstance(value, str):
                sheet.write_string(r, c, value)
            else:
                sheet.write(r, c, value)
    if merge and rows:
        sheet.merge_range(1, 0, 2, 1, "merged")
    if formula:
        sheet.write_formula(len(rows) + 1, 0, "=1+1", None, 2)
    workbook.close()
    _attempt(world, path)


@HYPOTHESIS
@given(
    text=st.text(alphabet=st.characters(codec="utf-8"), max_size=200),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"]),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_random_csv_files_never_crash_the_importer(world, tmp_path_factory, text, encoding, delimiter):
    header = delimiter.join(["Date heard [collected_on]", "Agreed we keep what they told us [consent_store]"])
    path = tmp_path_factory.mktemp("x") / "random.csv"
    path.write_bytes(f"{header}\n{text}\n".encode(encoding, errors="replace"))
    _attempt(world, path)


def test_an_empty_sheet_is_refused_clearly(world, tmp_path):
    path = tmp_path / "empty.xlsx"
    xlsxwriter.Workbook(str(path)).close()
    assert _attempt(world, path) == "refused"
    with pytest.raises(tabular.TabularError, match="empty"):
        tabular.read_table(path)


def test_a_truncated_xlsx_is_refused(world, tmp_path):
    good = tmp_path / "good.xlsx"
    workbook = xlsxwriter.Workbook(str(good))
    workbook.add_worksheet().write(0, 0, "x")
    workbook.close()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(good.read_bytes()[:300])
    with pytest.raises(tabular.TabularError, match="damaged or incomplete"):
        tabular.read_table(path)
    assert _attempt(world, path) == "refused"


def test_a_zip_bomb_is_refused_before_it_is_opened(world, tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<" + b"a" * 50_000_000)
    with pytest.raises(tabular.TabularError, match="expands"):
        tabular.read_table(path)


def test_merged_cells_are_refused_with_their_place(tmp_path):
    path = tmp_path / "merged.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Residents")
    sheet.write_row(0, 0, ["A", "B"])
    sheet.merge_range("A3:B4", "x")
    workbook.close()
    with pytest.raises(tabular.TabularError, match=r"row 3, column A: cells A3:B4 are merged"):
        tabular.read_table(path)


def test_blank_and_duplicate_headers_are_named(tmp_path, settings):
    dup = tmp_path / "dup.csv"
    dup.write_text("Age band,Sex,age band\n1,2,3\n", encoding="utf-8")
    with pytest.raises(tabular.TabularError, match="columns A and C both have the header"):
        tabular.read_table(dup)
    blank = tmp_path / "blank.csv"
    blank.write_text("Age band,,Sex\n25-34,oops,Male\n", encoding="utf-8")
    table = tabular.read_table(blank)
    with pytest.raises(tabular.TabularError, match="row 2, column B: this column has no header"):
        list(table.rows)


def test_huge_cells_and_too_many_rows_are_refused(tmp_path, settings):
    huge = tmp_path / "huge.csv"
    huge.write_text("Story\n" + "x" * 40_000 + "\n", encoding="utf-8")
    with pytest.raises(tabular.TabularError, match="row 2: a cell has more than"):
        list(tabular.read_table(huge).rows)
    settings.HEARD_IMPORT_MAX_ROWS = 3
    many = tmp_path / "many.csv"
    many.write_text("A\n" + "1\n" * 5, encoding="utf-8")
    with pytest.raises(tabular.TabularError, match="more than 3 rows"):
        list(tabular.read_table(many).rows)


@pytest.mark.parametrize(
    "written", ["14/03/2026", "14/03/26", "2026-03-14", "14.03.2026", "14 March 2026", "14 Mar 2026", 46095]
)
def test_dates_in_many_formats_are_understood(world, tmp_path, written):
    path = tmp_path / "dates.csv"
    path.write_text(f"Date heard,Agreed we keep what they told us\n{written},yes\n", encoding="utf-8")
    plan = plan_import(path, project=world.project, partner=world.partner)
    assert plan.ok, [str(p) for p in plan.problems]
    assert plan.additions[0].collected_on == datetime.date(2026, 3, 14)


def test_a_non_file_is_refused(tmp_path):
    with pytest.raises(tabular.TabularError, match="not a file"):
        tabular.read_table(tmp_path)
    with pytest.raises(tabular.TabularError, match="no such file"):
        tabular.read_table(tmp_path / "missing.csv")


def test_a_csv_says_about_how_many_rows_it_holds(tmp_path):
    small = tmp_path / "small.csv"
    small.write_text("a,b\n1,2\n3,4\n5,6", encoding="utf-8")
    assert tabular.read_table(small).row_count_hint == 3
    big = tmp_path / "big.csv"
    big.write_text("name,words\n" + "".join(f"row {n},some words said\n" for n in range(40_000)), encoding="utf-8")
    hint = tabular.read_table(big).row_count_hint
    assert hint is not None and 38_000 < hint < 42_000  # from the first 256 KB and the file's size
