"""Indicators computed from Heard's own records, for the theory of change's outcomes.

Each metric takes an aggregate scope (engagement.scope: the records a person's figures count) and returns a
number. Counts of residents or of their answers are shown through the scope (`shown`): exact for host staff,
protected for everyone else. Shares and counts of partners or activities are not counts of residents and are
shown as they are.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from django.db.models import F, Q
from django.utils import timezone

from heard.engagement.models import Activity, Project
from heard.engagement.scope import AggregateScope, command_scope
from heard.governance.models import Indicator, IndicatorSnapshot, TheoryOfChange

BROAD_ETHNIC_GROUPS: Final = "ethnic_group_5"


@dataclass(frozen=True)
class Metric:
    key: str
    name: str
    unit: str
    counts_residents: bool  # shown protected outside host staff
    compute: Callable[[AggregateScope], float]


def _ethnic_rows(scope: AggregateScope) -> list[tuple[int, float | None, float]]:
    """(people heard, share heard, share of the population) for each broad ethnic group in the project's areas;
    empty when the project has no areas or Heard has no Census figures for them."""
    from heard.place import missing

    codes = list(scope.project.area_codes or [])
    if not codes:
        return []
    try:
        report = missing.compare_experiences(scope.experiences, codes)
    except missing.UnknownArea:
        return []
    for comparison in report.comparisons:
        if comparison.dimension == BROAD_ETHNIC_GROUPS:
            return [(row.heard, row.share_heard, row.share_population) for row in comparison.rows]
    return []


def residents_heard(scope: AggregateScope) -> float:
    return scope.experiences.count()


def under_represented_heard(scope: AggregateScope) -> float:
    """Residents heard from broad ethnic groups whose share of the people heard is below their Census share."""
    return sum(heard for heard, share, population in _ethnic_rows(scope) if (share or 0.0) < population)


def communities_at_share(scope: AggregateScope) -> float:
    """Per cent of the broad ethnic groups heard at or above their share of the local population."""
    rows = _ethnic_rows(scope)
    if not rows:
        return 0.0
    at_share = sum(1 for _heard, share, population in rows if share is not None and share >= population)
    return round(100 * at_share / len(rows), 1)


def answers_coded(scope: AggregateScope) -> float:
    """Residents' answers given at least one theme (analysis)."""
    return scope.answers().filter(codes__applied=True).distinct().count()


def activities_held(scope: AggregateScope) -> float:
    activities = Activity.objects.filter(project=scope.project)
    if scope.organisation_id is not None:
        activities = activities.filter(partner_id=scope.organisation_id)
    return activities.count()


def partners_heard_from(scope: AggregateScope) -> float:
    """Partners who have recorded at least one resident's experience."""
    return scope.experiences.order_by().values("partner_id").distinct().count()


def residents_with_demographics(scope: AggregateScope) -> float:
    """Per cent of residents heard who told us their ethnic group (so that who is missing can be seen)."""
    total = scope.experiences.count()
    if not total:
        return 0.0
    stated = scope.experiences.exclude(Q(ethnic_group="") | Q(ethnic_group__startswith="prefer")).count()
    return round(100 * stated / total, 1)


ACCEPTED: Final = ("accepted", "partly_accepted", "in_progress", "changed")


def recommendations_accepted(scope: AggregateScope) -> float:
    """The project's recommendations accepted, in whole or in part (including those now in progress or changed)."""
    from heard.influence.models import Recommendation

    return Recommendation.objects.filter(project=scope.project, status__in=ACCEPTED).count()


def changes_evidenced(scope: AggregateScope) -> float:
    """The project's recommendations with evidence that something changed."""
    from heard.influence.models import Recommendation

    return Recommendation.objects.filter(project=scope.project, evidence__kind="change").distinct().count()


def residents_felt_heard(scope: AggregateScope) -> float:
    """Residents who said in their verdict that they felt listened to (a partner counts its own verdicts)."""
    from heard.influence.models import Verdict

    verdicts = Verdict.objects.filter(project=scope.project, listened="yes")
    if scope.organisation_id is not None:
        verdicts = verdicts.filter(partner_id=scope.organisation_id)
    return verdicts.count()


