"""Writes to the theory of change: a new version (a draft copied from the current one), its elements and
indicators, approval, an import from a spreadsheet, and the indicators' snapshots (the trend)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Max

from heard.accounts.models import User
from heard.core import audit
from heard.core.models import AuditVerb
from heard.engagement.models import Project
from heard.engagement.scope import command_scope
from heard.governance import indicators
from heard.governance.models import ChangeElement, ElementKind, Indicator, IndicatorSnapshot, TheoryOfChange


class NotADraft(ValueError):
    """An approved version is kept as it was: start a new version to change it."""


@dataclass(frozen=True)
class PlannedElement:
    kind: str
    text: str
    assumptions: str = ""
    evidence: str = ""
    indicators: tuple[tuple[str, Decimal | None], ...] = ()  # (metric, target)


def _next_number(project: Project) -> int:
    return (TheoryOfChange.objects.filter(project=project).aggregate(n=Max("number"))["n"] or 0) + 1


def _copy_elements(source: TheoryOfChange, into: TheoryOfChange) -> None:
    for element in source.elements.prefetch_related("indicators"):
        copy = ChangeElement.objects.create(
            toc=into,
            kind=element.kind,
            text=element.text,
            assumptions=element.assumptions,
            evidence=element.evidence,
            position=element.position,
        )
        for indicator in element.indicators.all():
            Indicator.objects.create(outcome=copy, metric=indicator.metric, target=indicator.target)


@transaction.atomic
def start_version(
    *, actor: User | None, project: Project, bold_challenge: str = "", change_note: str = ""
) -> TheoryOfChange:
    """A new draft version, copied from the newest one (or empty for the first)."""
    latest = TheoryOfChange.objects.filter(project=project).order_by("-number").first()
    toc = TheoryOfChange.objects.create(
        project=project,
        number=_next_number(project),
        bold_challenge=bold_challenge or (latest.bold_challenge if latest else ""),
        change_note=change_note,
        written_by=actor if isinstance(actor, User) else None,
    )
    if latest is not None:
        _copy_elements(latest, toc)
    audit.record(actor=actor, verb=AuditVerb.CREATED, target=toc, project_id=project.pk, summary=change_note)
    return toc


def _check_draft(toc: TheoryOfChange) -> None:
    if not toc.is_draft:
        raise NotADraft(f"Version {toc.number} is approved and kept as it was: start a new version to change it.")


@transaction.atomic
def add_element(
    *, actor: User | None, toc: TheoryOfChange, kind: str, text: str, assumptions: str = "", evidence: str = ""
) -> ChangeElement:
    _check_draft(toc)
    if kind not in ElementKind.values:
        raise ValueError(f"Not a kind of element: {kind}")
    position = (toc.elements.aggregate(n=Max("position"))["n"] or 0) + 1
    element = ChangeElement.objects.create(
        toc=toc, kind=kind, text=text, assumptions=assumptions, evidence=evidence, position=position
    )
    audit.record(
        actor=actor, verb=AuditVerb.CREATED, target=element, project_id=toc.project_id, after=audit.snapshot(element)
    )
    return element


@transaction.atomic
def add_indicator(
    *, actor: User | None, outcome: ChangeElement, metric: str, target: Decimal | None = None
) -> Indicator:
    _check_draft(outcome.toc)
    if outcome.kind != ElementKind.OUTCOME:
        raise ValueError("Indicators belong to outcomes.")
    if metric not in indicators.METRICS:
        raise ValueError(f"Heard does not compute '{metric}'.")
    indicator = Indicator.objects.create(outcome=outcome, metric=metric, target=target)
    audit.record(
        actor=actor,
        verb=AuditVerb.CREATED,
        target=indicator,
        project_id=outcome.toc.project_id,
        summary=f"Indicator for: {outcome.text[:200]}",
        after=audit.snapshot(indicator),
    )
    return indicator


@transaction.atomic
def approve_version(
    *, actor: User | None, toc: TheoryOfChange, approved_by: str, approved_on: datetime.date
) -> TheoryOfChange:
    _check_draft(toc)
    toc.approved_by, toc.approved_on = approved_by, approved_on
    toc.save(update_fields=["approved_by", "approved_on"])
    audit.record(
        actor=actor,
        verb=AuditVerb.APPROVED,
        target=toc,
        project_id=toc.project_id,
        summary=f"Approved by {approved_by} on {approved_on}",
    )
    return toc


@transaction.atomic
def import_version(
    *, actor: User | None, project: Project, bold_challenge: str, elements: Sequence[PlannedElement], file_name: str
) -> TheoryOfChange:
    """A new draft version holding exactly what the checked spreadsheet said (all or nothing)."""
    toc = TheoryOfChange.objects.create(
        project=project,
        number=_next_number(project),
        bold_challenge=bold_challenge,
        change_note=f"Imported from {file_name}",
        written_by=actor if isinstance(actor, User) else None,
    )
    for position, planned in enumerate(elements, start=1):
        element = ChangeElement.objects.create(
            toc=toc,
            kind=planned.kind,
            text=planned.text,
            assumptions=planned.assumptions,
            evidence=planned.evidence,
            position=position,
        )
        for metric, target in planned.indicators:
            Indicator.objects.create(outcome=element, metric=metric, target=target)
    audit.record(
        actor=actor,
        verb=AuditVerb.IMPORTED,
        target=toc,
        project_id=project.pk,
        summary=f"Theory of change imported from {file_name}: {len(elements)} element(s)",
    )
    return toc


@transaction.atomic
def take_snapshots(*, project: Project, today: datetime.date) -> list[IndicatorSnapshot]:
    """Today's value of every metric the project's current theory of change uses (exact: kept for host staff;
    pages show counts of residents through the reader's scope). Once a day: a second run replaces the day's."""
    toc = indicators.current_toc(project)
    if toc is None:
        return []
    scope = command_scope(project)
    snapshots = []
    for metric in sorted({i.metric for i in indicators.indicators_of(toc)}):
        value = float(indicators.METRICS[metric].compute(scope))
        snapshot, _ = IndicatorSnapshot.objects.update_or_create(
            project=project, metric=metric, taken_on=today, defaults={"value": value}
        )
        snapshots.append(snapshot)
    audit.record(
        actor=None,
        actor_label="heard indicators",
        verb=AuditVerb.CREATED,
        target=toc,
        project_id=project.pk,
        summary=f"Indicator snapshots for {today}: {len(snapshots)}",
    )
    return snapshots
