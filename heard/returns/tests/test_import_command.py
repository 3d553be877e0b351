from __future__ import annotations

import json

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from heard.core.models import AuditEvent, AuditVerb
from heard.engagement.models import Answer, Experience
from heard.returns.models import ColumnMapping
from heard.returns.tests.builders import GOOD_ROW, fill_template, make_world


@pytest.fixture
def world(db):
    return make_world()


def run(path, world, *extra, partner=None):
    args = [str(path), "--project", world.project.slug, "--partner", partner or world.partner.slug, *extra]
    call_command("import", *args)


def test_it_reports_plain_language_problems_and_writes_nothing(world, tmp_path):
    path = fill_template(world, tmp_path / "r.xlsx", [GOOD_ROW, {**GOOD_ROW, "age_band": "34"}])
    with pytest.raises(CommandError) as error:
        run(path, world)
    assert error.value.returncode == 1
    assert "Row 3, column 'Age band': '34' is not one of the choices; use '25-34'" in str(error.value)
    assert not Experience.objects.exists() and not AuditEvent.objects.exists()


def test_a_row_without_consent_to_store_is_refused(world, tmp_path):
    path = fill_template(world, tmp_path / "r.xlsx", [{**GOOD_ROW, "consent_store": "No"}])
    with pytest.raises(CommandError, match=r"Row 2.*cannot keep this row"):
        run(path, world)
    assert not Experience.objects.exists()


def test_dry_run_checks_but_writes_nothing(world, tmp_path, capsys):
    path = fill_template(world, tmp_path / "r.xlsx", [GOOD_ROW])
    run(path, world, "--dry-run", "--format", "json")
    summary = json.loads(capsys.readouterr().out)[0]
    assert summary["added"] == 1 and summary["dry_run"] is True
    assert not Experience.objects.exists()


def test_it_imports_in_one_audited_transaction(world, tmp_path):
    path = fill_template(world, tmp_path / "r.xlsx", [GOOD_ROW, GOOD_ROW, GOOD_ROW])
    run(path, world)
    assert Experience.objects.count() == 3  # identical rows are different residents
    events = AuditEvent.objects.filter(verb=AuditVerb.IMPORTED)
    assert events.count() == 1 and "3 added" in events.get().summary


def test_reimporting_a_resaved_file_adds_nothing(world, tmp_path, capsys):
    path = fill_template(world, tmp_path / "r.xlsx", [GOOD_ROW, {**GOOD_ROW, "age_band": "65+"}])
    run(path, world)
    book = openpyxl.load_workbook(path)
    book.save(path)  # re-saved: different bytes, same content
    run(path, world, "--format", "json")
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])[0]
    assert summary["added"] == 0 and summary["unchanged"] == 2
    assert Experience.objects.count() == 2


def test_a_revised_file_shows_and_applies_changes_and_removals(world, tmp_path, capsys):
    path = fill_template(
        world, tmp_path / "r.xlsx", [GOOD_ROW, {**GOOD_ROW, "sex": "Male"}, {**GOOD_ROW, "age_band": "65+"}]
    )
    run(path, world)
    capsys.readouterr()
    revised = fill_template(world, tmp_path / "r.xlsx", [GOOD_ROW, {**GOOD_ROW, "sex": "Male", "rating": 5}])
    run(revised, world, "--dry-run", "--format", "json")
    captured = capsys.readouterr()
    summary = json.loads(captured.out)[0]
    assert (summary["added"], summary["changed"], summary["removed"], summary["unchanged"]) == (0, 1, 1, 1)
    assert "Changed: row 3" in captured.err and "Removed: the row that was row 4" in captured.err
    assert Experience.objects.count() == 3
    run(revised, world)
    assert Experience.objects.count() == 2
    changed = Experience.objects.get(source_row=3)
    assert Answer.objects.get(experience=changed, question__code="rating").number == 5


def test_unmapped_columns_are_listed_not_ignored(world, tmp_path):
    path = tmp_path / "own.csv"
    path.write_text("Date,Age,Consent,Favourite colour\n14/03/2026,25-34,yes,blue\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        run(path, world)
    assert "'Age'" in str(error.value) and "'Favourite colour'" in str(error.value)
    assert not Experience.objects.exists()


def test_a_saved_mapping_imports_a_partners_own_spreadsheet(world, tmp_path):
    ColumnMapping.objects.create(
        name="google-forms",
        mapping={"Date": "collected_on", "Age": "age_band", "Consent": "consent_store", "Favourite colour": ""},
    )
    path = tmp_path / "own.csv"
    path.write_bytes("Date,Age,Consent,Favourite colour\n2026-03-14,25 to 34,y,bleu clair é\n".encode("cp1252"))
    run(path, world, "--mapping", "google-forms")
    record = Experience.objects.get()
    assert record.age_band == "25-34" and record.consent_store and record.source_file == "own.csv"


def test_a_partner_outside_the_project_is_refused(world, tmp_path):
    path = fill_template(world, tmp_path / "r.xlsx", [GOOD_ROW])
    with pytest.raises(CommandError, match="not a partner"):
        run(path, world, partner="nobody")
