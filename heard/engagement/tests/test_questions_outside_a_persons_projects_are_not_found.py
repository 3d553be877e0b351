"""A project's questions are fetched through `engagement.access.get_question_for_user`: a question of a project
the person cannot see is "not found", whatever they may do elsewhere; one no longer asked cannot be changed."""

from __future__ import annotations

import pytest

from heard.accounts.models import Role
from heard.core.testing import make_organisation, make_project, make_question, make_user


@pytest.fixture
def question(db):
    partner = make_organisation(name="Somali Welfare Trust")
    return make_question(project=make_project(partners=[partner]), text="Asked")


def test_a_partner_outside_the_project_finds_no_question_at_all(client, question):
    client.force_login(make_user(role=Role.PARTNER_MEMBER, organisation=make_organisation()))
    assert client.get(f"/questions/{question.pk}/edit/").status_code == 404
    assert client.post(f"/questions/{question.pk}/retire/").status_code == 404


def test_staff_get_not_found_for_a_question_no_longer_asked_or_missing(client, question):
    question.is_active = False
    question.save()
    client.force_login(make_user(role=Role.HOST_STAFF))
    assert client.get(f"/questions/{question.pk}/edit/").status_code == 404
    assert client.post(f"/questions/{question.pk}/retire/").status_code == 404
    assert client.get(f"/questions/{question.pk + 1000}/edit/").status_code == 404


def test_steering_members_see_the_project_but_cannot_change_its_questions(client, question):
    client.force_login(make_user(role=Role.STEERING_MEMBER))
    assert client.get(f"/questions/{question.pk}/edit/").status_code == 403
    assert client.post(f"/questions/{question.pk}/retire/").status_code == 403
    question.refresh_from_db()
    assert question.is_active
