"""A commissioner who changes their mind (a revised decision by e-mail, letter, phone or in a meeting) has it
tracked like their first response: host staff record the later response on the recommendation's page, the new
decision is where it stands, and the earlier response stays on the page, the timeline, the commissioner's own page
and "you said, we did". A later response dated before the last one is refused, saying what to give."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from heard.accounts.models import Role
from heard.core.models import AuditEvent, AuditVerb
from heard.core.testing import make_organisation, make_project, make_user
from heard.influence import actions, yousaid
from heard.influence.models import Commitment, Recommendation, RecommendationStatus, Response, TimelineKind
from heard.influence.testing import make_recommendation, token_from_last_email

pytestmark = pytest.mark.django_db

SENT = datetime.date(2026, 10, 1)


@pytest.fixture
def staff():
    return make_user(role=Role.HOST_STAFF, first_name="Tom", last_name="Reed")


@pytest.fixture
def rec(staff) -> Recommendation:
    partner = make_organisation(name="Estate Voices")
    rec = make_recommendation(project=make_project(partners=[partner]), sent_on=SENT, addressee_name="Dr Ayo Bello")
    actions.record_response(
        actor=staff,
        rec=rec,
        decision="declined",
        reasons="There is no money for interpreters this year.",
        received_on=datetime.date(2026, 10, 20),
        channel="email",
        name="Dr Ayo Bello",
    )
    return rec


def _later(client, rec, **changes: str):
    form = {
        "decision": "accepted",
        "reasons": "The winter fund pays for interpreters in every practice after all.",
        "received_on": "2026-11-20",
        "channel": "letter",
        "responder_name": "Dr Ayo Bello",
        "action_1": "Book interpreters for every practice",
        "owner_1": "Head of Primary Care",
        "due_1": "2027-01-31",
    }
    form.update(changes)
    return client.post(reverse("influence:record-response", args=[rec.pk]), form)


def test_an_answered_recommendation_offers_staff_a_way_to_record_a_later_response(client, rec, staff):
    client.force_login(staff)
    page = client.get(rec.get_absolute_url()).content.decode()
    assert f'href="{reverse("influence:record-response", args=[rec.pk])}">Record a later response</a>' in page
    form = client.get(reverse("influence:record-response", args=[rec.pk])).content.decode()
    assert '<h1 class="govuk-heading-l">Record a later response</h1>' in form
    assert "Their last response, 20 October 2026, was <strong>declined</strong>." in form


def test_a_revised_decision_is_where_it_stands_and_the_first_one_stays(client, rec, staff):
    token = token_from_last_email()
    client.force_login(staff)
    page = _later(client, rec)
    assert page.status_code == 302
    followed = client.get(page["Location"]).content.decode()
    assert "Later response recorded on Dr Ayo Bello&#x27;s behalf: the recommendation is now accepted." in followed

    rec.refresh_from_db()
    assert rec.status == RecommendationStatus.ACCEPTED
    assert [r.decision for r in Response.objects.filter(recommendation=rec)] == ["declined", "accepted"]
    assert Commitment.objects.get(recommendation=rec).action == "Book interpreters for every practice"
    responded = list(rec.timeline.filter(kind=TimelineKind.RESPONDED).values_list("summary", flat=True))
    assert len(responded) == 2
    assert responded[1].startswith(
        "Accepted by letter from Dr Ayo Bello, received 20 November 2026 (recorded by staff on their behalf), "
        "revising their response of 20 October 2026 (declined): The winter fund"
    )
    assert (
        "revised its response (accepted) by letter"
        in AuditEvent.objects.filter(verb=AuditVerb.RESPONDED).latest("pk").summary
    )
    assert "There is no money for interpreters" in followed and "The winter fund pays" in followed

    client.logout()
    theirs = client.get(reverse("influence:respond", args=[token])).content.decode()
    assert "There is no money for interpreters" in theirs and "The winter fund pays" in theirs
    done = yousaid.build(rec.project).done[0]
    assert [decision for decision, _reasons, _day in done.responses] == ["declined", "accepted"]
    assert done.status == "accepted"


def test_a_later_response_dated_before_the_last_one_is_refused_and_keeps_what_was_typed(client, rec, staff):
    client.force_login(staff)
    page = _later(client, rec, received_on="2026-10-19")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Their last response came on 20 October 2026: give the day this later one came, on or after that." in text
    assert "The winter fund pays" in text
    assert Response.objects.count() == 1
    rec.refresh_from_db()
    assert rec.status == RecommendationStatus.DECLINED
