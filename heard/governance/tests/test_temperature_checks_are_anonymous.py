"""Temperature checks are anonymous: nothing a person can open or export links an answer to the member who gave
it, by name, by key, by order or by time; a round's results need at least 5 answers and a closed round."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection

from heard.accounts.models import Role
from heard.core.models import AuditEvent
from heard.core.testing import make_user
from heard.governance import pulse, pulse_actions
from heard.governance.models import PulseAnswer, PulseLink, PulseResponded, SteeringMember

pytestmark = pytest.mark.django_db

SCORES = {"direction": 4, "value": 3, "focus": 5, "honesty": 2}


def members(n: int) -> list[SteeringMember]:
    people = []
    for i in range(n):
        user = make_user(role=Role.STEERING_MEMBER, first_name=f"Member{i}", email=f"m{i}@example.org")
        people.append(SteeringMember.objects.create(name=f"Member{i} Person", user=user))
    return people


def a_round(title: str = "Spring check"):
    return pulse_actions.open_round(
        actor=None, title=title, opens_on=datetime.date(2026, 3, 1), closes_on=datetime.date(2026, 3, 14)
    )


def test_an_answer_holds_no_member_no_time_and_a_random_key():
    names = {f.name for f in PulseAnswer._meta.get_fields()}
    assert names == {"id", "round", "direction", "value", "focus", "honesty", "comment"}
    assert PulseAnswer._meta.pk is not None and PulseAnswer._meta.pk.get_internal_type() == "UUIDField"
    assert {f.name for f in PulseResponded._meta.get_fields()} == {"id", "round", "member"}


def test_the_audit_event_for_an_answer_names_nobody_and_holds_no_answer():
    (member,) = members(1)
    pulse_round = a_round()
    pulse_actions.answer_round(member=member, pulse_round=pulse_round, scores=SCORES, comment="Chair talks over us")
    event = AuditEvent.objects.get(verb="answered")
    assert event.actor is None
    dumped = json.dumps(
        [event.actor_label, event.summary, event.target_label, event.before, event.after, event.target_id]
    )
    assert member.user is not None
    assert "Member0" not in dumped and member.user.username not in dumped
    assert "Chair talks" not in dumped and '"focus"' not in dumped
    assert event.target_id == str(pulse_round.pk)


def test_answers_are_rewritten_in_a_new_random_order_so_the_newest_cannot_be_told():
    people = members(6)
    pulse_round = a_round()
    for i, member in enumerate(people[:5]):
        pulse_actions.answer_round(
            member=member, pulse_round=pulse_round, scores={**SCORES, "direction": 1 + i % 5}, comment=f"c{i}"
        )
    keys_before = set(PulseAnswer.objects.values_list("id", flat=True))
    pulse_actions.answer_round(member=people[5], pulse_round=pulse_round, scores=SCORES, comment="last")
    keys_after = set(PulseAnswer.objects.values_list("id", flat=True))
    assert len(keys_after) == 6
    assert not keys_before & keys_after  # every answer has a new key: no "the one key that is new"


def test_the_database_row_order_is_shuffled_by_each_answer():
    """SQLite keeps a hidden row number in insert order (PostgreSQL a physical position): each answer rewrites
    the round's rows in random order,
    so the row numbers say nothing about who answered first. Over 20 rounds of 6 answers, the row order is not
    always with the newest answer last."""
    people = members(6)
    matches = 0
    for n in range(20):
        pulse_round = a_round(f"Round {n}")
        for i, member in enumerate(people):
            pulse_actions.answer_round(member=member, pulse_round=pulse_round, scores=SCORES, comment=f"c{i}")
        with connection.cursor() as cursor:
            physical = "rowid" if connection.vendor == "sqlite" else "ctid"  # the order rows are stored in
            cursor.execute(
                f"SELECT comment FROM governance_pulseanswer WHERE round_id = %s ORDER BY {physical}",  # noqa: S608
                [pulse_round.pk],
            )
            comments = [row[0] for row in cursor.fetchall()]
        matches += comments[-1] == "c5"
    # By chance the newest is last 1 time in 6: about 3 of 20 (10 or more: 1 in 2,000).
    assert matches < 10


def test_a_round_with_one_answer_or_four_shows_no_results_anywhere(client):
    people = members(4)
    pulse_round = a_round()
    pulse_actions.answer_round(member=people[0], pulse_round=pulse_round, scores=SCORES, comment="Only me")
    pulse_actions.close_round(actor=None, pulse_round=pulse_round)
    assert pulse.results(pulse_round) is None
    for member in people[1:]:
        pulse_round.closed = False
        pulse_round.save()
        pulse_actions.answer_round(member=member, pulse_round=pulse_round, scores=SCORES)
    pulse_actions.close_round(actor=None, pulse_round=pulse_round)
    assert pulse.results(pulse_round) is None
    client.force_login(make_user(role=Role.HOST_ADMIN))
    for url in (f"/learn/checks/{pulse_round.pk}/", "/learn/checks/", "/learn/"):
        text = client.get(url).content.decode()
        assert "Only me" not in text
        assert "Fewer than 5" in text or "No results yet" in text or url == "/learn/"


def test_results_show_once_a_round_with_five_answers_closes_and_not_before(client):
    people = members(5)
    pulse_round = a_round()
    for i, member in enumerate(people):
        pulse_actions.answer_round(
            member=member, pulse_round=pulse_round, scores={**SCORES, "focus": i + 1}, comment=f"note {i}"
        )
    assert pulse.results(pulse_round) is None  # still open: results would move as each member answered
    pulse_actions.close_round(actor=None, pulse_round=pulse_round)
    results = pulse.results(pulse_round)
    assert results is not None and results.answers == 5
    focus = next(q for q in results.questions if "focused" in q.question)
    assert focus.average == 3.0 and focus.counts == [1, 1, 1, 1, 1]
    client.force_login(people[0].user)
    text = client.get(f"/learn/checks/{pulse_round.pk}/").content.decode()
    assert "note 3" in text and "Member" not in text.split('<h2 class="govuk-heading-m">Results</h2>')[1]


def test_no_page_says_who_has_answered(client):
    people = members(6)
    pulse_round = a_round()
    pulse_actions.answer_round(member=people[0], pulse_round=pulse_round, scores=SCORES)
    client.force_login(make_user(role=Role.HOST_ADMIN))
    for url in (f"/learn/checks/{pulse_round.pk}/", "/learn/checks/", "/learn/", "/audit/"):
        text = client.get(url).content.decode()
        assert "Member0" not in text, url
    # While the round is open, the count does not move from 1 to 2: it says "fewer than 5".
    assert "fewer than 5" in client.get(f"/learn/checks/{pulse_round.pk}/").content.decode()


def test_reminders_go_to_each_member_who_has_not_answered_alone_and_name_nobody():
    people = members(3)
    pulse_round = a_round()
    pulse_actions.answer_round(member=people[0], pulse_round=pulse_round, scores=SCORES)
    n = pulse_actions.remind_round(actor=None, pulse_round=pulse_round, today=datetime.date(2026, 3, 10))
    assert n == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["m1@example.org", "m2@example.org"]
    assert all(len(m.to) == 1 and not m.cc and not m.bcc for m in mail.outbox)
    assert not any("Member0" in m.body for m in mail.outbox)
    # Once a day.
    assert pulse_actions.remind_round(actor=None, pulse_round=pulse_round, today=datetime.date(2026, 3, 10)) == 0
    event = AuditEvent.objects.get(verb="reminded")
    assert "Member" not in event.summary


def test_a_member_answers_once_and_the_page_then_says_so(client):
    (member,) = members(1)
    pulse_round = a_round()
    client.force_login(member.user)
    data = {**{k: str(v) for k, v in SCORES.items()}, "comment": ""}
    assert client.post(f"/learn/checks/{pulse_round.pk}/answer/", data).status_code == 302
    client.post(f"/learn/checks/{pulse_round.pk}/answer/", data)
    assert PulseAnswer.objects.count() == 1
    assert "You have answered this round" in client.get(f"/learn/checks/{pulse_round.pk}/").content.decode()


def test_the_reminders_command_leaves_no_trace_of_who_answered(capsys):
    people = members(2)
    pulse_round = pulse_actions.open_round(
        actor=None, title="Now", opens_on=datetime.date.today(), closes_on=datetime.date.today()
    )
    pulse_actions.answer_round(member=people[0], pulse_round=pulse_round, scores=SCORES)
    call_command("governance-reminders")
    out = capsys.readouterr().out
    assert "reminded 1 member(s)" in out and "Member" not in out


# The link path: members without an account answer through a personal single-use link (test_..._by_link.py).


def test_a_link_keeps_only_its_hash_and_that_it_was_used_never_when():
    assert {f.name for f in PulseLink._meta.get_fields()} == {"id", "round", "member", "token_hash", "used"}
    assert PulseLink._meta.pk is not None and PulseLink._meta.pk.get_internal_type() == "UUIDField"
    assert not any(f.get_internal_type() in ("DateTimeField", "DateField") for f in PulseLink._meta.concrete_fields)


def test_an_answer_through_a_link_points_to_no_member_and_no_link_and_its_event_names_nobody():
    people = [SteeringMember.objects.create(name=f"Resident{i}", email=f"r{i}@example.org") for i in range(2)]
    pulse_round = a_round()
    tokens = pulse_actions.send_links(actor=None, pulse_round=pulse_round, today=datetime.date(2026, 3, 2))
    pulse_actions.answer_by_link(token=tokens[people[0].pk], scores=SCORES, comment="Too many papers")
    answer = PulseAnswer.objects.get()
    stored = json.dumps([str(getattr(answer, f.attname)) for f in PulseAnswer._meta.concrete_fields])
    link = PulseLink.objects.get(member=people[0])
    assert link.used and str(link.pk) not in stored and link.token_hash not in stored
    assert tokens[people[0].pk] not in stored and "Resident0" not in stored
    event = AuditEvent.objects.get(verb="answered")
    dumped = json.dumps([event.actor_label, event.summary, event.target_label, event.before, event.after])
    assert event.actor is None and "Resident0" not in dumped and "Too many" not in dumped
    assert str(link.pk) not in dumped and tokens[people[0].pk] not in dumped


def test_using_a_link_rewrites_the_rounds_links_so_the_used_one_cannot_be_told_by_key_or_row():
    people = [SteeringMember.objects.create(name=f"Resident{i}", email=f"r{i}@example.org") for i in range(6)]
    last_matches = 0
    for n in range(20):
        pulse_round = a_round(f"Round {n}")
        tokens = pulse_actions.send_links(actor=None, pulse_round=pulse_round, today=datetime.date(2026, 3, 2))
        keys_before = set(PulseLink.objects.filter(round=pulse_round).values_list("id", flat=True))
        pulse_actions.answer_by_link(token=tokens[people[0].pk], scores=SCORES)
        keys_after = set(PulseLink.objects.filter(round=pulse_round).values_list("id", flat=True))
        assert not keys_before & keys_after
        with connection.cursor() as cursor:
            physical = "rowid" if connection.vendor == "sqlite" else "ctid"
            cursor.execute(
                f"SELECT used FROM governance_pulselink WHERE round_id = %s ORDER BY {physical}",  # noqa: S608
                [pulse_round.pk],
            )
            used = [bool(row[0]) for row in cursor.fetchall()]
        last_matches += used[-1]
    # By chance the used link is last 1 time in 6: about 3 of 20 (10 or more: 1 in 2,000).
    assert last_matches < 10
