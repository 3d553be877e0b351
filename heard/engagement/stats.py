"""The figures a project dashboard shows: who was heard, from which communities and partners, and what is
outstanding. Counted over the person's aggregate scope and protected for anyone but host staff: the three
breakdowns add up to the people heard, so they are protected together (heard.lib.disclosure)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, DateField, Q, QuerySet, Sum
from django.db.models.functions import Cast, TruncMonth
from django.utils import timezone

from heard.engagement.models import QUOTABLE, Activity, Experience, Method
from heard.engagement.scope import AggregateScope
from heard.lib.disclosure import Cell, Line


@dataclass
class Row:
    label: str
    count: int  # exact: never put it on a page; show `figure`
    figure: Cell | None = None
    share: int | None = None
    quotable: Cell | None = None  # by community: how many agreed to be quoted
    quotable_count: int = 0
    target: int | None = None
    slug: str = ""


@dataclass
class Dashboard:
    people_heard: Cell
    people_taking_part: Cell
    activities: int
    quotable: Cell
    languages: int
    by_community: list[Row]
    by_partner: list[Row]
    by_method: list[Row]
    outstanding: list[str] = field(default_factory=list)
    note: str = ""
    # Exact residents heard per (month, partner id), counted in the same pass, for the reach chart
    # (heard.engagement.reach protects them): never put them on a page as they are.
    by_month: dict[tuple[datetime.date, int | None], int] = field(default_factory=dict)
    partner_names: dict[int, str] = field(default_factory=dict)


@dataclass
class _Counts:
    """The dashboard's counts from one pass over the records in scope (one GROUP BY, not one scan per figure)."""

    total: int = 0
    quotable: int = 0
    no_consent_method: int = 0
    by_community: dict[int | None, int] = field(default_factory=dict)
    quotable_by_community: dict[int | None, int] = field(default_factory=dict)
    by_partner: dict[int, int] = field(default_factory=dict)
    by_method: dict[str | None, int] = field(default_factory=dict)
    by_month: dict[tuple[datetime.date, int | None], int] = field(default_factory=dict)


def _add(counts: dict, key: object, n: int) -> None:  # type: ignore[type-arg]
    if n:
        counts[key] = counts.get(key, 0) + n


def _counts(experiences: QuerySet[Experience]) -> _Counts:
    rows = (
        experiences.order_by()
        .annotate(month=Cast(TruncMonth("collected_on"), DateField()))  # a date: cheaper to read than a timestamp
        .values_list("community_id", "partner_id", "activity_id", "month")
        .annotate(
            n=Count("id"),
            quotable=Count("id", filter=QUOTABLE),
            no_method=Count("id", filter=Q(consent_store=True, consent_method="")),
        )
    )
    counts = _Counts()
    by_community, quotable_by_community = counts.by_community, counts.quotable_by_community
    by_partner, by_month = counts.by_partner, counts.by_month
    by_activity: dict[int | None, int] = {}
    for community_id, partner_id, activity_id, month, n, quotable, no_method in rows:
        counts.total += n
        counts.quotable += quotable
        counts.no_consent_method += no_method
        by_community[community_id] = by_community.get(community_id, 0) + n
        if quotable:
            quotable_by_community[community_id] = quotable_by_community.get(community_id, 0) + quotable
        by_partner[partner_id] = by_partner.get(partner_id, 0) + n
        by_activity[activity_id] = by_activity.get(activity_id, 0) + n
        if month is not None:
            key = (datetime.date(month.year, month.month, 1), partner_id)
            by_month[key] = by_month.get(key, 0) + n
    methods = dict(Activity.objects.filter(pk__in=[pk for pk in by_activity if pk]).values_list("pk", "method"))
    for activity_id, n in by_activity.items():
        _add(counts.by_method, methods.get(activity_id) if activity_id else None, n)
    return counts


def _sort(rows: list[Row], *, exact: bool) -> list[Row]:
    """Largest first. Protected: by the shown figure, hidden ones last, so the order gives nothing away."""
    if exact:
        return sorted(rows, key=lambda r: -r.count)
    return sorted(
        rows, key=lambda r: (r.figure is None or r.figure.shown is None, -((r.figure and r.figure.shown) or 0), r.label)
    )


