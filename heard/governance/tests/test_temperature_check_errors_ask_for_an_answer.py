"""A temperature check sent with a question left unanswered asks for an answer to that question, without the
"?”." the generic message made of a question ('Choose “Are we adding value?”.', found walking a steering member's
link on a phone); labels that are not questions keep "Choose “…”."."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from heard.governance import pulse_actions
from heard.governance.models import SteeringMember

pytestmark = pytest.mark.django_db


def test_an_unanswered_question_asks_for_an_answer(client):
    member = SteeringMember.objects.create(name="Ada Obi", email="ada@example.org")
    today = datetime.date(2026, 12, 1)
    pulse_round = pulse_actions.open_round(
        actor=None, title="Spring check", opens_on=today, closes_on=today + datetime.timedelta(days=3650)
    )
    token = pulse_actions.send_links(actor=None, pulse_round=pulse_round, today=today)[member.pk]
    page = client.post(reverse("governance:answer-by-link", args=[token]), {"direction": "4"}).content.decode()
    assert "Answer “Are we adding value?”" in page
    assert "?”." not in page
    assert "Choose “Are we heading in the right direction?”" not in page  # answered: no error for it
