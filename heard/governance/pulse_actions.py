"""Temperature checks: opening a round, answering it anonymously, closing it and reminding those who have not
answered. See decision record 0008 for how an answer is kept from the person who gave it."""

from __future__ import annotations

import datetime
import random
from collections.abc import Mapping

from django.core.mail import send_mail
from django.db import transaction

from heard.accounts.models import User
from heard.core import audit
from heard.core.models import AuditVerb
from heard.governance.models import PULSE_QUESTIONS, PulseAnswer, PulseResponded, PulseRound, SteeringMember

ANSWER_FIELDS = tuple(name for name, _ in PULSE_QUESTIONS)
ANONYMOUS = "a steering group member"


class CannotAnswer(ValueError):
    """The round is closed, or the member has answered it already."""


@transaction.atomic
def open_round(*, actor: User | None, title: str, opens_on: datetime.date, closes_on: datetime.date) -> PulseRound:
    pulse_round = PulseRound.objects.create(title=title, opens_on=opens_on, closes_on=closes_on)
    audit.record(actor=actor, verb=AuditVerb.CREATED, target=pulse_round, summary="Temperature check opened")
    return pulse_round


@transaction.atomic
def answer_round(
    *, member: SteeringMember, pulse_round: PulseRound, scores: Mapping[str, int], comment: str = ""
) -> None:
    """Keeps the member's answers with nothing that links them to the member.

    Writes that the member has answered (for reminders), then writes every answer of the round again, with new
    random keys, in a random order: the newest answer cannot be told from the others by its key or its row. The
    audit event names no one."""
    pulse_round = PulseRound.objects.select_for_update().get(pk=pulse_round.pk)
    if pulse_round.closed:
        raise CannotAnswer("This temperature check has closed.")
    if PulseResponded.objects.filter(round=pulse_round, member=member).exists():
        raise CannotAnswer("You have already answered this temperature check.")
    values = {name: int(scores[name]) for name in ANSWER_FIELDS}
    if any(not 1 <= v <= 5 for v in values.values()):
        raise CannotAnswer("Each answer is a number from 1 to 5.")
    # Who has answered is rewritten in a random order too: its row order says nothing of who answered first.
    members = [*PulseResponded.objects.filter(round=pulse_round).values_list("member_id", flat=True), member.pk]
    random.SystemRandom().shuffle(members)
    PulseResponded.objects.filter(round=pulse_round).delete()
    PulseResponded.objects.bulk_create([PulseResponded(round=pulse_round, member_id=pk) for pk in members])
    rows = [
        {name: getattr(a, name) for name in (*ANSWER_FIELDS, "comment")}
        for a in PulseAnswer.objects.filter(round=pulse_round)
    ]
    rows.append({**values, "comment": comment.strip()})
    random.SystemRandom().shuffle(rows)
    PulseAnswer.objects.filter(round=pulse_round).delete()
    PulseAnswer.objects.bulk_create([PulseAnswer(round=pulse_round, **row) for row in rows])
    audit.record(
        actor=None,
        actor_label=ANONYMOUS,
        verb=AuditVerb.ANSWERED,
        target=pulse_round,
        summary=f"A member answered {pulse_round}",
    )


@transaction.atomic
def close_round(*, actor: User | None, pulse_round: PulseRound) -> PulseRound:
    pulse_round.closed = True
    pulse_round.save(update_fields=["closed"])
    audit.record(actor=actor, verb=AuditVerb.CHANGED, target=pulse_round, summary="Temperature check closed")
    return pulse_round


def members_to_remind(pulse_round: PulseRound) -> list[SteeringMember]:
    answered = PulseResponded.objects.filter(round=pulse_round).values("member_id")
    return [
        m
        for m in SteeringMember.objects.exclude(pk__in=answered).select_related("user")
        if m.email or (m.user and m.user.email)
    ]


@transaction.atomic
def remind_round(*, actor: User | None, pulse_round: PulseRound, today: datetime.date) -> int:
    """Emails each member who has not answered, one message each (no one sees who else was reminded); once a
    day at most. Returns how many were reminded."""
    pulse_round = PulseRound.objects.select_for_update().get(pk=pulse_round.pk)
    if pulse_round.closed or pulse_round.reminded_on == today:
        return 0
    members = members_to_remind(pulse_round)
    for member in members:
        send_mail(
            f"Heard: {pulse_round.title}",
            f"Dear {member.name},\n\nThe steering group's temperature check is open until "
            f"{pulse_round.closes_on:%-d %B %Y}: four short questions, answered anonymously. "
            "Please answer it in Heard, under Learn.\n",
            None,
            [member.email or (member.user.email if member.user else "")],
        )
    pulse_round.reminded_on = today
    pulse_round.save(update_fields=["reminded_on"])
    audit.record(
        actor=actor,
        verb=AuditVerb.REMINDED,
        target=pulse_round,
        summary=f"Reminded {len(members)} member(s) who had not answered",
    )
    return len(members)
