"""What a report is built from, gathered once per rendering: the dashboard, the theme tables, who is missing, the
chosen quotes that are still quotable. Every figure comes from the function its own page uses (engagement.stats,
analysis.tables, place.missing), over the reader's aggregate scope; nothing is counted again here.

An `Audience` says whose eyes the report is for: host staff (exact counts, quote provenance), a partner member
(their own residents only, protected), a steering member (everyone, protected) or the public (everyone,
protected, only words the partners' agreements let the host share, no provenance).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from heard.accounts.models import User
from heard.analysis import tables
from heard.engagement import stats
from heard.engagement.models import Answer, Project, Question, QuestionKind
from heard.engagement.scope import AggregateScope, aggregate_scope, command_scope
from heard.place import missing
from heard.privacy.outputs import public_text, quotable_answers
from heard.reporting.models import ChosenQuote, Report, ReportRecommendation, ReportSection


@dataclass(frozen=True)
class Audience:
    scope: AggregateScope
    quotable: QuerySet[Answer]
    provenance: bool  # host staff: which partner and activity each quote came through
    public: bool = False

    @property
    def exact(self) -> bool:
        return self.scope.exact


def audience_for(user: User, project: Project) -> Audience:
    return Audience(aggregate_scope(user, project), quotable_answers(user, project), provenance=user.is_host)


def public_audience(project: Project) -> Audience:
    """Anyone at all: what a published version and the command's files show."""
    return Audience(command_scope(project, public=True), quotable_answers(None, project), False, public=True)


@dataclass
class ChosenWords:
    section_id: int
    text: str
    community: str
    question_code: str
    partner: str
    activity: str


@dataclass
class Evidence:
    report: Report
    audience: Audience
    dashboard: stats.Dashboard
    themes: tables.ThemeTable  # by community, every free-text question
    suggested: tables.ThemeTable | None  # by community, the "what would help" questions only
    keeps_well: tables.ThemeTable | None  # by community, "what keeps you well" where asked
    missing: missing.Report | None
    missing_problem: str
    sections: list[ReportSection]
    quotes: dict[int, list[ChosenWords]]  # section id -> its chosen quotes still quotable to this audience
    withdrawn: int  # chosen quotes left out because they are no longer quotable to this audience
    recommendations: list[ReportRecommendation]
    partners: list[str]
    activities: list[tuple[str, str, str]] = field(default_factory=list)  # (date, method, partner)

    @property
    def project(self) -> Project:
        return self.report.project


def _questions(project: Project, *words: tuple[str, ...]) -> list[str]:
    """Codes of free-text questions whose code or wording has any of the word groups (all words of a group)."""
    found = []
    for question in Question.objects.filter(project=project, kind=QuestionKind.FREE_TEXT):
        haystack = f"{question.code} {question.text}".lower().replace("_", " ")
        if any(all(word in haystack for word in group) for group in words):
            found.append(question.code)
    return found


def suggestion_questions(project: Project) -> list[str]:
    return _questions(project, ("would", "help"), ("better",), ("suggest",), ("improve",), ("change",))


def keeps_well_questions(project: Project) -> list[str]:
    return _questions(project, ("keep", "well"), ("stay", "well"), ("keeps", "healthy"))


def _chosen(report: Report, audience: Audience) -> tuple[dict[int, list[ChosenWords]], int]:
    chosen = list(
        ChosenQuote.objects.filter(section__report=report)
        .select_related(
            "answer",
            "answer__question",
            "answer__experience__community",
            "answer__experience__partner",
            "answer__experience__activity",
        )
        .prefetch_related("answer__redaction_decisions")
        .order_by("section_id", "position", "pk")
    )
    # Checked again every time: a withdrawn consent or a new safeguarding flag takes a chosen quote out.
    allowed = set(audience.quotable.filter(pk__in=[c.answer_id for c in chosen]).values_list("pk", flat=True))
    found: dict[int, list[ChosenWords]] = {}
    withdrawn = 0
    for quote in chosen:
        if quote.answer_id not in allowed:
            withdrawn += 1
            continue
        experience = quote.answer.experience
        found.setdefault(quote.section_id, []).append(
            ChosenWords(
                section_id=quote.section_id,
                text=public_text(quote.answer),
                community=experience.community.name if experience.community else "",
                question_code=quote.answer.question.code,
                partner=experience.partner.name,
                activity=experience.activity.title if experience.activity else "",
            )
        )
    return found, withdrawn


def _by_community(audience: Audience, codes: list[str]) -> tables.ThemeTable | None:
    if not codes:
        return None
    return tables.theme_table(audience.scope, audience.quotable, by="community", questions=codes)


@dataclass
class Overview:
    """What the Report stage page shows without gathering the evidence (no theme table, no who-is-missing
    comparison: those take over a minute at a million records): the sections with their versions, how many chosen
    quotes each has that this audience may still read, how many were left out, and how many recommendations."""

    report: Report
    audience: Audience
    sections: list[ReportSection]
    quote_counts: dict[int, int]
    withdrawn: int
    recommendations: int


def overview(report: Report, audience: Audience) -> Overview:
    quotes, withdrawn = _chosen(report, audience)
    return Overview(
        report=report,
        audience=audience,
        sections=list(report.sections.select_related("community").prefetch_related("versions__author")),
        quote_counts={section_id: len(words) for section_id, words in quotes.items()},
        withdrawn=withdrawn,
        recommendations=report.recommendations.count(),
    )


def gather(report: Report, audience: Audience) -> Evidence:
    project = report.project
    scope = audience.scope
    problem = ""
    compared: missing.Report | None = None
    try:
        compared = missing.compare_experiences(scope.experiences, list(project.area_codes or []))
    except missing.UnknownArea as error:
        problem = str(error)
    if not project.area_codes:
        problem = "The project has no area set, so who was heard is not compared with who lives there."
    quotes, withdrawn = _chosen(report, audience)
    activities = project.activities.select_related("partner").order_by("held_on")
    if scope.organisation_id is not None:
        activities = activities.filter(partner_id=scope.organisation_id)
    return Evidence(
        report=report,
        audience=audience,
        dashboard=stats.project_dashboard(scope),
        themes=tables.theme_table(scope, audience.quotable, by="community"),
        suggested=_by_community(audience, suggestion_questions(project)),
        keeps_well=_by_community(audience, keeps_well_questions(project)),
        missing=compared,
        missing_problem=problem,
        sections=list(report.sections.select_related("community").prefetch_related("versions")),
        quotes=quotes,
        withdrawn=withdrawn,
        recommendations=list(
            report.recommendations.select_related("addressed_to").prefetch_related("themes", "communities")
        ),
        partners=sorted(
            project.project_partners.filter(
                Q(organisation_id=scope.organisation_id) if scope.organisation_id else Q()
            ).values_list("organisation__name", flat=True)
        ),
        activities=[(f"{a.held_on:%d %B %Y}", a.get_method_display(), a.partner.name) for a in activities],
    )