def partners_paid_on_time(scope: AggregateScope) -> float:
    """Per cent of partners' advance and instalment payments due by today that were paid on or before their due
    date (a partner sees its own)."""
    from heard.funding.models import Payment

    due = Payment.objects.filter(
        allocation__project=scope.project,
        kind__in=("advance", "instalment"),
        due_on__lte=timezone.localdate(),
    ).exclude(status="cancelled")
    if scope.organisation_id is not None:
        due = due.filter(allocation__organisation_id=scope.organisation_id)
    total = due.count()
    if not total:
        return 0.0
    on_time = due.filter(status="paid", paid_on__lte=F("due_on")).count()
    return round(100 * on_time / total, 1)


METRICS: Final[dict[str, Metric]] = {
    m.key: m
    for m in (
        Metric("residents_heard", "Residents heard", "residents", True, residents_heard),
        Metric(
            "under_represented_heard",
            "Residents heard from groups under-represented so far",
            "residents",
            True,
            under_represented_heard,
        ),
        Metric(
            "communities_at_share",
            "Broad ethnic groups heard at or above their Census share",
            "%",
            False,
            communities_at_share,
        ),
        Metric("answers_coded", "Residents' answers coded to a theme", "answers", True, answers_coded),
        Metric("activities_held", "Activities held", "activities", False, activities_held),
        Metric("partners_heard_from", "Partners who have heard from residents", "partners", False, partners_heard_from),
        Metric(
            "residents_with_demographics",
            "Residents heard who told us their ethnic group",
            "%",
            False,
            residents_with_demographics,
        ),
        Metric(
            "recommendations_accepted", "Recommendations accepted", "recommendations", False, recommendations_accepted
        ),
        Metric(
            "changes_evidenced", "Recommendations with evidence of change", "recommendations", False, changes_evidenced
        ),
        Metric("residents_felt_heard", "Residents who felt listened to", "residents", True, residents_felt_heard),
        Metric("partners_paid_on_time", "Partners' payments made on time", "%", False, partners_paid_on_time),
    )
}
METRIC_CHOICES: Final = [(m.key, m.name) for m in METRICS.values()]


@dataclass(frozen=True)
class IndicatorValue:
    indicator: Indicator
    metric: Metric
    value: float
    shown: str  # as the reader sees it: through the scope for counts of residents
    target: float | None
    computed_at: datetime.datetime

    @property
    def outcome(self) -> str:
        return self.indicator.outcome.text


def compute(indicator: Indicator, scope: AggregateScope, *, at: datetime.datetime | None = None) -> IndicatorValue:
    metric = METRICS[indicator.metric]
    value = float(metric.compute(scope))
    if metric.counts_residents:
        shown = str(scope.figure(int(value)))
    else:
        shown = f"{value:g}{'%' if metric.unit == '%' else ''}"
    return IndicatorValue(
        indicator,
        metric,
        value,
        shown,
        float(indicator.target) if indicator.target is not None else None,
        at or timezone.now(),
    )


def indicators_of(toc: TheoryOfChange) -> list[Indicator]:
    return [
        i
        for i in Indicator.objects.filter(outcome__toc=toc)
        .select_related("outcome")
        .order_by("outcome__position", "id")
        if i.metric in METRICS
    ]


def current_toc(project: Project) -> TheoryOfChange | None:
    """The version people work from: the newest approved one, else the newest draft."""
    versions = TheoryOfChange.objects.filter(project=project)
    return (
        versions.filter(approved_on__isnull=False).order_by("-number").first() or versions.order_by("-number").first()
    )


def project_values(toc: TheoryOfChange, scope: AggregateScope) -> list[IndicatorValue]:
    at = timezone.now()
    return [compute(indicator, scope, at=at) for indicator in indicators_of(toc)]


def command_values(project: Project) -> list[IndicatorValue]:
    """Every indicator of the project's current theory of change, exact (commands run on the server)."""
    toc = current_toc(project)
    return project_values(toc, command_scope(project)) if toc else []


def trend(project: Project, metric: str) -> list[IndicatorSnapshot]:
    return list(IndicatorSnapshot.objects.filter(project=project, metric=metric).order_by("taken_on"))
