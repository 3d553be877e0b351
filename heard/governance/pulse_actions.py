"""Temperature checks: opening a round, answering it anonymously, closing it and reminding those who have not
answered. See decision record 0008 for how an answer is kept from the person who gave it."""

from __future__ import annotations

import datetime
import random
import secrets
from collections.abc import Mapping

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from heard.accounts.models import User
from heard.core import audit
from heard.core.models import AuditVerb
from heard.governance.models import (
    PULSE_QUESTIONS,
    PulseAnswer,
    PulseLink,
    PulseResponded,
    PulseRound,
    SteeringMember,
)
from heard.governance.models.pulse import hash_token

ANSWER_FIELDS = tuple(name for name, _ in PULSE_QUESTIONS)
ANONYMOUS = "a steering group member"


class CannotAnswer(ValueError):
    """The round is closed, the member has answered it already, or the link is used or unknown."""


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
    _answer(member, pulse_round, scores, comment)


@transaction.atomic
def answer_by_link(*, token: str, scores: Mapping[str, int], comment: str = "") -> PulseRound:
    """Answers a round through a member's own link, without signing in: the same anonymous answer as in Heard
    (`answer_round`); the link is then marked used (only that, not when) and cannot be used again."""
    link = PulseLink.objects.select_for_update().select_related("member").filter(token_hash=hash_token(token)).first()
    if link is None:
        raise CannotAnswer("This link is not recognised.")
    if link.used:
        raise CannotAnswer("This link has been used: each link answers once.")
    pulse_round = PulseRound.objects.select_for_update().get(pk=link.round_id)
    _answer(link.member, pulse_round, scores, comment)
    # The round's links are written again in a random order too, so the row of the link just used is not last.
    rows = [
        (row.member_id, row.token_hash, row.used or row.pk == link.pk)
        for row in PulseLink.objects.filter(round=pulse_round)
    ]
    random.SystemRandom().shuffle(rows)
    PulseLink.objects.filter(round=pulse_round).delete()
    PulseLink.objects.bulk_create([PulseLink(round=pulse_round, member_id=m, token_hash=h, used=u) for m, h, u in rows])
    return pulse_round


def _answer(member: SteeringMember, pulse_round: PulseRound, scores: Mapping[str, int], comment: str) -> None:
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


def members_to_remind(pulse_round: PulseRound, today: datetime.date | None = None) -> list[SteeringMember]:
    """Members whose term has not ended, who have not answered the round (in Heard or by their link) and have an
    e-mail address."""
    today = today or datetime.date.today()
    answered = PulseResponded.objects.filter(round=pulse_round).values("member_id")
    current = SteeringMember.objects.filter(Q(term_ends_on__isnull=True) | Q(term_ends_on__gte=today))
    return [m for m in current.exclude(pk__in=answered).select_related("user") if _email(m)]


def _email(member: SteeringMember) -> str:
    return member.email or (member.user.email if member.user else "")


def answer_url(token: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("governance:answer-by-link", args=[token])


def _issue_link(pulse_round: PulseRound, member: SteeringMember) -> str:
    """A new token for the member's link to the round (an unused link's old token stops working)."""
    token = secrets.token_urlsafe(32)
    PulseLink.objects.update_or_create(
        round=pulse_round, member=member, defaults={"token_hash": hash_token(token), "used": False}
    )
    return token


def _mail_link(pulse_round: PulseRound, member: SteeringMember, token: str, *, reminder: bool) -> None:
    lead = "A reminder: the" if reminder else "The"
    send_mail(
        f"{'Reminder: ' if reminder else ''}Heard: {pulse_round.title}",
        f"Dear {member.name},\n\n{lead} steering group's temperature check is open until "
        f"{pulse_round.closes_on:%-d %B %Y}: four short questions, answered anonymously (your answers are kept "
        "without your name or the time you answered).\n\n"
        f"Answer it with your own link; you do not need to sign in:\n\n{answer_url(token)}\n\n"
        "The link works once, for you only: please do not forward it. "
        + ("It replaces any earlier link for this round. " if reminder else "")
        + "If you have an account in Heard you can answer there instead, under Learn.\n",
        None,
        [_email(member)],
    )


@transaction.atomic
def send_links(*, actor: User | None, pulse_round: PulseRound, today: datetime.date | None = None) -> dict[int, str]:
    """E-mails each current member who has no link to the round yet, and has not answered, their own single-use
    link (one message each). Returns each member's token by member id (only its hash is kept)."""
    pulse_round = PulseRound.objects.select_for_update().get(pk=pulse_round.pk)
    if pulse_round.closed:
        return {}
    has_link = set(PulseLink.objects.filter(round=pulse_round).values_list("member_id", flat=True))
    tokens = {}
    for member in members_to_remind(pulse_round, today):
        if member.pk in has_link:
            continue
        tokens[member.pk] = _issue_link(pulse_round, member)
        _mail_link(pulse_round, member, tokens[member.pk], reminder=False)
    audit.record(
        actor=actor,
        verb=AuditVerb.SENT,
        target=pulse_round,
        summary=f"Sent {len(tokens)} member(s) their own link to answer",
    )
    return tokens


@transaction.atomic
def remind_round(*, actor: User | None, pulse_round: PulseRound, today: datetime.date) -> int:
    """E-mails each member who has not answered (whose link, if they have one, is unused) a new link of their
    own, one message each (no one sees who else was reminded); once a day at most. Returns how many were
    reminded."""
    pulse_round = PulseRound.objects.select_for_update().get(pk=pulse_round.pk)
    if pulse_round.closed or pulse_round.reminded_on == today:
        return 0
    members = members_to_remind(pulse_round, today)
    for member in members:
        _mail_link(pulse_round, member, _issue_link(pulse_round, member), reminder=True)
    pulse_round.reminded_on = today
    pulse_round.save(update_fields=["reminded_on"])
    audit.record(
        actor=actor,
        verb=AuditVerb.REMINDED,
        target=pulse_round,
        summary=f"Reminded {len(members)} member(s) who had not answered",
    )
    return len(members)
