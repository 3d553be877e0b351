"""The words of the e-mails influence sends. Sending and keeping them on the timeline is in `actions.py`."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

from heard.influence.models import NoticeKind, Recommendation


@dataclass(frozen=True)
class Message:
    to: list[str]
    subject: str
    body: str


def response_url(token: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("influence:respond", args=[token])


def _date(day: datetime.date | None) -> str:
    return day.strftime("%-d %B %Y") if day else "not set"


def _host() -> str:
    from heard.partners.models import Organisation

    host = Organisation.objects.host()
    return host.name if host else "Healthwatch"


def recommendation_sent(rec: Recommendation, *, name: str, email: str, token: str) -> Message:
    return Message(
        to=[email],
        subject=f"A recommendation for {rec.organisation.name}: {rec.title}",
        body=(
            f"Dear {name or 'colleague'},\n\n"
            f"{_host()} has listened to residents and makes this recommendation to {rec.organisation.name}:\n\n"
            f"{rec.title}\n\n{rec.text}\n\n"
            f"Please respond by {_date(rec.due_on)} (20 working days): accept, partly accept or decline it with your "
            f"reasons, and tell us what you will do, who will do it and by when. You do not need an account:\n\n"
            f"{response_url(token)}\n\n"
            "The same link lets you report progress and evidence of change later. It works only for this "
            "recommendation; please do not forward it.\n"
        ),
    )


def notice(rec: Recommendation, kind: str, *, to: list[str]) -> Message:
    due = _date(rec.due_on)
    page = "the link in our first e-mail"
    if kind == NoticeKind.REMINDER:
        subject = f"Reminder: your response is due by {due}: {rec.title}"
        lead = f"A reminder that {rec.organisation.name}'s response to this recommendation is due by {due}."
    elif kind == NoticeKind.ESCALATION:
        subject = f"Overdue response: {rec.title}"
        lead = (
            f"{rec.organisation.name}'s response to this recommendation was due on {due} and has not arrived. "
            f"It was sent to {rec.addressee_name or 'your colleague'}; we are letting you know as the senior contact."
        )
    else:
        months = kind.removeprefix("follow_up_")
        subject = f"{months} months on: what has changed? {rec.title}"
        lead = f"It is {months} months since we sent this recommendation. Please tell us about progress and any change."
    return Message(
        to=to,
        subject=subject,
        body=f"{lead}\n\n{rec.title}\n\nYou can respond and report progress through {page}.\n\n{_host()}\n",
    )
