"""Which notices are due: reminders before the due date, escalation after it, follow-ups at 3, 6 and 12 months.
Sending each once is `actions.send_notice`'s job; `sweep` is what the task and `heard influence-clock` run."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from heard.influence.models import NoticeKind, Recommendation, RecommendationStatus
from heard.lib.workdays import working_days_between

REMIND_WORKING_DAYS_BEFORE = 5
FOLLOW_UPS = {NoticeKind.FOLLOW_UP_3: 3, NoticeKind.FOLLOW_UP_6: 6, NoticeKind.FOLLOW_UP_12: 12}
AWAITING = (RecommendationStatus.SENT,)
FOLLOWED_UP = (
    RecommendationStatus.SENT,
    RecommendationStatus.ACCEPTED,
    RecommendationStatus.PARTLY_ACCEPTED,
    RecommendationStatus.IN_PROGRESS,
)


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_notices(rec: Recommendation, today: datetime.date, extra: list[datetime.date]) -> list[str]:
    kinds: list[str] = []
    if rec.status in AWAITING and rec.due_on:
        if today > rec.due_on:
            kinds.append(NoticeKind.ESCALATION)
        elif working_days_between(today, rec.due_on, extra) <= REMIND_WORKING_DAYS_BEFORE:
            kinds.append(NoticeKind.REMINDER)
    if rec.status in FOLLOWED_UP and rec.sent_on:
        kinds += [kind for kind, months in FOLLOW_UPS.items() if add_months(rec.sent_on, months) <= today]
    return kinds


@dataclass
class SweepResult:
    sent: list[tuple[int, str]] = field(default_factory=list)
    already: int = 0


def sweep(today: datetime.date | None = None) -> SweepResult:
    """Sends every notice that is due and not yet sent."""
    from heard.influence import actions

    today = today or timezone.localdate()
    extra = actions.extra_holidays()
    result = SweepResult()
    candidates = (
        Recommendation.objects.filter(status__in=FOLLOWED_UP)
        .exclude(sent_on=None)
        .select_related("organisation")
        .prefetch_related("notices")
    )
    for rec in candidates:
        done = {notice.kind for notice in rec.notices.all()}
        for kind in due_notices(rec, today, extra):
            if kind in done:
                continue
            if actions.send_notice(rec, kind):
                result.sent.append((rec.pk, kind))
            else:
                result.already += 1
    return result
