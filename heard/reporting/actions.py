"""Every write in `reporting`: one named verb each, one transaction, one audit event."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from heard.accounts.models import User
from heard.core import audit
from heard.core.models import AuditVerb
from heard.engagement.models import Answer, Project
from heard.partners.models import Community
from heard.reporting.models import (
    ChosenQuote,
    PublishedReport,
    Report,
    ReportRecommendation,
    ReportSection,
    SectionKind,
    SectionVersion,
)

# Autosaves by one person within this long of their last one update that draft version instead of adding one,
# so typing does not bury the history; saving ("Save version") always adds one.
AUTOSAVE_WINDOW = datetime.timedelta(minutes=15)

ORDER_BEFORE_COMMUNITIES = [SectionKind.SUMMARY, SectionKind.HOW_WE_LISTENED, SectionKind.WHO_WE_HEARD]
ORDER_AFTER_COMMUNITIES = [
    SectionKind.CROSS_CUTTING,
    SectionKind.RECOMMENDATIONS,
    SectionKind.NEXT_STEPS,
    SectionKind.THANKS,
    SectionKind.NOTES_ON_DATA,
]
HEADINGS = {
    SectionKind.SUMMARY: "Summary",
    SectionKind.HOW_WE_LISTENED: "How we listened",
    SectionKind.WHO_WE_HEARD: "Who we heard from",
    SectionKind.CROSS_CUTTING: "What we heard across every community",
    SectionKind.RECOMMENDATIONS: "Recommendations",
    SectionKind.NEXT_STEPS: "Next steps",
    SectionKind.THANKS: "Thank you",
    SectionKind.NOTES_ON_DATA: "Notes on data, methods and attribution",
}


def _add_missing_sections(report: Report) -> int:
    """Sections for every kind, and one per community of the project; returns how many were added."""
    have = {(s.kind, s.community_id) for s in report.sections.all()}
    wanted: list[tuple[str, Community | None, str]] = [(k, None, HEADINGS[k]) for k in ORDER_BEFORE_COMMUNITIES]
    wanted += [(SectionKind.COMMUNITY, c, c.name) for c in report.project.communities.order_by("name")]
    wanted += [(k, None, HEADINGS[k]) for k in ORDER_AFTER_COMMUNITIES]
    added = 0
    for position, (kind, community, heading) in enumerate(wanted):
        key = (kind, community.pk if community else None)
        if key in have:
            ReportSection.objects.filter(report=report, kind=kind, community=community).update(position=position)
            continue
        ReportSection.objects.create(report=report, kind=kind, community=community, heading=heading, position=position)
        added += 1
    return added


@transaction.atomic
def start_report(*, actor: User | None, project: Project, title: str = "") -> Report:
    """The project's report, with a section of each kind and one per community (the existing one if started)."""
    report, created = Report.objects.get_or_create(
        project=project, defaults={"title": title or f"{project.name}: what we heard", "created_by": actor}
    )
    added = _add_missing_sections(report)
    audit.record(
        actor=actor,
        verb=AuditVerb.CREATED if created else AuditVerb.CHANGED,
        target=report,
        project_id=project.pk,
        summary="Report started" if created else f"Report sections brought up to date ({added} added)",
    )
    return report


def _next_number(section: ReportSection) -> int:
    return (section.versions.aggregate(n=Max("number"))["n"] or 0) + 1


@transaction.atomic
def save_narrative(*, actor: User, section: ReportSection, text: str, autosave: bool = False) -> SectionVersion:
    """A section's narrative as `actor` wrote it: a new version (an autosave within AUTOSAVE_WINDOW of the same
    person's last autosave updates that draft instead). Unchanged text adds nothing."""
    section = ReportSection.objects.select_for_update().get(pk=section.pk)
    text = text.replace("\r\n", "\n")
    current = section.versions.order_by("-number").first()
    if current is not None and current.text == text:
        if not autosave and current.autosaved:
            current.autosaved = False
            current.save(update_fields=["autosaved"])
        return current
    if (
        autosave
        and current is not None
        and current.autosaved
        and current.author_id == actor.pk
        and timezone.now() - current.created_at < AUTOSAVE_WINDOW
    ):
        before = current.text
        current.text = text
        current.save(update_fields=["text"])
        version = current
    else:
        before = current.text if current else ""
        version = SectionVersion.objects.create(
            section=section, number=_next_number(section), text=text, author=actor, autosaved=autosave
        )
    audit.record(
        actor=actor,
        verb=AuditVerb.CHANGED,
        target=section,
        project_id=section.report.project_id,
        summary=f"{'Autosaved' if autosave else 'Saved'} “{section.heading}” (version {version.number})",
        before={"text": before},
        after={"text": text},
    )
    return version


