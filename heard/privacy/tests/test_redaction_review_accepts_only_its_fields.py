"""Redaction review changes only a resident's words fields of an answer that exists: any other field, span or
choice in the form is a 400 with a plain message (never a 500), and nothing is recorded."""

from __future__ import annotations

import pytest

from heard.accounts.models import Role
from heard.core.models import AuditEvent
from heard.core.testing import make_experience, make_organisation, make_project, make_question, make_user
from heard.engagement.models import Answer
from heard.privacy.models import RedactionDecision


@pytest.fixture
def answer(db):
    partner = make_organisation(name="Somali Welfare Trust")
    project = make_project(partners=[partner])
    question = make_question(project=project, code="story", kind="free_text")
    experience = make_experience(project=project, partner=partner)
    return Answer.objects.create(
        experience=experience, question=question, text="Dr Okafor told me to ring 07700 900123"
    )


@pytest.fixture
def staff(client, db):
    client.force_login(make_user(role=Role.HOST_STAFF))
    return client


def _post(client, answer, follow=False, **data):
    form = {"field": "text", "span": "0", "keep": "1", **data}
    return client.post(f"/privacy/answers/{answer.pk}/redaction/", form, follow=follow)


@pytest.mark.parametrize(
    "bad",
    [
        {"field": "experience"},
        {"field": "pk"},
        {"field": "question_id"},
        {"field": "__class__"},
        {"field": "english_text"},  # a words field this answer does not have
        {"field": ""},
        {"span": "-1"},
        {"span": "abc"},
        {"span": "9" * 40},
        {"keep": "maybe"},
    ],
)
def test_a_field_span_or_choice_it_may_not_change_is_a_plain_bad_request(staff, answer, bad):
    response = _post(staff, answer, **bad)
    assert response.status_code == 400
    assert "Something in the request was wrong" in response.content.decode()
    assert not RedactionDecision.objects.exists() and not AuditEvent.objects.exists()


def test_a_field_it_may_change_is_recorded_once(staff, answer):
    response = _post(staff, answer)
    assert response.status_code == 302
    decision = RedactionDecision.objects.get()
    assert (decision.field, decision.keep_visible) == ("text", True)
    assert AuditEvent.objects.count() == 1


def test_a_span_that_is_no_longer_there_sends_the_person_back_to_look_again(staff, answer):
    response = _post(staff, answer, span="99", follow=True)
    assert "That part of the text has changed" in response.content.decode()
    assert not RedactionDecision.objects.exists()


def test_an_answer_that_does_not_exist_is_not_found(staff, answer):
    assert staff.get(f"/privacy/answers/{answer.pk + 1000}/redaction/").status_code == 404
