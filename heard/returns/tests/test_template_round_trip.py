from __future__ import annotations

import openpyxl
import pytest

from heard.engagement.models import Activity, Answer, Experience
from heard.returns.importer import commit, plan_import
from heard.returns.template import write_template
from heard.returns.tests.builders import GOOD_ROW, fill_template, make_world


@pytest.fixture
def world(db):
    return make_world()


def test_it_writes_instructions_residents_activity_and_hidden_lists(world, tmp_path):
    path = tmp_path / "return.xlsx"
    write_template(world.project, world.partner, path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Instructions", "Residents", "Activity", "Lists"]
    assert book["Lists"].sheet_state == "hidden"
    headers = [c.value for c in book["Residents"][1]]
    assert "Age band [age_band]" in headers
    assert "English translation (story) [story.en]" in headers
    assert "Which services have you used?: Pharmacy [services:pharmacy]" in headers
    ethnic = book["Residents"].data_validations.dataValidation
    sources = [v.formula1 for v in ethnic]
    assert any("Lists" in (s or "") for s in sources)
    assert "cannot keep" in " ".join(str(c.value) for c in book["Instructions"]["A"])


def test_a_filled_template_imports_with_provenance(world, tmp_path):
    path = fill_template(world, tmp_path / "swt-return.xlsx", [GOOD_ROW, {**GOOD_ROW, "age_band": "35 to 49"}])
    plan = plan_import(path, project=world.project, partner=world.partner)
    assert plan.ok, [str(p) for p in plan.problems]
    assert len(plan.additions) == 2 and len(plan.new_activities) == 1
    commit(plan, actor=world.partner_user)
    experiences = Experience.objects.order_by("source_row")
    assert [e.source_row for e in experiences] == [2, 3]
    first = experiences[0]
    assert first.source_file == "swt-return.xlsx" and first.source_sheet == "Residents"
    assert first.partner == world.partner and first.community == world.community
    assert first.activity == Activity.objects.get(title="Coffee morning")
    assert first.age_band == "25-34" and experiences[1].age_band == "35-49"
    assert first.ethnic_group == "black_african" and first.postcode == "N1 9AR" and first.consent_store
    assert first.lad_code == "E09000019" and first.ward_code  # placed from the postcode (shipped data)
    story = Answer.objects.get(experience=first, question__code="story")
    assert story.text == "Waxaan sugay saddex toddobaad" and story.english_text == "I waited three weeks"
    assert story.translated_by == "Amina (SWT)" and story.language == "so"
    services = Answer.objects.get(experience=first, question__code="services")
    assert services.choices == ["gp", "pharmacy"]
    assert Answer.objects.get(experience=first, question__code="rating").number == 2


def test_the_orm_path_for_other_databases_writes_the_same_rows(world, tmp_path, monkeypatch):
    from django.db import connection

    path = fill_template(world, tmp_path / "swt-return.xlsx", [GOOD_ROW])
    plan = plan_import(path, project=world.project, partner=world.partner)
    monkeypatch.setattr(connection, "vendor", "postgresql")
    commit(plan, actor=world.partner_user)
    monkeypatch.undo()
    record = Experience.objects.get()
    assert record.source_row == 2 and record.created_by == world.partner_user
    assert Answer.objects.filter(experience=record).count() == 4