def project_dashboard(scope: AggregateScope) -> Dashboard:
    project = scope.project
    experiences = scope.experiences
    counts = _counts(experiences)
    total = counts.total
    activities = project.activities.all()
    if scope.organisation_id is not None:
        activities = activities.filter(partner_id=scope.organisation_id)
    totals = activities.aggregate(n=Count("id"), people=Sum("people_count"))

    community_counts = counts.by_community
    quotable_counts = counts.quotable_by_community
    communities = list(project.communities.all())
    by_community = [
        Row(c.name, community_counts.get(c.pk, 0), slug=c.slug, quotable_count=quotable_counts.get(c.pk, 0))
        for c in communities
    ]
    listed_communities = {c.pk for c in communities}
    elsewhere = [pk for pk in community_counts if pk is not None and pk not in listed_communities]
    if elsewhere:
        by_community.append(
            Row(
                "Other communities",
                sum(community_counts[pk] for pk in elsewhere),
                quotable_count=sum(quotable_counts.get(pk, 0) for pk in elsewhere),
            )
        )
    if community_counts.get(None):
        by_community.append(
            Row("No community recorded", community_counts[None], quotable_count=quotable_counts.get(None, 0))
        )

    partner_counts = counts.by_partner
    roles = project.project_partners.select_related("organisation")
    if scope.organisation_id is not None:
        roles = roles.filter(organisation_id=scope.organisation_id)
    by_partner = [
        Row(
            role.organisation.name,
            partner_counts.get(role.organisation_id, 0),
            target=role.target_people,
            slug=role.organisation.slug,
        )
        for role in roles
    ]
    listed = {role.organisation_id for role in roles}
    other_partners = sum(n for pk, n in partner_counts.items() if pk not in listed)
    if other_partners:
        by_partner.append(Row("Other organisations", other_partners))

    method_counts = counts.by_method
    by_method = [Row(label, method_counts.get(value, 0)) for value, label in Method.choices]
    if method_counts.get(None):
        by_method.append(Row("No activity recorded", method_counts[None]))

    # One table of figures: every row of each breakdown, then the people heard they all add up to.
    breakdowns = [by_community, by_partner, by_method]
    values = [row.count for rows in breakdowns for row in rows] + [total]
    lines: list[Line] = []
    start = 0
    for rows in breakdowns:
        if sum(r.count for r in rows) == total:
            lines.append((list(range(start, start + len(rows))), len(values) - 1))
        start += len(rows)
    # ... and those who agreed to be quoted, by community, adding up to all who agreed.
    quotable_total = counts.quotable
    quotable_at = len(values)
    values += [row.quotable_count for row in by_community] + [quotable_total]
    if sum(row.quotable_count for row in by_community) == quotable_total:
        lines.append((list(range(quotable_at, quotable_at + len(by_community))), len(values) - 1))
    cells = scope.protect(values, lines)
    people_heard = cells[quotable_at - 1]
    for row, cell in zip([row for rows in breakdowns for row in rows], cells, strict=False):
        row.figure = cell
        row.share = cell.share_of(people_heard)
    for row, cell in zip(by_community, cells[quotable_at:], strict=False):
        row.quotable = cell

    languages = set(experiences.exclude(main_language="").order_by().values_list("main_language", flat=True).distinct())

    outstanding: list[str] = []
    for row in by_partner:
        shown = row.figure.shown if row.figure else None
        if row.target and row.count < row.target and (scope.exact or shown is None or shown < row.target):
            outstanding.append(
                f"{row.label} has heard from {scope.words(row.count)} of the {row.target} residents agreed."
            )
    if scope.organisation_id is None:
        for row in by_community:
            if row.slug and row.count == 0:
                outstanding.append(f"Nobody from {row.label} has been heard yet.")
    today = timezone.localdate()
    without_records = activities.filter(held_on__lt=today, people_count__gt=0, experiences__isnull=True).order_by(
        "-held_on", "title"
    )
    for activity in without_records.select_related("partner")[:10]:
        outstanding.append(f"{activity.partner}: no records yet from “{activity.title}” ({activity.held_on:%d %b %Y}).")
    no_consent_method = counts.no_consent_method
    if no_consent_method:
        verb = "does" if scope.exact and no_consent_method == 1 else "do"
        noun = "record" if scope.exact and no_consent_method == 1 else "records"
        outstanding.append(
            f"{scope.words(no_consent_method).capitalize()} {noun} {verb} not say how consent was given."
        )

    return Dashboard(
        people_heard=people_heard,
        people_taking_part=scope.figure(totals["people"] or 0),
        activities=totals["n"] or 0,
        quotable=cells[-1],
        languages=len(languages),
        by_community=_sort(by_community, exact=scope.exact),
        by_partner=_sort(by_partner, exact=scope.exact),
        by_method=by_method,
        outstanding=outstanding,
        note=scope.note,
        by_month=counts.by_month,
        partner_names={role.organisation_id: role.organisation.name for role in roles},
    )
