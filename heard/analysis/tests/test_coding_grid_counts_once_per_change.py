"""The coding grid's count of answers ("More than 1,000 answers") is counted once per change to the project's data
and kept in the shared cache (a number, no residents' words), per person's answers and filters: a page turn, a
reload or a second coder reads it, and any write that changes it shows at once (heard.engagement.generation)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from heard.accounts.models import Role
from heard.analysis import actions
from heard.analysis.models import Theme
from heard.core.testing import make_experience, make_organisation, make_project, make_question, make_user
from heard.engagement.models import Answer


@pytest.fixture
def grid(db):
    ours, theirs = make_organisation(name="Ours"), make_organisation(name="Theirs")
    project = make_project(partners=[ours, theirs])
    story = make_question(project=project, code="story")
    answers = []
    for n in range(7):
        record = make_experience(project=project, partner=ours if n < 4 else theirs)
        answers.append(Answer.objects.create(experience=record, question=story, text=f"Waited {n} weeks for a GP"))
    staff, partner = make_user(role=Role.HOST_STAFF), make_user(role=Role.PARTNER_MEMBER, organisation=ours)
    clients = {}
    for name, user in (("staff", staff), ("partner", partner)):
        clients[name] = Client()
        clients[name].force_login(user)
    return {"project": project, "answers": answers, "staff": staff, "clients": clients}


def count(client: Client, project, **filters: str) -> int:
    page = client.get(reverse("analysis:coding-grid", args=[project.slug]), filters)
    assert page.status_code == 200
    return int(page.context["page"].count)


def test_a_second_look_at_the_grid_does_not_count_the_answers_again(grid):
    staff = grid["clients"]["staff"]
    assert count(staff, grid["project"]) == 7
    with CaptureQueriesContext(connection) as captured:
        assert count(staff, grid["project"]) == 7
    assert not [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]


def test_coding_an_answer_changes_the_uncoded_count_at_once(grid):
    staff, project = grid["clients"]["staff"], grid["project"]
    assert count(staff, project, status="uncoded") == 7
    theme = Theme.objects.for_project(project.pk).first() or Theme.objects.create(name="Access")
    actions.code_answer(actor=grid["staff"], answer=grid["answers"][0], theme=theme, applied=True)
    assert count(staff, project, status="uncoded") == 6
    assert count(staff, project) == 7


def test_a_partner_gets_the_count_of_their_own_residents_answers_never_host_staffs(grid):
    project = grid["project"]
    assert count(grid["clients"]["staff"], project) == 7  # and cached
    assert count(grid["clients"]["partner"], project) == 4
    assert count(grid["clients"]["staff"], project, q="Waited 1") == 1
    assert count(grid["clients"]["partner"], project, q="Waited 6") == 0  # theirs, not the partner's
