from __future__ import annotations

import pytest

from heard.core.models import AuditEvent
from heard.engagement.models import Answer, Experience
from heard.lib import tabular
from heard.lib.sheetcheck import Limits
from heard.returns import importer, planning, writing
from heard.returns.importer import import_file
from heard.returns.models import ImportedRow, ReturnUpload
from heard.returns.tests.builders import GOOD_ROW, fill_template, make_world


@pytest.fixture
def world(db, monkeypatch):
    monkeypatch.setattr(writing, "INSERT_BATCH", 2)  # several insert batches
    return make_world()


def test_rows_inserted_in_batches_are_counted_as_added_once(world, tmp_path):
    rows = [{**GOOD_ROW, "rating": n % 5 + 1, "postcode": "N7 6PA"} for n in range(7)]
    path = fill_template(world, tmp_path / "r.xlsx", rows)
    plan, upload = import_file(path, project=world.project, partner=world.partner, actor=None)
    assert upload is not None and plan.summary()["added"] == 7 and plan.summary()["unchanged"] == 0
    assert Experience.objects.count() == 7 == ImportedRow.objects.count()
    again, _ = import_file(path, project=world.project, partner=world.partner, actor=None)
    assert again.summary()["added"] == 0 and again.summary()["unchanged"] == 7
    assert Experience.objects.count() == 7


def test_a_problem_in_the_last_row_writes_nothing(world, tmp_path):
    rows = [GOOD_ROW] * 6 + [{**GOOD_ROW, "age_band": "34"}]
    path = fill_template(world, tmp_path / "r.xlsx", rows)
    plan, upload = import_file(path, project=world.project, partner=world.partner, actor=None)
    assert upload is None and not plan.ok
    assert not Experience.objects.exists() and not ImportedRow.objects.exists() and not AuditEvent.objects.exists()


@pytest.fixture
def small_chunks(monkeypatch):
    """Rows are read two at a time."""
    monkeypatch.setattr(planning, "CHUNK", 2)


def test_a_failure_while_writing_leaves_nothing(world, tmp_path, small_chunks, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(writing.SqliteWriter, "write", fail)
    monkeypatch.setattr(writing, "insert_orm", fail)
    path = fill_template(world, tmp_path / "r.xlsx", [GOOD_ROW] * 5)
    with pytest.raises(RuntimeError, match="disk full"):
        import_file(path, project=world.project, partner=world.partner, actor=None)
    assert not Experience.objects.exists() and not ImportedRow.objects.exists()


def test_a_file_that_no_longer_says_what_the_preview_said_writes_nothing(world, tmp_path, small_chunks):
    path = fill_template(world, tmp_path / "r.xlsx", [GOOD_ROW] * 5)
    plan, upload = import_file(
        path, project=world.project, partner=world.partner, actor=None, expect={"added": 4, "changed": 0}
    )
    assert upload is None and plan.summary()["added"] == 5
    assert not Experience.objects.exists() and not ImportedRow.objects.exists()


def test_an_import_checked_while_another_added_the_same_rows_writes_nothing(world, tmp_path):
    path = fill_template(world, tmp_path / "r.xlsx", [{**GOOD_ROW, "rating": n % 5 + 1} for n in range(3)])
    first = importer.plan_import(path, project=world.project, partner=world.partner)
    second = importer.plan_import(path, project=world.project, partner=world.partner)
    importer.commit(first, actor=None)
    with pytest.raises(importer.ImportRefused, match=r"changed while r\.xlsx was being checked"):
        importer.commit(second, actor=None)
    assert Experience.objects.count() == 3 == ImportedRow.objects.count()


def test_a_chosen_answer_is_in_no_language(world, tmp_path):
    path = fill_template(world, tmp_path / "r.xlsx", [{**GOOD_ROW, "booked": "Online"}])
    import_file(path, project=world.project, partner=world.partner, actor=None)
    booked = Answer.objects.get(question__code="booked")
    assert booked.text == "online" and booked.language == "" and not booked.language_detected
    story = Answer.objects.get(question__code="story")
    assert story.language == "so"


def test_a_preview_keeps_only_row_numbers_and_hashes_but_says_the_same(world, tmp_path):
    rows = [{**GOOD_ROW, "rating": n % 5 + 1} for n in range(4)]
    path = fill_template(world, tmp_path / "r.xlsx", rows)
    full = importer.plan_import(path, project=world.project, partner=world.partner)
    preview = importer.plan_import(path, project=world.project, partner=world.partner, keep_records=False)
    assert preview.summary() == full.summary()
    assert [(r.row, r.hash) for r in preview.additions] == [(r.row, r.hash) for r in full.additions]
    assert all(not r.answers and not r.fields for r in preview.additions)
    with pytest.raises(ValueError, match="plan again"):
        importer.commit(preview, actor=None)
    assert not Experience.objects.exists()


def test_a_file_found_too_long_after_rows_were_written_leaves_nothing(
    world, tmp_path, small_chunks, settings, monkeypatch
):
    settings.HEARD_IMPORT_MAX_ROWS = 6
    # The checks before reading would refuse the file's 44-row Instructions sheet: let the rows reach the writer.
    monkeypatch.setattr(tabular, "limits", lambda: Limits())
    path = fill_template(world, tmp_path / "r.xlsx", [{**GOOD_ROW, "rating": n % 5 + 1} for n in range(7)])
    with pytest.raises(importer.ImportRefused, match="more than 6 rows"):
        import_file(path, project=world.project, partner=world.partner, actor=None)
    assert not Experience.objects.exists() and not ImportedRow.objects.exists() and not ReturnUpload.objects.exists()
