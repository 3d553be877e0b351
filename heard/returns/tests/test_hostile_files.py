"""Files built to crash or swamp the spreadsheet reader are refused with a plain message naming the file, on every
path a file comes in by: the reader, `heard import`, the browser's upload (checked by a worker, never the web
process) and the problems file."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from heard.lib import sheetcheck, tabular
from heard.returns import highlight
from heard.returns.models import ReturnUpload, UploadStatus
from heard.returns.tests import hostile
from heard.returns.tests.builders import make_world

# Each crashed, hung or swamped the reader on the code before these checks (see the subprocess test below).
CRASHERS = {
    "last-cell.xlsx": lambda: hostile.xlsx_cell_at("XFD1048576"),  # aborted the process (550 GB asked for)
    "huge-row.xlsx": lambda: hostile.xlsx_cell_at("A4000000000"),  # aborted the process
    "repeated-rows.ods": lambda: hostile.ods_repeated_rows(1_000_000),  # 1,000,000 records from 1 KB
    "zip-version.xlsx": lambda: hostile.wrong_version_zip(99),  # NotImplementedError: a traceback, a 500
}
# Refused before too; they must stay refused.
OTHERS = {
    "positional.xlsx": lambda: hostile.xlsx_positional(1_048_576, 0),
    "wide.ods": lambda: hostile.ods_repeated_columns(16_384, 1_000),
    "declared.xlsx": lambda: hostile.xlsx_dimension("A1:XFD1048576"),
    "method.xlsx": lambda: hostile.wrong_version_zip(20, 99),
    "lying.xlsx": lambda: hostile.lying_zip(10**9),
    "encrypted.xlsx": lambda: hostile.encrypted_zip(),
    "laughs.xlsx": lambda: hostile.xlsx_entities("laughs"),
    "external.xlsx": lambda: hostile.xlsx_entities("external"),
    "bomb.xlsx": lambda: hostile.zip_bomb(50),
    "wide.csv": lambda: hostile.wide_csv(100_000),
}

READ_IN_A_CHILD = textwrap.dedent(
    """
    import json, os, resource, sys
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heard.settings")
    import django
    django.setup()
    from heard.lib import tabular
    resource.setrlimit(resource.RLIMIT_AS, (3 * 1024**3, resource.RLIM_INFINITY))
    for path in sys.argv[1:]:
        try:
            table = tabular.read_table(path)
            outcome = ["read", sum(1 for _ in table.rows)]
        except tabular.TabularError as error:
            outcome = ["refused", str(error)]
        except BaseException as error:
            outcome = ["traceback", type(error).__name__]
        print(json.dumps([os.path.basename(path), *outcome]), flush=True)
    """
)


def write(tmp_path: Path, shapes: dict[str, Callable[[], bytes]]) -> list[Path]:
    paths = []
    for name, make in shapes.items():
        path = tmp_path / name
        path.write_bytes(make())
        paths.append(path)
    return paths


def test_files_that_crashed_the_reader_are_refused_in_a_process_that_survives(tmp_path):
    # The reader runs in a subprocess so that, on code without these checks, the abort kills it, not the tests.
    paths = write(tmp_path, CRASHERS)
    done = subprocess.run(
        [sys.executable, "-c", READ_IN_A_CHILD, *map(str, paths)], capture_output=True, text=True, timeout=300
    )
    outcomes = {name: (kind, detail) for name, kind, detail in map(json.loads, done.stdout.splitlines())}
    for path in paths:
        assert path.name in outcomes, f"{path.name} killed the reader (exit {done.returncode}): {done.stderr[-300:]}"
        kind, detail = outcomes[path.name]
        assert kind == "refused", f"{path.name}: {kind} {detail}"
        assert path.name in detail and "again" in detail
    assert done.returncode == 0


@pytest.mark.parametrize("name", sorted(CRASHERS | OTHERS))
def test_each_hostile_shape_is_refused_before_the_reader_allocates(tmp_path, name):
    path = tmp_path / name
    path.write_bytes((CRASHERS | OTHERS)[name]())
    started = time.monotonic()
    with pytest.raises(tabular.TabularError) as refused:
        list(tabular.read_table(path).rows)
    assert str(refused.value).startswith(name)
    assert "Traceback" not in str(refused.value)
    assert time.monotonic() - started < 20


def test_what_the_checks_miss_dies_in_the_child_process_with_a_plain_message(tmp_path, monkeypatch, settings):
    # With every limit lifted, the last-cell file reaches the reader, which aborts in the child.
    lifted = sheetcheck.Limits(max_rows=10**7, max_columns=10**5, max_cells=10**13, sparse_cells=10**13)
    monkeypatch.setattr(tabular, "limits", lambda: lifted)
    settings.HEARD_IMPORT_MAX_MEMORY = 512 * 1024**2
    path = tmp_path / "last-cell.xlsx"
    path.write_bytes(hostile.xlsx_cell_at("XFD1048576"))
    with pytest.raises(tabular.TabularError, match=r"^last-cell.xlsx: this file would need more than the 0.5 GB"):
        tabular.read_table(path)


def test_a_sheet_wider_or_sparser_than_the_limits_is_refused_with_what_to_do(tmp_path):
    path = tmp_path / "stray.xlsx"
    path.write_bytes(hostile.xlsx_cell_at("V646400"))  # one stray cell far below the data: 14 million cells
    with pytest.raises(tabular.TabularError, match=r"holds only 3, so reading it .* Delete the empty rows and columns"):
        tabular.read_table(path)
    wide = tmp_path / "wide.xlsx"
    wide.write_bytes(hostile.xlsx_cell_at("ZZ2"))
    with pytest.raises(tabular.TabularError, match="702 columns, more than the 500 Heard reads"):
        tabular.read_table(wide)


def test_good_files_still_read(tmp_path):
    for name, data in (("good.xlsx", hostile.good_xlsx()), ("good.ods", hostile.good_ods())):
        path = tmp_path / name
        path.write_bytes(data)
        table, rows = tabular.read_all(path)
        assert table.headers == list(hostile.HEADERS) and rows == [(2, ["14/03/2026", "yes"])]


@pytest.fixture
def world(db):
    return make_world()


def test_heard_import_refuses_a_hostile_file_with_a_plain_message(world, tmp_path):
    path = tmp_path / "zip-version.xlsx"
    path.write_bytes(hostile.wrong_version_zip(99))
    with pytest.raises(CommandError, match=r"^zip-version.xlsx: the file is damaged .* save it again"):
        call_command("import", str(path), project=world.project.slug, partner=world.partner.slug)


def test_an_uploaded_hostile_file_ends_with_its_problem_shown_not_checking(client, world, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(world.partner_user)
    path = tmp_path / "zip-version.xlsx"
    path.write_bytes(hostile.wrong_version_zip(99))
    with path.open("rb") as handle:
        response = client.post(f"/returns/{world.project.slug}/upload/", {"file": handle})
    assert response.status_code == 302
    record = ReturnUpload.objects.get()
    assert record.status == UploadStatus.PROBLEMS
    assert record.problems[0]["text"].startswith("zip-version.xlsx: the file is damaged or incomplete")
    page = client.get(f"/returns/uploads/{record.pk}/")
    assert page.status_code == 200 and b"save it again and send the new copy" in page.content


def test_the_web_process_never_reads_an_upload_it_hands_the_check_to_a_worker(
    client, world, tmp_path, settings, monkeypatch
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}

    def read_in_the_web_process(*args: object, **kwargs: object) -> None:
        raise AssertionError("the web process read the uploaded file")

    monkeypatch.setattr(tabular, "read_table", read_in_the_web_process)
    client.force_login(world.partner_user)
    path = tmp_path / "good.xlsx"
    path.write_bytes(hostile.good_xlsx())
    with path.open("rb") as handle:
        response = client.post(f"/returns/{world.project.slug}/upload/", {"file": handle})
    assert response.status_code == 302
    record = ReturnUpload.objects.get()
    assert record.status == UploadStatus.UPLOADED and record.is_running  # waiting for the worker
    from django_tasks import default_task_backend

    assert [r.args for r in default_task_backend.results] == [[record.pk]]  # type: ignore[attr-defined]


def test_the_problems_file_reopens_an_upload_through_the_same_checks(tmp_path):
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(hostile.zip_bomb(50))
    problems = [{"row": 2, "letter": "A", "text": "x"}]
    started = time.monotonic()
    with pytest.raises(tabular.TabularError, match=r"^bomb.xlsx: part of the file .* expands"):
        highlight.highlighted_copy(path, problems, (tmp_path / "out.xlsx").open("wb"), sheet=None)
    assert time.monotonic() - started < 5
