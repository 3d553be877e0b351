"""A rating question says which end of its scale is which ("1 = not at all, 5 = very well"): staff give the words
when they write the question, and the record form (where the number is chosen), the question list and the
returns template (its column note) all say them."""

from __future__ import annotations

import openpyxl
import pytest

from heard.accounts.models import Role
from heard.core.testing import make_organisation, make_project, make_question, make_user
from heard.engagement.models import Question
from heard.returns.template import INSTRUCTIONS, write_template

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    return make_project(slug="gp-access", partners=[make_organisation(name="Somali Welfare Trust", slug="swt")])


def rating(project, **fields):
    fields.setdefault("code", "listened")
    return make_question(project=project, kind="rating", text="How well did staff listen to you?", **fields)


def test_staff_give_the_words_for_each_end_when_they_write_a_rating_question(client, project):
    client.force_login(make_user(role=Role.HOST_STAFF))
    form = client.get(f"/projects/{project.slug}/questions/new/").content.decode()
    assert "What the lowest number means" in form and "What the highest number means" in form
    response = client.post(
        f"/projects/{project.slug}/questions/new/",
        {
            "text": "How well did staff listen to you?",
            "code": "listened",
            "kind": "rating",
            "help_text": "",
            "choices": "",
            "scale_min": "1",
            "scale_max": "5",
            "scale_min_label": "not at all",
            "scale_max_label": "very well",
        },
    )
    assert response.status_code == 302
    question = Question.objects.get(code="listened")
    assert question.scale_words() == "1 = not at all, 5 = very well"
    listed = client.get(f"/projects/{project.slug}/questions/").content.decode()
    assert "1 = not at all, 5 = very well" in listed


def test_the_record_form_says_which_end_is_which_where_the_number_is_chosen(client, project):
    rating(project, scale_min_label="not at all", scale_max_label="very well")
    client.force_login(make_user(role=Role.HOST_STAFF))
    page = client.get(f"/projects/{project.slug}/records/new/").content.decode()
    hint = page[page.index('id="id_q_listened-hint"') :].split("</div>")[0]
    assert "1 = not at all, 5 = very well." in hint


def test_the_returns_template_says_which_end_is_which(project, tmp_path):
    rating(project, scale_min_label="not at all", scale_max_label="very well")
    path = tmp_path / "template.xlsx"
    write_template(project, project.project_partners.get().organisation, path)
    notes = [str(row[0].value) for row in openpyxl.load_workbook(path)[INSTRUCTIONS].iter_rows() if row[0].value]
    assert "How well did staff listen to you?: A number from 1 to 5: 1 = not at all, 5 = very well." in notes
    assert any("check which end of its scale is which" in note for note in notes)


def test_a_scale_without_words_says_only_its_numbers(project):
    assert rating(project).scale_words() == "1 to 5"
    assert rating(project, code="other", scale_max_label="excellent").scale_words() == "1, 5 = excellent"