@transaction.atomic
def restore_version(*, actor: User, version: SectionVersion) -> SectionVersion:
    """Make an earlier version the current one: a new version with its words (history is never rewritten)."""
    section = ReportSection.objects.select_for_update().get(pk=version.section_id)
    restored = SectionVersion.objects.create(
        section=section, number=_next_number(section), text=version.text, author=actor, restored_from=version
    )
    audit.record(
        actor=actor,
        verb=AuditVerb.RESTORED,
        target=section,
        project_id=section.report.project_id,
        summary=f"Restored version {version.number} of “{section.heading}” as version {restored.number}",
    )
    return restored


@transaction.atomic
def choose_quote(*, actor: User, section: ReportSection, answer: Answer) -> ChosenQuote:
    """Add a resident's answer to a section's quotes, last in order (the caller checked it is quotable)."""
    existing = ChosenQuote.objects.filter(section=section, answer=answer).first()
    if existing:
        return existing
    position = (section.quotes.aggregate(n=Max("position"))["n"] or 0) + 1
    quote = ChosenQuote.objects.create(section=section, answer=answer, position=position, chosen_by=actor)
    audit.record(
        actor=actor,
        verb=AuditVerb.CREATED,
        target=quote,
        project_id=section.report.project_id,
        summary=f"Quote from answer {answer.pk} chosen for “{section.heading}”",
    )
    return quote


@transaction.atomic
def remove_quote(*, actor: User, quote: ChosenQuote) -> None:
    section = quote.section
    answer_id = quote.answer_id
    quote.delete()
    audit.record(
        actor=actor,
        verb=AuditVerb.DELETED,
        target_type="reporting.chosenquote",
        target_label=f"Quote from answer {answer_id}",
        project_id=section.report.project_id,
        summary=f"Quote from answer {answer_id} taken out of “{section.heading}”",
    )


@transaction.atomic
def move_quote(*, actor: User, quote: ChosenQuote, up: bool) -> None:
    """Swap a quote with the one before (up) or after it."""
    quotes = list(quote.section.quotes.order_by("position", "pk"))
    index = next(i for i, q in enumerate(quotes) if q.pk == quote.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(quotes):
        quotes[index], quotes[other] = quotes[other], quotes[index]
    for position, item in enumerate(quotes, start=1):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])
    audit.record(
        actor=actor,
        verb=AuditVerb.CHANGED,
        target=quote,
        project_id=quote.section.report.project_id,
        summary=f"Quote from answer {quote.answer_id} moved {'up' if up else 'down'} in “{quote.section.heading}”",
    )


@transaction.atomic
def save_recommendation(
    *,
    actor: User,
    recommendation: ReportRecommendation,
    themes: Iterable[Any] | None = None,
    communities: Iterable[Any] | None = None,
) -> ReportRecommendation:
    creating = recommendation.pk is None
    before = None if creating else audit.snapshot(ReportRecommendation.objects.get(pk=recommendation.pk))
    if creating and not recommendation.position:
        last = recommendation.report.recommendations.aggregate(n=Max("position"))["n"] or 0
        recommendation.position = last + 1
    recommendation.save()
    if themes is not None:
        recommendation.themes.set(themes)
    if communities is not None:
        recommendation.communities.set(communities)
    audit.record(
        actor=actor,
        verb=AuditVerb.CREATED if creating else AuditVerb.CHANGED,
        target=recommendation,
        project_id=recommendation.report.project_id,
        organisation_id=recommendation.addressed_to_id,
        before=before,
        after=audit.snapshot(recommendation),
    )
    return recommendation


@transaction.atomic
def delete_recommendation(*, actor: User, recommendation: ReportRecommendation) -> None:
    project_id = recommendation.report.project_id
    before = audit.snapshot(recommendation)
    label = str(recommendation)
    recommendation.delete()
    audit.record(
        actor=actor,
        verb=AuditVerb.DELETED,
        target_type="reporting.reportrecommendation",
        target_label=label,
        project_id=project_id,
        before=before,
    )


@transaction.atomic
def publish(
    *, actor: User | None, report: Report, documents: dict[str, Any], findings: list[str] | None = None
) -> PublishedReport:
    """Freeze the report as it is rendered for the public now: a new published version with its own permanent
    link. `documents` is what `heard.reporting.render.public_snapshot` built."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    number = (report.published_versions.aggregate(n=Max("number"))["n"] or 0) + 1
    published = PublishedReport.objects.create(
        report=report,
        number=number,
        title=report.title,
        published_by=actor,
        documents=documents,
        findings=list(findings or []),
    )
    audit.record(
        actor=actor,
        verb=AuditVerb.PUBLISHED,
        target=published,
        project_id=report.project_id,
        summary=f"Report published as version {number}",
    )
    return published


@transaction.atomic
def note_export(*, actor: User | None, report: Report, what: str, path: str = "") -> None:
    """A file of the report written by `heard report`: one audit event."""
    audit.record(
        actor=actor,
        actor_label="heard report",
        verb=AuditVerb.EXPORTED,
        target=report,
        project_id=report.project_id,
        summary=f"Report {what} written" + (f" to {path}" if path else ""),
    )
