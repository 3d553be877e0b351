"""The demo's recommendations: six, to different organisations, in different states (a draft, one awaiting a
response and due within the week, one overdue, one declined, one accepted and in progress, one partly accepted with
a change evidenced), sent on days counted back from today so that the overdue one stays overdue and the other stays
due within the week whenever the demo is built. Then the response clock runs once, as the daily job would: the one
due soon is reminded, the overdue one escalated to its senior contact (docs/deploy.md, "Jobs on a schedule")."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from heard.engagement.models import Project
from heard.influence import actions, clock
from heard.influence.models import NoticeKind, Recommendation, ResponseLink
from heard.lib.workdays import add_working_days, response_due
from heard.partners.models import Organisation

# A recommendation awaiting a response this many working days before its due day gets the clock's reminder.
DUE_IN_WORKING_DAYS = 3


@dataclass(frozen=True)
class Spec:
    organisation: str
    title: str
    text: str
    person: tuple[str, str]
    senior: tuple[str, str]
    sent_days_ago: int | None  # None: a draft; 0: sent so that its response is due in DUE_IN_WORKING_DAYS
    response: tuple[str, str, list[tuple[str, str, int]]] | None = None
    evidence: list[tuple[str, str]] | None = None


SPECS = [
    Spec(
        "two-boroughs-icb",
        "Book an interpreter with every GP appointment for residents who need one",
        "Somali-, Turkish- and Arabic-speaking residents told us they bring children to translate, or go without "
        "an appointment. Record the language a patient needs and book a professional interpreter with the "
        "appointment, by phone or in person.",
        ("Dr Ayo Bello", "ayo.bello@two-boroughs-icb.example.org"),
        ("Priya Shah, Director of Primary Care", "priya.shah@two-boroughs-icb.example.org"),
        120,
        (
            "partly_accepted",
            "We will record the language needed and fund telephone interpreting in every practice; face-to-face "
            "interpreting for every appointment is beyond this year's budget, so we start with long appointments.",
            [
                ("Add 'interpreter needed' to the registration form in all practices", "Head of Primary Care", 60),
                ("Fund telephone interpreting in every practice", "Primary Care Contracts Manager", 90),
            ],
        ),
        [
            ("progress", "Registration forms in 24 of 30 practices now ask which language a patient needs."),
            (
                "change",
                "Telephone interpreting is now funded in all 30 practices; use rose from 40 to 310 calls a month "
                "between April and September.",
            ),
        ],
    ),
    Spec(
        "islington-council-public-health",
        "Hold health checks where people already go: mosques, churches and community centres",
        "Residents over 40 from the communities we heard from rarely take up NHS Health Checks at the surgery. "
        "Partners offered their halls; residents said they would come to a place they know, with someone who "
        "speaks their language.",
        ("Tom Okafor", "tom.okafor@islington-ph.example.org"),
        ("Director of Public Health", "dph@islington-ph.example.org"),
        70,
        (
            "accepted",
            "We agree and will run a pilot with three community partners this winter.",
            [("Run health-check sessions at three community venues", "Health Improvement Lead", 120)],
        ),
        [("progress", "The first two sessions were held at a mosque and a church hall: 46 checks done.")],
    ),
    Spec(
        "hackney-council-adult-social-care",
        "Tell carers what a carer's assessment is, in their own language",
        "Carers we heard from did not know they could ask for an assessment, or what it would give them.",
        ("Grace Mensah", "grace.mensah@hackney-asc.example.org"),
        ("Head of Adult Social Care", "head.asc@hackney-asc.example.org"),
        60,
        (
            "declined",
            "Our information is already available in translated form on request; we have no budget to reprint it.",
            [],
        ),
    ),
    Spec(
        "northside-gp-federation",
        "Answer the phone: a call-back instead of the 8am queue",
        "Residents of every community described ringing at 8am for an hour and then being told to ring again.",
        ("Dr Sam Lee", "sam.lee@northside-gpf.example.org"),
        ("Chief Executive", "ceo@northside-gpf.example.org"),
        45,  # due after 20 working days: overdue, with no response
    ),
    Spec(
        "holloway-community-hospital",
        "Step-free access and a quiet waiting area in outpatients",
        "Disabled residents and residents with autism described the outpatients waiting area as hard to get into "
        "and overwhelming.",
        ("Jo Adams", "jo.adams@holloway-hospital.example.org"),
        ("Director of Estates", "estates@holloway-hospital.example.org"),
        0,  # awaiting a response due within the week: the clock reminds them
    ),
    Spec(
        "two-boroughs-icb",
        "Young people's mental health: a drop-in without a referral",
        "Young people said they want somewhere to go without a GP referral or a long wait.",
        ("Dr Ayo Bello", "ayo.bello@two-boroughs-icb.example.org"),
        ("Priya Shah, Director of Primary Care", "priya.shah@two-boroughs-icb.example.org"),
        None,  # a draft
    ),
]


def _sent_on(spec: Spec, today: datetime.date, extra: list[datetime.date]) -> datetime.date:
    if spec.sent_days_ago:
        return today - datetime.timedelta(days=spec.sent_days_ago)
    due_on = add_working_days(today, DUE_IN_WORKING_DAYS, extra)
    return next(
        sent_on
        for days in range(1, 60)
        if response_due(sent_on := today - datetime.timedelta(days=days), extra) == due_on
    )


def build_influence(project: Project, today: datetime.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    extra = actions.extra_holidays()
    made = 0
    for spec in SPECS:
        organisation = Organisation.objects.get(slug=spec.organisation)
        rec = actions.make_recommendation(
            actor=None,
            project=project,
            fields={
                "title": spec.title,
                "text": spec.text,
                "organisation_id": organisation.pk,
                "addressee_name": spec.person[0],
                "addressee_email": spec.person[1],
                "senior_name": spec.senior[0],
                "senior_email": spec.senior[1],
                "priority": "high" if made < 2 else "medium",
            },
            communities=project.communities.all()[:2],
        )
        made += 1
        if spec.sent_days_ago is None:
            continue
        sent_on = _sent_on(spec, today, extra)
        actions.send_recommendation(actor=None, rec=rec, today=sent_on)
        link = ResponseLink.objects.get(recommendation=rec, revoked_at=None)
        if spec.response:
            decision, reasons, plans = spec.response
            actions.respond(
                link=link,
                decision=decision,
                reasons=reasons,
                name=spec.person[0],
                actions=[actions.ActionPlan(a, o, sent_on + datetime.timedelta(days=d)) for a, o, d in plans],
            )
        for kind, text in spec.evidence or []:
            actions.report_progress(link=link, kind=kind, text=text, name=spec.person[0])
    sent = clock.sweep(today).sent
    return {
        "recommendations": Recommendation.objects.filter(project=project).count(),
        "reminders": sum(kind == NoticeKind.REMINDER for _pk, kind in sent),
        "escalations": sum(kind == NoticeKind.ESCALATION for _pk, kind in sent),
    }
