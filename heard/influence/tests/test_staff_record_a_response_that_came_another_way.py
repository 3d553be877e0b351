"""A commissioner who answers by e-mail, letter, phone or in a meeting still has their response tracked: host staff
record it on the recommendation's page on their behalf. It lands where a response through the link does (the
status, due and overdue, the timeline, the commissioner's own page, "you said, we did") and says who recorded it.
Partners and the steering group cannot record one; a date in the future or missing words are refused, saying what
to do, and nothing typed is lost."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from heard.accounts.models import Role
from heard.core.models import AuditEvent, AuditVerb
from heard.core.testing import make_organisation, make_project, make_user
from heard.influence import yousaid
from heard.influence.listing import overdue_q
from heard.influence.models import (
    Commitment,
    Recommendation,
    RecommendationStatus,
    Response,
    ResponseChannel,
    TimelineKind,
)
from heard.influence.testing import make_recommendation, token_from_last_email

pytestmark = pytest.mark.django_db

SENT = datetime.date(2026, 10, 1)  # long enough ago for its response to be overdue


@pytest.fixture
def partner():
    return make_organisation(name="Estate Voices")


@pytest.fixture
def rec(partner) -> Recommendation:
    return make_recommendation(project=make_project(partners=[partner]), sent_on=SENT, addressee_name="Dr Ayo Bello")


@pytest.fixture
def staff():
    return make_user(role=Role.HOST_STAFF, first_name="Tom", last_name="Reed")


def _form(**changes: str) -> dict[str, str]:
    form = {
        "decision": "partly_accepted",
        "reasons": "We will fund telephone interpreting this year, face to face next year.",
        "received_on": "2026-10-20",
        "channel": "email",
        "responder_name": "Dr Ayo Bello, Director of Primary Care",
        "action_1": "Fund telephone interpreting in every practice",
        "owner_1": "Head of Primary Care",
        "due_1": "2027-03-31",
    }
    form.update(changes)
    return form


def _record(client, rec, **changes):
    return client.post(reverse("influence:record-response", args=[rec.pk]), _form(**changes))


def test_a_sent_recommendation_offers_staff_a_way_to_record_a_response(client, rec, staff):
    client.force_login(staff)
    page = client.get(rec.get_absolute_url()).content.decode()
    assert f'href="{reverse("influence:record-response", args=[rec.pk])}">Record a response</a>' in page
    form = client.get(reverse("influence:record-response", args=[rec.pk])).content.decode()
    assert "Record a response" in form and 'value="Dr Ayo Bello"' in form  # who it came from, filled in


def test_an_e_mailed_response_recorded_by_staff_counts_like_one_through_the_link(client, rec, staff):
    assert Recommendation.objects.filter(overdue_q(), pk=rec.pk).exists()
    token = token_from_last_email()
    client.force_login(staff)
    page = _record(client, rec)
    assert page.status_code == 302 and page["Location"] == rec.get_absolute_url()

    rec.refresh_from_db()
    assert rec.status == RecommendationStatus.PARTLY_ACCEPTED and not rec.overdue
    assert not Recommendation.objects.filter(overdue_q(), pk=rec.pk).exists()
    response = Response.objects.get(recommendation=rec)
    assert response.channel == ResponseChannel.EMAIL and response.recorded_by == staff and response.link is None
    assert response.received_at.date() == datetime.date(2026, 10, 20)
    assert response.responder_name == "Dr Ayo Bello, Director of Primary Care"
    assert Commitment.objects.get(recommendation=rec).owner == "Head of Primary Care"

    responded = rec.timeline.get(kind=TimelineKind.RESPONDED)
    assert responded.actor == staff
    assert responded.summary.startswith(
        "Partly accepted by e-mail from Dr Ayo Bello, Director of Primary Care, received 20 October 2026 "
        "(recorded by staff on their behalf)"
    )
    assert rec.timeline.filter(kind=TimelineKind.COMMITTED).count() == 1
    event = AuditEvent.objects.get(verb=AuditVerb.RESPONDED)
    assert event.actor == staff and "recorded by staff" in event.summary and "by email" in event.summary

    shown = client.get(rec.get_absolute_url()).content.decode()
    assert "by Dr Ayo Bello, Director of Primary Care by e-mail. Recorded by Tom Reed on their behalf." in shown
    assert "Fund telephone interpreting in every practice" in shown
    assert "Record a response</a>" not in shown and "Record a later response</a>" in shown  # only a revised one

    client.logout()
    theirs = client.get(reverse("influence:respond", args=[token])).content.decode()
    assert "face to face next year" in theirs and "Report progress or evidence of change" in theirs
    assert "20 October 2026, by e-mail, recorded on your behalf" in theirs
    done = yousaid.build(rec.project).done[0]
    assert done.responses == [("partly_accepted", _form()["reasons"], datetime.date(2026, 10, 20))]


@pytest.mark.parametrize("how", ["letter", "meeting", "phone"])
def test_a_response_by_letter_in_a_meeting_or_by_phone_says_how_it_came(client, rec, staff, how):
    client.force_login(staff)
    _record(client, rec, channel=how, decision="declined", action_1="", owner_1="", due_1="")
    phrase = {"letter": "by letter", "meeting": "in a meeting", "phone": "by phone"}[how]
    assert rec.timeline.get(kind=TimelineKind.RESPONDED).summary.startswith(f"Declined {phrase} from Dr Ayo Bello")
    rec.refresh_from_db()
    assert rec.status == RecommendationStatus.DECLINED


@pytest.mark.parametrize(
    ("role", "own", "status"),
    [
        (Role.PARTNER_MEMBER, True, 403),
        (Role.PARTNER_MEMBER, False, 404),
        (Role.STEERING_MEMBER, False, 403),
    ],
)
def test_partners_and_the_steering_group_cannot_record_a_response(client, rec, partner, role, own, status):
    organisation = partner if own else make_organisation(name="Elsewhere") if role == Role.PARTNER_MEMBER else None
    client.force_login(make_user(role=role, organisation=organisation))
    assert client.get(reverse("influence:record-response", args=[rec.pk])).status_code == status
    assert _record(client, rec).status_code == status
    assert not Response.objects.exists()
    assert "Record a response</a>" not in client.get(rec.get_absolute_url()).content.decode()


def test_a_date_in_the_future_is_refused_saying_what_to_give_and_keeps_what_was_typed(client, rec, staff):
    client.force_login(staff)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    page = _record(client, rec, received_on=tomorrow.isoformat())
    text = page.content.decode()
    assert page.status_code == 200
    assert "The date it was received cannot be in the future: give the day it came" in text
    assert "face to face next year" in text and "Fund telephone interpreting in every practice" in text
    assert not Response.objects.exists()
    rec.refresh_from_db()
    assert rec.status == RecommendationStatus.SENT


def test_a_date_before_it_was_sent_is_refused(client, rec, staff):
    client.force_login(staff)
    text = _record(client, rec, received_on="2026-09-30").content.decode()
    assert "The recommendation was sent on 1 October 2026: give the day the response came" in text
    assert not Response.objects.exists()


def test_empty_words_say_what_to_enter_and_nothing_is_recorded(client, rec, staff):
    client.force_login(staff)
    text = _record(client, rec, reasons="   ", channel="").content.decode()
    assert text.count("Enter “Their words”.") == 2  # in the summary and beside the field
    assert "Choose “How it came”." in text
    assert "Dr Ayo Bello, Director of Primary Care" in text  # what was typed stays
    assert not Response.objects.exists()


def test_a_draft_says_why_it_takes_no_response(client, rec, staff):
    client.force_login(staff)
    draft = make_recommendation()
    page = client.get(reverse("influence:record-response", args=[draft.pk]), follow=True).content.decode()
    assert "Send the recommendation before recording a response." in page
    assert _record(client, draft).status_code == 302
    assert not Response.objects.exists()
