"""The demo's partner register: sizes, centres, policies (one partner's Safeguarding policy has lapsed), a shared
policy template, and every partner scored against the selection criteria."""

from __future__ import annotations

import datetime

from django.core.files.base import ContentFile

from heard.accounts.models import Role, User
from heard.engagement.models import Project
from heard.funding.models import TaskKind
from heard.partners.actions import ensure_criteria
from heard.partners.models import (
    Assessment,
    Centre,
    Decision,
    Organisation,
    Policy,
    PolicyKind,
    PolicyTemplate,
    Score,
    TurnoverBand,
)

PDF = b"%PDF-1.4\n% demo policy document\n%%EOF\n"
LAPSED = "deaf-voices-north-london"  # its Safeguarding policy lapsed three weeks ago
CENTRES = {
    "somali-womens-wellbeing-circle": [("Hornsey Road hall", "Hornsey Road", "N7 7JY")],
    "anatolia-community-centre": [("Green Lanes advice shop", "Green Lanes", "N16 9BS")],
}


def _band(income: float) -> str:
    for limit, band in (
        (10_000, TurnoverBand.UNDER_10K),
        (100_000, TurnoverBand.UNDER_100K),
        (500_000, TurnoverBand.UNDER_500K),
        (1_000_000, TurnoverBand.UNDER_1M),
    ):
        if income < limit:
            return band
    return TurnoverBand.OVER_1M


def build_register(
    partners: list[Organisation], project: Project | None = None, today: datetime.date | None = None
) -> dict[str, int]:
    today = today or datetime.date.today()
    criteria = {c.key: c for c in ensure_criteria()}
    policies = 0
    for n, organisation in enumerate(partners):
        income = float(organisation.annual_income or 0)
        organisation.turnover_band = _band(income)
        organisation.staff = max(1, int(income // 30_000))
        organisation.volunteers = 6 + 3 * n
        organisation.charity_number = f"11{n:02d}{n * 7 % 10}{(n * 3) % 10}{n % 10}"
        organisation.languages = sorted({code for c in organisation.communities.all() for code in c.languages})
        organisation.areas = "Islington and Hackney"
        organisation.save()
        for name, address, postcode in CENTRES.get(organisation.slug, []):
            Centre.objects.create(organisation=organisation, name=name, address=address, postcode=postcode)
        for kind in (PolicyKind.SAFEGUARDING, PolicyKind.HEALTH_SAFETY, PolicyKind.EDI):
            issued = today - datetime.timedelta(days=300 + 20 * n)
            expires = issued + datetime.timedelta(days=730)
            if organisation.slug == LAPSED and kind == PolicyKind.SAFEGUARDING:
                issued, expires = today - datetime.timedelta(days=386), today - datetime.timedelta(days=21)
            policy = Policy(
                organisation=organisation,
                kind=kind,
                issued_on=issued,
                expires_on=expires,
                file_name=f"{organisation.slug}-{kind}.pdf",
                checked_on=issued + datetime.timedelta(days=14),
            )
            policy.file.save(policy.file_name, ContentFile(PDF), save=False)
            policy.save()
            policies += 1
        assessment = Assessment.objects.create(
            organisation=organisation,
            notes="Scored at the partnership's selection meeting.",
            decision=Decision.LEAD if income > 150_000 else Decision.SELECTED,
            assessed_on=datetime.date(2025, 11, 20),
        )
        values = {
            "reach": 3 if n % 3 else 2,
            "timeframe": 2 + (n % 2),
            "due-diligence": 1 if organisation.slug == LAPSED else 3,
            "smaller": 3 if income < 60_000 else 2 if income < 150_000 else 1,
        }
        Score.objects.bulk_create(
            Score(assessment=assessment, criterion=criteria[key], score=value) for key, value in values.items()
        )
    template = PolicyTemplate(
        title="Model safeguarding policy for small groups",
        kind=PolicyKind.SAFEGUARDING,
        description="Adapt it to your group, have your committee agree it, then add it to your page.",
        file_name="model-safeguarding-policy.pdf",
    )
    template.file.save(template.file_name, ContentFile(PDF), save=False)
    template.save()
    made = {"policies": policies, "assessments": len(partners)}
    if project is not None:
        made |= _work(project, partners)
    return made


TASKS = [
    ("Run the partnership: meetings, budget and timetable", TaskKind.PROJECT_MANAGEMENT, None, 0, 300, "in_progress"),
    ("Agree the research questions and recording tools", TaskKind.RESEARCH_TOOLS, None, 0, 30, "done"),
    ("Brief partners on the questions, consent and safeguarding", TaskKind.BRIEFING, None, 20, 40, "done"),
    ("Answer partners' queries", TaskKind.QUERIES, None, 20, 300, "in_progress"),
    ("Analyse what residents said", TaskKind.ANALYSIS, None, 200, 260, "not_started"),
    ("Write the report", TaskKind.REPORTING, None, 240, 290, "not_started"),
    ("Present the findings to commissioners", TaskKind.PRESENTING, None, 300, 310, "not_started"),
]


def _work(project: Project, partners: list[Organisation]) -> dict[str, int]:
    """Who does what (the host's tasks and each partner's hearing and survey work) and one agreement."""
    from heard.funding import agreements
    from heard.funding.actions import make_agreement
    from heard.funding.models import AgreementTemplate, PartnershipTask, TaskStatus

    host = Organisation.objects.host()
    start = project.starts_on or datetime.date(2026, 1, 5)
    tasks = []
    for title, kind, _, begin, end, status in TASKS:
        tasks.append(
            PartnershipTask(
                project=project,
                title=title,
                kind=kind,
                owner_organisation=host,
                starts_on=start + datetime.timedelta(days=begin),
                due_on=start + datetime.timedelta(days=end),
                status=status,
            )
        )
    for n, partner in enumerate(partners):
        tasks.append(
            PartnershipTask(
                project=project,
                title=f"Hear from residents: {partner.name}",
                kind=TaskKind.ENGAGEMENT,
                owner_organisation=partner,
                starts_on=start + datetime.timedelta(days=45),
                due_on=start + datetime.timedelta(days=180),
                status=TaskStatus.IN_PROGRESS,
            )
        )
        if n % 2 == 0:
            tasks.append(
                PartnershipTask(
                    project=project,
                    title="Run the survey at drop-in sessions",
                    kind=TaskKind.SURVEYS,
                    owner_organisation=partner,
                    starts_on=start + datetime.timedelta(days=60),
                    due_on=start + datetime.timedelta(days=150),
                    status=TaskStatus.IN_PROGRESS,
                )
            )
    PartnershipTask.objects.bulk_create(tasks)
    template = AgreementTemplate.objects.create(name="Partnership agreement", body=agreements.DEFAULT_TEMPLATE)
    admin = User.objects.filter(role=Role.HOST_ADMIN).order_by("pk").first()
    agreement_with = next((p for p in partners if p.slug == "anatolia-community-centre"), partners[0])
    if admin is not None:
        make_agreement(actor=admin, project=project, organisation=agreement_with, template=template)
    return {"tasks": len(tasks), "agreements": 1 if admin is not None else 0}
