"""The board pack for the steering group and the Health and Wellbeing Board: every recommendation, what is
overdue, what changed, and the residents' verdicts, as a `heard.lib.documents.model.Document` that the documents
renderers turn into HTML and PDF."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils import timezone

from heard.influence.listing import Scopes
from heard.influence.models import Evidence, EvidenceKind, Recommendation, RecommendationStatus
from heard.lib.documents.model import BulletList, Document, Paragraph, Section, Table

CHANGED_IN_DAYS = 90


def _date(day: datetime.date | None) -> str:
    return day.strftime("%-d %b %Y") if day else ""


def _status(rec: Recommendation, today: datetime.date) -> str:
    return "Overdue" if rec.is_overdue(today) else rec.get_status_display()


def build(
    recommendations: QuerySet[Recommendation], *, scopes: Scopes, host: str = "", today: datetime.date | None = None
) -> Document:
    """`scopes` gives the aggregate scope of the person the pack is for (verdicts protected unless host staff)."""
    today = today or timezone.localdate()
    recs = list(recommendations.select_related("organisation", "project").order_by("project__name", "id"))
    overdue = [r for r in recs if r.is_overdue(today)]
    counts = Counter(_status(r, today) for r in recs)
    since = timezone.now() - datetime.timedelta(days=CHANGED_IN_DAYS)
    changes = list(
        Evidence.objects.filter(
            recommendation__in=[r.pk for r in recs], kind=EvidenceKind.CHANGE, created_at__gte=since
        )
        .select_related("recommendation__organisation")
        .order_by("-created_at")
    )
    summary = Section(
        "Summary",
        [
            Paragraph(
                f"{len(recs)} recommendation(s); {len(overdue)} overdue; "
                f"{counts.get(RecommendationStatus.CHANGED.label, 0)} with change evidenced.",
                style="lead",
            ),
            Table(
                caption="Recommendations by status",
                header=["Status", "Recommendations"],
                rows=[[status, str(n)] for status, n in sorted(counts.items())],
                numeric_columns=frozenset({1}),
            ),
        ],
    )
    every = Section(
        "Every recommendation",
        [
            Table(
                caption="Every recommendation, by project",
                header=["Project", "Recommendation", "Addressed to", "Status", "Sent", "Due", "Residents' verdict"],
                rows=[
                    [
                        r.project.name,
                        r.title,
                        r.organisation.name,
                        _status(r, today),
                        _date(r.sent_on),
                        _date(r.due_on),
                        _verdict_text(r, scopes),
                    ]
                    for r in recs
                ],
                note="Residents' verdicts: what residents who took part said when asked whether they felt heard.",
            )
        ],
    )
    late = Section(
        "Overdue",
        [
            BulletList(
                [
                    f"{r.title}: {r.organisation.name}, due {_date(r.due_on)} ({(today - r.due_on).days} days ago)"
                    + (
                        f"; escalated to the regulator {_date(r.regulator_escalated_on)}"
                        if r.regulator_escalated_on
                        else ""
                    )
                    for r in overdue
                    if r.due_on
                ]
            )
            if overdue
            else Paragraph("Nothing is overdue.")
        ],
    )
    changed = Section(
        f"What changed (last {CHANGED_IN_DAYS} days)",
        [BulletList([f"{e.recommendation.title} ({e.recommendation.organisation.name}): {e.text}" for e in changes])]
        if changes
        else [Paragraph("No change was evidenced in this time.")],
    )
    return Document(
        title="Recommendations: board pack",
        subtitle="For the steering group and the Health and Wellbeing Board",
        author=host,
        published=today,
        sections=[summary, late, changed, every, _verdicts(recs, scopes)],
    )


def _verdict_text(rec: Recommendation, scopes: Scopes) -> str:
    found = scopes.verdict(rec)
    if found is None:
        return "Not asked yet"
    return str(found)


def _verdicts(recs: Iterable[Recommendation], scopes: Scopes) -> Section:
    rows = [[r.title, _verdict_text(r, scopes)] for r in recs if r.status != RecommendationStatus.DRAFT]
    return Section(
        "Residents' verdicts",
        [
            Paragraph(
                "Whether residents felt listened to and saw anything change, next to each response. Counts under 5 "
                "are not shown."
            ),
            Table(
                caption="Residents' verdicts by recommendation", header=["Recommendation", "Verdict so far"], rows=rows
            ),
        ],
    )
