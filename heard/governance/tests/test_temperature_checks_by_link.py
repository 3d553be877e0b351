"""Members without an account answer a temperature check through a personal, single-use link sent by e-mail,
without signing in; reminders go only to those whose link is unused. (Anonymity of the link path is tested with
the rest in test_temperature_checks_are_anonymous.py.)"""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail

from heard.governance import pulse, pulse_actions
from heard.governance.models import PulseAnswer, PulseLink, SteeringMember
from heard.governance.models.pulse import hash_token

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 2)
ANSWERS = {"direction": "4", "value": "3", "focus": "5", "honesty": "2", "comment": ""}


def residents(n: int) -> list[SteeringMember]:
    return [
        SteeringMember.objects.create(name=f"Resident{i}", kind="resident", email=f"r{i}@example.org") for i in range(n)
    ]


def a_round():
    return pulse_actions.open_round(
        actor=None, title="Spring check", opens_on=datetime.date(2026, 3, 1), closes_on=datetime.date(2026, 3, 14)
    )


def link_in(message) -> str:
    found = re.search(r"/temperature-check/([\w-]+)/", message.body)
    assert found, message.body
    return found.group(1)


def test_each_member_gets_their_own_link_by_email_and_only_its_hash_is_kept():
    people = residents(3)
    pulse_round = a_round()
    tokens = pulse_actions.send_links(actor=None, pulse_round=pulse_round, today=TODAY)
    assert len(mail.outbox) == 3 and all(len(m.to) == 1 and not m.cc and not m.bcc for m in mail.outbox)
    by_address = {m.to[0]: link_in(m) for m in mail.outbox}
    assert by_address == {p.email: tokens[p.pk] for p in people}
    assert len(set(by_address.values())) == 3
    stored = set(PulseLink.objects.values_list("token_hash", flat=True))
    assert stored == {hash_token(t) for t in tokens.values()} and not stored & set(tokens.values())
    # Sending again sends nobody a second link.
    assert pulse_actions.send_links(actor=None, pulse_round=pulse_round, today=TODAY) == {}
    assert len(mail.outbox) == 3


def test_a_member_whose_term_has_ended_gets_no_link():
    current, ended = residents(2)
    ended.term_ends_on = datetime.date(2026, 1, 31)
    ended.save()
    pulse_actions.send_links(actor=None, pulse_round=a_round(), today=TODAY)
    assert [m.to[0] for m in mail.outbox] == [current.email]


def test_the_link_answers_without_signing_in_and_only_once(client):
    residents(1)
    pulse_round = a_round()
    (token,) = pulse_actions.send_links(actor=None, pulse_round=pulse_round, today=TODAY).values()
    page = client.get(f"/temperature-check/{token}/")
    assert page.status_code == 200 and "Send my answers" in page.content.decode()
    assert client.post(f"/temperature-check/{token}/", ANSWERS).status_code == 302
    assert PulseAnswer.objects.filter(round=pulse_round).count() == 1
    again = client.get(f"/temperature-check/{token}/").content.decode()
    assert "This link has been used" in again and "Send my answers" not in again
    client.post(f"/temperature-check/{token}/", ANSWERS)
    assert PulseAnswer.objects.filter(round=pulse_round).count() == 1
    with pytest.raises(pulse_actions.CannotAnswer):
        pulse_actions.answer_by_link(token=token, scores=dict.fromkeys(pulse_actions.ANSWER_FIELDS, 3))


def test_an_unknown_link_is_not_found_and_a_closed_round_cannot_be_answered(client):
    residents(1)
    pulse_round = a_round()
    (token,) = pulse_actions.send_links(actor=None, pulse_round=pulse_round, today=TODAY).values()
    assert client.get("/temperature-check/not-a-real-token/").status_code == 404
    pulse_actions.close_round(actor=None, pulse_round=pulse_round)
    assert "has closed" in client.get(f"/temperature-check/{token}/").content.decode()
    client.post(f"/temperature-check/{token}/", ANSWERS)
    assert not PulseAnswer.objects.exists()


def test_a_missing_answer_is_asked_for_again_and_nothing_is_kept(client):
    residents(1)
    (token,) = pulse_actions.send_links(actor=None, pulse_round=a_round(), today=TODAY).values()
    page = client.post(f"/temperature-check/{token}/", {**ANSWERS, "focus": ""})
    assert page.status_code == 200 and "There is a problem" in page.content.decode()
    assert not PulseAnswer.objects.exists() and not PulseLink.objects.filter(used=True).exists()


def test_reminders_go_only_to_members_whose_link_is_unused_with_a_new_link():
    people = residents(3)
    pulse_round = a_round()
    tokens = pulse_actions.send_links(actor=None, pulse_round=pulse_round, today=TODAY)
    pulse_actions.answer_by_link(token=tokens[people[0].pk], scores=dict.fromkeys(pulse_actions.ANSWER_FIELDS, 3))
    mail.outbox.clear()
    assert pulse_actions.remind_round(actor=None, pulse_round=pulse_round, today=TODAY) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["r1@example.org", "r2@example.org"]
    assert not any("Resident0" in m.body for m in mail.outbox)
    fresh = {m.to[0]: link_in(m) for m in mail.outbox}
    # The old link stops working; the new one answers.
    with pytest.raises(pulse_actions.CannotAnswer):
        pulse_actions.answer_by_link(token=tokens[people[1].pk], scores=dict.fromkeys(pulse_actions.ANSWER_FIELDS, 3))
    pulse_actions.answer_by_link(token=fresh["r1@example.org"], scores=dict.fromkeys(pulse_actions.ANSWER_FIELDS, 4))
    assert PulseAnswer.objects.filter(round=pulse_round).count() == 2


def test_answers_by_link_and_in_heard_count_together_in_the_results():
    people = residents(5)
    pulse_round = a_round()
    tokens = pulse_actions.send_links(actor=None, pulse_round=pulse_round, today=TODAY)
    for i, person in enumerate(people):
        pulse_actions.answer_by_link(token=tokens[person.pk], scores=dict.fromkeys(pulse_actions.ANSWER_FIELDS, i + 1))
    pulse_actions.close_round(actor=None, pulse_round=pulse_round)
    results = pulse.results(pulse_round)
    assert results is not None and results.answers == 5 and results.questions[0].average == 3.0
