"""A query parameter or form field that is not what a page expects is ignored (or "not found"), never a server
error: the cases the role x page matrix found, kept as quick tests."""

from __future__ import annotations

import pytest
from django.test import Client

from heard.accounts.models import Role
from heard.analysis.models import Code
from heard.core.params import as_id
from heard.core.testing import make_activity, make_experience, make_organisation, make_project, make_question, make_user
from heard.engagement.models import Answer, EntryLink

HUGE = "9" * 30


@pytest.fixture
def world(db):
    ours, theirs = make_organisation(name="Ours"), make_organisation(name="Theirs")
    project = make_project(partners=[ours, theirs])
    question = make_question(project=project, code="story", kind="free_text")
    record = make_experience(project=project, partner=ours)
    answer = Answer.objects.create(experience=record, question=question, text="Call me on 020 7946 0000")
    staff = Client(raise_request_exception=False)
    staff.force_login(make_user(role=Role.HOST_STAFF))
    return {
        "project": project,
        "ours": ours,
        "answer": answer,
        "their_activity": make_activity(project=project, partner=theirs),
        "staff": staff,
        "partner": make_user(role=Role.PARTNER_MEMBER, organisation=ours),
    }


@pytest.mark.parametrize("value", ["abc", "-1", HUGE, "²", "1.5", ""])
def test_the_new_record_page_ignores_an_activity_that_is_not_an_id(world, value):
    response = world["staff"].get(f"/projects/{world['project'].slug}/records/new/", {"activity": value})
    assert response.status_code == 200


def test_the_new_record_page_does_not_find_another_partners_activity(client, world):
    client.force_login(world["partner"])
    response = client.get(f"/projects/{world['project'].slug}/records/new/", {"activity": world["their_activity"].pk})
    assert response.status_code == 404


@pytest.mark.parametrize("value", [HUGE, "²", "-1", "abc"])
def test_the_coding_grid_ignores_a_theme_that_is_not_an_id(world, value):
    response = world["staff"].get(f"/analysis/projects/{world['project'].slug}/coding/", {"theme": value})
    assert response.status_code == 200


def test_coding_with_a_theme_that_is_not_an_id_codes_nothing(world):
    response = world["staff"].post(f"/analysis/answers/{world['answer'].pk}/code/", {"theme": HUGE}, follow=True)
    assert response.status_code == 200  # back to the grid, which says what to do
    assert "choose one from the list" in response.content.decode()
    row = world["staff"].post(f"/analysis/answers/{world['answer'].pk}/code/", {"theme": HUGE}, HTTP_HX_REQUEST="true")
    assert row.status_code == 200 and "choose one from the list" in row.content.decode()  # the row says it in place
    assert not Code.objects.exists()


def test_making_a_link_for_a_partner_that_is_not_an_id_asks_for_one(world):
    response = world["staff"].post(
        f"/projects/{world['project'].slug}/links/", {"partner": "junk", "community": "junk"}, follow=True
    )
    assert response.status_code == 200
    assert "Choose the partner whose residents will use the link." in response.content.decode()
    assert not EntryLink.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"field": "experience_id", "span": "0", "keep": "1"},
        {"field": "text", "span": "-1", "keep": "1"},
        {"field": "text", "span": "²", "keep": "1"},
    ],
)
def test_redaction_review_takes_only_the_answers_own_texts_and_parts(world, data):
    response = world["staff"].post(f"/privacy/answers/{world['answer'].pk}/redaction/", data)
    assert response.status_code == 400
    assert not world["answer"].redaction_decisions.exists()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", 1),
        ("42", 42),
        (str(2**63 - 1), 2**63 - 1),
        (str(2**63), None),
        ("0", None),
        ("-1", None),
        ("abc", None),
        ("²", None),
        ("1.5", None),
        ("", None),
        (None, None),
        (HUGE, None),
        (" 1", None),
    ],
)
def test_an_id_is_plain_digits_that_fit_a_database_id(value, expected):
    assert as_id(value) == expected
