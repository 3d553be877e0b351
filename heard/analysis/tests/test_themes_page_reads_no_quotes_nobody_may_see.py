"""A steering member may quote only residents whose partner's data-sharing agreement lets the host share their
words: while no partner's does, the themes page reads no answer as a quote candidate at all (at 1,000,000 records
it used to walk ever larger batches of every theme's answers, 45 ms of PostgreSQL and 50 ms of Python a count)."""

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


@pytest.mark.django_db
def test_a_steering_member_with_no_partner_sharing_words_costs_no_quote_search():
    partner = make_organisation(name="Ours")
    project = make_project(partners=[partner])
    story = make_question(project=project, code="story")
    staff = make_user(role=Role.HOST_STAFF)
    theme = Theme.objects.for_project(project.pk).first() or Theme.objects.create(name="Access")
    for n in range(12):
        record = make_experience(project=project, partner=partner, consent_store=True, consent_quote=True)
        answer = Answer.objects.create(experience=record, question=story, text=f"Waited {n} weeks for a GP")
        actions.code_answer(actor=staff, answer=answer, theme=theme, applied=True)
    steering = Client()
    steering.force_login(make_user(role=Role.STEERING_MEMBER))
    with CaptureQueriesContext(connection) as captured:
        page = steering.get(reverse("analysis:theme-table", args=[project.slug]))
    assert page.status_code == 200
    assert [row.total.text for row in page.context["rows"]] == ["10"], "the theme was not counted"
    assert not page.context["quotes"]
    candidates = [q["sql"] for q in captured.captured_queries if "ORDER BY t.answer_id LIMIT" in q["sql"]]
    assert not candidates, "the page searched for quotes nobody may read"
