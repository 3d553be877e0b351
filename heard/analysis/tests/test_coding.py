"""People decide: the coding grid's accept, reject and recode, who may code what, and the audit trail."""

from __future__ import annotations

import pytest

from heard.accounts.models import Role
from heard.analysis import actions
from heard.analysis.models import AnswerSentiment, Code, Suggestion, Theme
from heard.core.models import AuditEvent, AuditVerb
from heard.core.testing import (
    make_community,
    make_experience,
    make_organisation,
    make_project,
    make_question,
    make_user,
)
from heard.engagement.models import Answer


@pytest.fixture
def world(db):
    ours, theirs = make_organisation(name="Ours"), make_organisation(name="Theirs")
    community = make_community(name="Somali-speaking residents")
    project = make_project(partners=[ours, theirs], communities=[community])
    story = make_question(project=project, code="story")
    our_record = make_experience(project=project, partner=ours, community=community, consent_quote=True)
    their_record = make_experience(project=project, partner=theirs)
    our_answer = Answer.objects.create(
        experience=our_record, question=story, text="Waited four hours in A&E and nobody told us anything"
    )
    their_answer = Answer.objects.create(
        experience=their_record, question=story, text="The nurse was kind and the food was lovely"
    )
    actions.suggest_themes([our_record.pk, their_record.pk])
    return {
        "project": project,
        "ours": ours,
        "our_answer": our_answer,
        "their_answer": their_answer,
        "staff": make_user(role=Role.HOST_STAFF),
        "partner": make_user(role=Role.PARTNER_MEMBER, organisation=ours),
    }


def test_every_free_text_answer_gets_suggestions_and_a_sentiment(world):
    assert Theme.objects.national().filter(kind="theme").count() == 32
    assert Suggestion.objects.filter(answer=world["our_answer"]).exists()
    sentiment = AnswerSentiment.objects.get(answer=world["our_answer"])
    assert sentiment.suggested in {1, 2, 3, 4, 5}


def test_saving_answers_queues_suggestions(client, world, django_capture_on_commit_callbacks):
    client.force_login(world["staff"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/projects/{world['project'].slug}/records/new/",
            {
                "partner": world["ours"].pk,
                "collected_on": "2026-03-02",
                "consent_store": "on",
                "consent_method": "verbal",
                "q_story": "Could not get a GP appointment for three weeks",
            },
        )
    answer = Answer.objects.latest("pk")
    assert Suggestion.objects.filter(answer=answer).exists()


def test_host_staff_accept_reject_and_recode_in_the_grid(client, world):
    client.force_login(world["staff"])
    answer = world["our_answer"]
    page = client.get(f"/analysis/projects/{world['project'].slug}/coding/").content.decode()
    assert "Waited four hours" in page and "The nurse was kind" in page

    response = client.post(f"/analysis/answers/{answer.pk}/accept/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert f'id="answer-{answer.pk}"' in response.content.decode()
    accepted = set(Code.objects.filter(answer=answer, applied=True).values_list("theme_id", flat=True))
    assert accepted == set(Suggestion.objects.filter(answer=answer).values_list("theme_id", flat=True))

    first = Theme.objects.get(pk=next(iter(accepted)))
    client.post(f"/analysis/answers/{answer.pk}/code/", {"theme": first.pk, "applied": "0"}, HTTP_HX_REQUEST="true")
    other = Theme.objects.get(name="Being kept informed, clarity & consistency of information")
    client.post(f"/analysis/answers/{answer.pk}/code/", {"theme": other.pk, "applied": "1"}, HTTP_HX_REQUEST="true")
    effective = actions.effective_themes([answer.pk])[answer.pk]
    assert first.pk not in effective and other.pk in effective
    assert AuditEvent.objects.filter(verb=AuditVerb.DECIDED, actor=world["staff"]).count() >= 3

    client.post(f"/analysis/answers/{answer.pk}/sentiment/", {"score": "5"})
    assert AnswerSentiment.objects.get(answer=answer).score == 5


def test_partners_code_only_their_own_residents_words(client, world):
    client.force_login(world["partner"])
    page = client.get(f"/analysis/projects/{world['project'].slug}/coding/").content.decode()
    assert "Waited four hours" in page
    assert "The nurse was kind" not in page
    theme = Theme.objects.get(name="Staff manner & personal attributes")
    response = client.post(f"/analysis/answers/{world['their_answer'].pk}/code/", {"theme": theme.pk})
    assert response.status_code == 404
    assert not Code.objects.filter(answer=world["their_answer"]).exists()


def test_steering_members_see_theme_tables_but_not_the_grid(client, world):
    client.force_login(make_user(role=Role.STEERING_MEMBER))
    assert client.get(f"/analysis/projects/{world['project'].slug}/coding/").status_code == 403
    assert client.get(f"/analysis/projects/{world['project'].slug}/themes/?suggested=1").status_code == 200
