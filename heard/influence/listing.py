"""The host's list of recommendations: filters, and the rows the command and exports give."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from heard.influence.models import Recommendation, RecommendationStatus

OVERDUE = "overdue"


def overdue_q(today: datetime.date | None = None) -> Q:
    return Q(status=RecommendationStatus.SENT, due_on__lt=today or timezone.localdate())


def filtered(
    recommendations: QuerySet[Recommendation],
    *,
    project_id: int | None = None,
    status: str = "",
    organisation_id: int | None = None,
) -> QuerySet[Recommendation]:
    if project_id:
        recommendations = recommendations.filter(project_id=project_id)
    if status == OVERDUE:
        recommendations = recommendations.filter(overdue_q())
    elif status in RecommendationStatus.values:
        recommendations = recommendations.filter(status=status)
    if organisation_id:
        recommendations = recommendations.filter(organisation_id=organisation_id)
    return recommendations


def verdict(rec: Recommendation) -> Any:
    """The residents' verdict so far (from the "you said, we did" part, once it exists), or None."""
    summary = getattr(rec, "verdict_summary", None)
    return summary() if callable(summary) else None


def command_rows(recommendations: Iterable[Recommendation]) -> list[dict[str, Any]]:
    return [
        {
            "id": rec.pk,
            "title": rec.title,
            "addressee": rec.organisation.name,
            "status": rec.status,
            "overdue": rec.overdue,
            "sent_on": rec.sent_on.isoformat() if rec.sent_on else None,
            "due_on": rec.due_on.isoformat() if rec.due_on else None,
            "verdict": verdict(rec),
        }
        for rec in recommendations
    ]
