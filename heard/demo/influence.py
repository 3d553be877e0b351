"""The demo's recommendations: six, to different organisations, in different states (a draft, one awaiting a
response, one overdue, one declined, one accepted and in progress, one partly accepted with a change evidenced),
sent on days counted back from today so that the overdue one stays overdue whenever the demo is built."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from heard.engagement.models import Project
from heard.influence import actions
from heard.influence.models import Recommendation, ResponseLink
from heard.partners.models import Organisation


@dataclass(frozen=True)
class Spec:
    organisation: str
    title: str
    text: str
    person: tuple[str, str]
    senior: tuple[str, str]
    sent_days_ago: int | None
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
        "Disabled residents and residents with autism described the outpatients waiting area as hard to reach "
        "and overwhelming.",
        ("Jo Adams", "jo.adams@holloway-hospital.example.org"),
        ("Director of Estates", "estates@holloway-hospital.example.org"),
        5,  # awaiting a response, not yet due
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


def build_influence(project: Project, today: datetime.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
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
        sent_on = today - datetime.timedelta(days=spec.sent_days_ago)
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
    return {"recommendations": Recommendation.objects.filter(project=project).count()}
