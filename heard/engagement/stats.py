"""The figures a project dashboard shows: who was heard, from which communities and partners, and what is
outstanding. Counts are exact here; templates suppress small numbers for anyone but host staff."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.utils import timezone

from heard.engagement.models import Experience, Method, Project


@dataclass
class Row:
    label: str
    count: int
    share: int = 0
    target: int | None = None
    slug: str = ""


@dataclass
class Dashboard:
    people_heard: int
    people_taking_part: int
    activities: int
    quotable: int
    languages: int
    by_community: list[Row]
    by_partner: list[Row]
    by_method: list[Row]
    outstanding: list[str] = field(default_factory=list)


def _share(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def project_dashboard(project: Project) -> Dashboard:
    experiences = Experience.objects.filter(project=project)
    total = experiences.count()
    activities = project.activities.all()
    totals = activities.aggregate(n=Count("id"), people=Sum("people_count"))

    community_counts: dict[int | None, int] = dict(
        experiences.values_list("community_id").annotate(n=Count("id")).order_by().values_list("community_id", "n")
    )
    by_community = [
        Row(c.name, community_counts.get(c.pk, 0), _share(community_counts.get(c.pk, 0), total), slug=c.slug)
        for c in project.communities.all()
    ]
    if community_counts.get(None):
        by_community.append(Row("No community recorded", community_counts[None], _share(community_counts[None], total)))
    by_community.sort(key=lambda r: -r.count)

    partner_counts: dict[int, int] = dict(
        experiences.values_list("partner_id").annotate(n=Count("id")).order_by().values_list("partner_id", "n")
    )
    by_partner = []
    for role in project.project_partners.select_related("organisation"):
        n = partner_counts.get(role.organisation_id, 0)
        by_partner.append(Row(role.organisation.name, n, _share(n, total), role.target_people, role.organisation.slug))
    by_partner.sort(key=lambda r: -r.count)

    method_counts: dict[str, int] = dict(
        experiences.exclude(activity=None)
        .values_list("activity__method")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("activity__method", "n")
    )
    by_method = [
        Row(label, method_counts.get(value, 0), _share(method_counts.get(value, 0), total))
        for value, label in Method.choices
    ]

    languages = set(experiences.exclude(main_language="").values_list("main_language", flat=True).distinct())

    outstanding: list[str] = []
    for row in by_partner:
        if row.target and row.count < row.target:
            outstanding.append(f"{row.label} has heard from {row.count} of the {row.target} residents agreed.")
    for row in by_community:
        if row.slug and row.count == 0:
            outstanding.append(f"Nobody from {row.label} has been heard yet.")
    today = timezone.localdate()
    without_records = (
        activities.filter(held_on__lt=today).annotate(n=Count("experiences")).filter(n=0, people_count__gt=0)
    )
    for activity in without_records.select_related("partner")[:10]:
        outstanding.append(f"{activity.partner}: no records yet from “{activity.title}” ({activity.held_on:%d %b %Y}).")
    no_consent_method = experiences.filter(Q(consent_store=True) & Q(consent_method="")).count()
    if no_consent_method:
        outstanding.append(f"{no_consent_method} records do not say how consent was given.")

    return Dashboard(
        people_heard=total,
        people_taking_part=totals["people"] or 0,
        activities=totals["n"] or 0,
        quotable=experiences.quotable().count(),
        languages=len(languages),
        by_community=by_community,
        by_partner=by_partner,
        by_method=by_method,
        outstanding=outstanding,
    )
