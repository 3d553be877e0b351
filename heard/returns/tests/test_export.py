from __future__ import annotations

import csv
import json

import openpyxl
import pytest
from django.core.management import call_command

from heard.core.testing import make_experience
from heard.engagement.models import Answer
from heard.returns.tests.builders import make_world


@pytest.fixture
def world(db):
    world = make_world()
    record = make_experience(project=world.project, partner=world.partner, age_band="25-34")
    Answer.objects.create(experience=record, question=world.questions["story"], text='=HYPERLINK("http://x")')
    Answer.objects.create(experience=record, question=world.questions["services"], choices=["pharmacy"])
    Answer.objects.create(experience=record, question=world.questions["booked"], text="online")
    other = make_experience(project=world.project, partner=world.other_partner)
    Answer.objects.create(experience=other, question=world.questions["story"], text="x" * 40_000)
    return world


def test_csv_has_one_row_per_record_and_one_column_per_option(world, tmp_path):
    path = tmp_path / "out.csv"
    call_command("export", "--project", world.project.slug, "--format", "csv", "--output", str(path))
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert len(rows) == 2
    first = rows[0]
    assert first["Which services have you used?: Pharmacy"] == "1"
    assert first["Which services have you used?: GP"] == "0"
    assert first["How did you book?"] == "Online"
    assert first["Age band"] == "Aged 25 to 34 years"


def test_cells_that_start_like_formulas_are_neutralised(world, tmp_path):
    path = tmp_path / "out.xlsx"
    call_command(
        "export",
        "--project",
        world.project.slug,
        "--format",
        "xlsx",
        "--output",
        str(path),
        "--partner",
        world.partner.slug,
    )
    sheet = openpyxl.load_workbook(path)["Residents"]
    headers = [c.value for c in sheet[1]]
    story = sheet.cell(row=2, column=headers.index("Tell us about seeing a GP") + 1)
    assert story.data_type == "s" and story.value == '\'=HYPERLINK("http://x")'
    assert sheet.max_row == 2  # only that partner's record
    assert sheet.auto_filter.ref


def test_json_keeps_long_answers_whole(world, tmp_path):
    path = tmp_path / "out.json"
    call_command("export", "--project", world.project.slug, "--format", "json", "--output", str(path))
    records = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(records, list) and len(records[1]["story"]) == 40_000
    assert records[0]["services__pharmacy"] == 1


def test_labels_follow_the_chosen_language(world, tmp_path):
    question = world.questions["booked"]
    question.translations = {"so": {"text": "Sidee u ballansatay?", "choices": {"online": "Khadka tooska ah"}}}
    question.save()
    path = tmp_path / "out.csv"
    call_command(
        "export", "--project", world.project.slug, "--format", "csv", "--output", str(path), "--language", "so"
    )
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert rows[0]["Sidee u ballansatay?"] == "Khadka tooska ah"


def test_no_project_question_can_take_a_standard_columns_code(db):
    from heard.core.testing import make_organisation, make_project
    from heard.engagement.forms import RESERVED_CODES
    from heard.returns.columns import return_columns
    from heard.returns.exporting import export_columns

    partner = make_organisation()
    project = make_project(partners=[partner])  # no questions of its own: only standard columns
    standard = {c.key for c in export_columns(project)} | {c.code for c in return_columns(project, partner)}
    assert standard - RESERVED_CODES == set()
