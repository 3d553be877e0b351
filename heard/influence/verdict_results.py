"""Residents' verdicts counted: per community and per recommendation, through the aggregate-scope rule.

Whose verdicts a person's figures count follows `engagement.scope`: host staff count every verdict exactly; a
partner member counts only the verdicts their own organisation collected, protected; the steering group and the
public pages count every verdict, protected (1 to 4 shown as "<5", the rest rounded to the nearest 5, "[c]" where
subtraction would give a small count away).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db.models import QuerySet

from heard.engagement.models import Project
from heard.engagement.scope import AggregateScope
from heard.influence.models import Recommendation, RecommendationStatus, Verdict
from heard.lib.disclosure import Cell, Line

# The columns of a results table: (heading, field, the answer counted). Each counts verdicts with that answer.
COLUMNS: list[tuple[str, str, str]] = [
    ("Felt listened to", "listened", "yes"),
    ("Saw a change", "saw_change", "yes"),
    ("Would take part again", "again", "yes"),
    ("Feel more able to influence things", "influence", "more"),
    ("Feel less able", "influence", "less"),
]


def verdicts_in_scope(scope: AggregateScope) -> QuerySet[Verdict]:
    """The verdicts the scope's figures count (the same people as its residents' records)."""
    verdicts = Verdict.objects.filter(project=scope.project)
    if scope.organisation_id is not None:
        return verdicts.filter(partner_id=scope.organisation_id)
    if scope.experiences.query.is_empty():  # someone who counts nothing
        return verdicts.none()
    return verdicts


@dataclass(frozen=True)
class ResultRow:
    label: str
    total: Cell
    cells: list[Cell]  # one per COLUMNS

    @property
    def pairs(self) -> list[tuple[str, Cell]]:
        return [(heading, cell) for (heading, _f, _a), cell in zip(COLUMNS, self.cells, strict=True)]


@dataclass(frozen=True)
class Results:
    rows: list[ResultRow]
    overall: ResultRow
    exact: bool
    note: str

    @property
    def headings(self) -> list[str]:
        return [heading for heading, _f, _a in COLUMNS]


def _counts(verdicts: Sequence[Verdict]) -> list[int]:
    return [len(verdicts), *(sum(1 for v in verdicts if getattr(v, f) == a) for _h, f, a in COLUMNS)]


def results(
    scope: AggregateScope,
    verdicts: QuerySet[Verdict],
    *,
    group: Callable[[Verdict], str],
    order: Sequence[str] = (),
    overall_label: str = "All verdicts",
) -> Results:
    """A table of verdicts grouped by `group` (each verdict in exactly one group), with the overall row; every
    column's groups add up to its overall figure, so secondary suppression sees each column as a line."""
    grouped: dict[str, list[Verdict]] = {label: [] for label in order}
    everything = list(verdicts)
    for verdict in everything:
        grouped.setdefault(group(verdict), []).append(verdict)
    labels = [label for label in grouped if grouped[label] or label in order]
    width = len(COLUMNS) + 1
    values = [n for label in labels for n in _counts(grouped[label])] + _counts(everything)
    at_overall = len(labels) * width
    lines: list[Line] = [([r * width + c for r in range(len(labels))], at_overall + c) for c in range(width)]
    cells = scope.protect(values, lines) if labels else scope.protect(_counts(everything))
    rows = [
        ResultRow(label, cells[r * width], cells[r * width + 1 : (r + 1) * width]) for r, label in enumerate(labels)
    ]
    overall = ResultRow(overall_label, cells[at_overall], cells[at_overall + 1 :])
    return Results(rows=rows, overall=overall, exact=scope.exact, note=scope.note)


def by_community(scope: AggregateScope) -> Results:
    verdicts = verdicts_in_scope(scope).select_related("community")
    names = [c.name for c in scope.project.communities.order_by("name")]
    return results(
        scope,
        verdicts,
        group=lambda v: v.community.name if v.community else "Not for one community",
        order=names,
    )


def sent_recommendations(project: Project) -> QuerySet[Recommendation]:
    """The project's recommendations residents can be asked about: every one past its draft."""
    return project.recommendations.exclude(status=RecommendationStatus.DRAFT).order_by("pk")


def by_recommendation(scope: AggregateScope) -> Results:
    verdicts = verdicts_in_scope(scope).select_related("recommendation")
    titles = {r.pk: f"{r.title} ({r.status_label.lower()})" for r in sent_recommendations(scope.project)}
    return results(
        scope,
        verdicts,
        group=lambda v: titles.get(v.recommendation_id or 0, "Not about one recommendation"),
        order=list(titles.values()),
    )


def summary(scope: AggregateScope, verdicts: QuerySet[Verdict]) -> str | None:
    """A short sentence: "7 of 9 felt listened to" (host staff), "fewer than 5 of about 10 ..." (anyone else);
    None when nobody has given a verdict."""
    answered = verdicts.exclude(listened="")
    total = answered.count()
    if not total:
        return None
    yes = answered.filter(listened="yes").count()
    return f"{scope.words(yes)} of {scope.words(total)} felt listened to"
