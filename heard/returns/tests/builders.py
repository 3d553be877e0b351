"""A project with one of each kind of question, a partner and a community, for the returns tests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl

from heard.accounts.models import Role, User
from heard.core.testing import make_community, make_organisation, make_project, make_question, make_user
from heard.engagement.models import Project, Question
from heard.partners.models import Community, Organisation
from heard.returns.template import write_template


@dataclass
class World:
    project: Project
    partner: Organisation
    other_partner: Organisation
    community: Community
    partner_user: User
    other_user: User
    staff: User
    questions: dict[str, Question]


def make_world() -> World:
    community = make_community(name="Somali-speaking residents")
    partner = make_organisation(name="Somali Welfare Trust", slug="swt")
    other = make_organisation(name="Turkish Women's Group", slug="twg")
    project = make_project(slug="gp-access", partners=[partner, other], communities=[community])
    questions = {
        "story": make_question(
            project=project, code="story", kind="free_text", text="Tell us about seeing a GP", position=1
        ),
        "booked": make_question(
            project=project,
            code="booked",
            kind="single_choice",
            text="How did you book?",
            choices=[["phone", "By phone"], ["online", "Online"], ["walk_in", "Walked in"]],
            position=2,
        ),
        "services": make_question(
            project=project,
            code="services",
            kind="multiple_choice",
            text="Which services have you used?",
            choices=[["gp", "GP"], ["pharmacy", "Pharmacy"], ["ae", "A&E"]],
            position=3,
        ),
        "rating": make_question(
            project=project, code="rating", kind="rating", text="How easy was it?", scale_min=1, scale_max=5, position=4
        ),
    }
    return World(
        project=project,
        partner=partner,
        other_partner=other,
        community=community,
        partner_user=make_user(role=Role.PARTNER_MEMBER, organisation=partner),
        other_user=make_user(role=Role.PARTNER_MEMBER, organisation=other),
        staff=make_user(role=Role.HOST_STAFF),
        questions=questions,
    )


GOOD_ROW = {
    "community": "Somali-speaking residents",
    "activity": "Coffee morning",
    "collected_on": "14/03/2026",
    "age_band": "25-34",
    "sex": "Female",
    "ethnic_group": "Black, Black British, Black Welsh, Caribbean or African: African",
    "main_language": "Somali",
    "postcode": "n19ar",
    "consent_store": "Yes",
    "consent_quote": "No",
    "consent_contact": "No",
    "story": "Waxaan sugay saddex toddobaad",
    "story.en": "I waited three weeks",
    "story.by": "Amina (SWT)",
    "booked": "By phone",
    "services:gp": "Yes",
    "services:pharmacy": "Yes",
    "rating": 2,
}


def fill_template(world: World, path: Path, rows: list[dict[str, Any]], *, activity: bool = True) -> Path:
    """Writes the template, then fills it as a partner would (with openpyxl), by column code."""
    write_template(world.project, world.partner, path)
    book = openpyxl.load_workbook(path)
    sheet = book["Residents"]
    codes = {}
    for cell in sheet[1]:
        header = str(cell.value)
        codes[header[header.rindex("[") + 1 : -1]] = cell.column
    for offset, row in enumerate(rows):
        for code, value in row.items():
            sheet.cell(row=2 + offset, column=codes[code], value=value)
    if activity:
        sheet_a = book["Activity"]
        sheet_a.append(["Coffee morning", "Event", "01/03/2026", "Somali", 12, "Somali-speaking residents"])
    book.save(path)
    return path
