"""A small partnership with a report: two partners in one project, two communities, coded answers that may be
quoted, a data-sharing agreement for "Ours" only, and personal details where they must never reach a report."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from heard.accounts.models import Role
from heard.analysis import actions as analysis_actions
from heard.analysis.models import Theme
from heard.core.testing import (
    make_activity,
    make_community,
    make_experience,
    make_organisation,
    make_project,
    make_question,
    make_user,
)
from heard.engagement.models import Answer
from heard.partners.models import Contact, OrganisationKind
from heard.privacy.models import DataSharingAgreement, SharingScope
from heard.reporting import actions

OURS_WORDS = [
    "The receptionist was kind and found me an interpreter",
    "Waited three weeks for a GP appointment, ring me on 07700 900123",
    "Nobody explained my medicine, my NHS number is 943 476 5919",
    "The pharmacy was helpful and quick",
    "Staff were rude when I asked for help, email me at amina.h@example.org",
    "I could not book online and the phone line was always busy",
]
THEIRS_WORDS = [
    "The hospital lost my letters twice",
    "My nurse listened to me properly",
    "Long waits at the walk-in centre",
    "The dentist would not take new patients",
    "Good care from the community team",
]


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    return build_world()


def build_world() -> dict[str, Any]:
    host = make_organisation(
        name="Healthwatch Test", kind=OrganisationKind.HOST, email="info@healthwatch.example", phone="020 7946 0123"
    )
    ours = make_organisation(name="Ours Community Group", email="hello@ours.example", phone="07700 900456")
    theirs = make_organisation(name="Theirs Advice Centre", email="desk@theirs.example", phone="020 7946 0999")
    commissioner = make_organisation(name="North Central London ICB", kind=OrganisationKind.COMMISSIONER)
    contact = Contact.objects.create(
        organisation=commissioner, name="Pat Jones", email="pat.jones@nhs.example", phone="020 7946 0555"
    )
    somali = make_community(name="Somali-speaking residents")
    deaf = make_community(name="Deaf BSL users")
    project = make_project(
        name="Health Voice", partners=[ours, theirs], communities=[somali, deaf], area_codes=["E09000019"]
    )
    story = make_question(project=project, code="story", text="Tell us what happened")
    helps = make_question(project=project, code="what_would_help", text="What would have made it better?")
    ours_activity = make_activity(project=project, partner=ours, community=somali, title="Coffee morning at the mosque")
    theirs_activity = make_activity(project=project, partner=theirs, community=deaf, title="Deaf club evening")
    answers: list[Answer] = []
    for partner, words, community, activity in [
        (ours, OURS_WORDS, somali, ours_activity),
        (theirs, THEIRS_WORDS, deaf, theirs_activity),
    ]:
        for text in words:
            experience = make_experience(
                project=project,
                partner=partner,
                community=community,
                activity=activity,
                consent_quote=True,
                age_band="25-34",
                lad_code="E09000019",
            )
            answers.append(Answer.objects.create(experience=experience, question=story, text=text, language="en"))
            Answer.objects.create(
                experience=experience, question=helps, text="Interpreters at every appointment", language="en"
            )
    DataSharingAgreement.objects.create(
        organisation=ours,
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2030, 1, 1),
        scope=SharingScope.REDACTED_TEXT,
    )
    staff = make_user(role=Role.HOST_STAFF)
    theme = Theme.objects.get_or_create(name="Access to services", kind="theme", project=project)[0]
    for answer in answers:
        analysis_actions.code_answer(actor=staff, answer=answer, theme=theme, applied=True)
    report = actions.start_report(actor=staff, project=project, title="What Health Voice heard")
    return {
        "host": host,
        "ours": ours,
        "theirs": theirs,
        "commissioner": commissioner,
        "contact": contact,
        "somali": somali,
        "deaf": deaf,
        "project": project,
        "answers": answers,
        "theme": theme,
        "report": report,
        "staff": staff,
        "partner": make_user(role=Role.PARTNER_MEMBER, organisation=ours),
        "other_partner": make_user(role=Role.PARTNER_MEMBER, organisation=theirs),
        "steering": make_user(role=Role.STEERING_MEMBER),
    }


def section(world: dict[str, Any], kind: str, community: Any = None) -> Any:
    return world["report"].sections.get(kind=kind, community=community)
