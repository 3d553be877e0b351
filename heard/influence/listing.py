"""The host's list of recommendations: filters, and the rows the command and exports give."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from heard.engagement.models import Project
from heard.engagement.scope import AggregateScope, command_scope
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


def verdict(rec: Recommendation, scope: AggregateScope) -> str | None:
    """The residents' verdict on it so far ("7 of 9 felt listened to"; protected unless the scope is exact), or
    None when nobody has given one."""
    from heard.influence import verdict_results

    return verdict_results.summary(scope, verdict_results.verdicts_in_scope(scope).filter(recommendation=rec))


class Scopes:
    """One aggregate scope per project, made when first needed: `scope_for(project)` builds it."""

    def __init__(self, scope_for: Callable[[Project], AggregateScope]) -> None:
        self.scope_for = scope_for
        self.made: dict[int, AggregateScope] = {}

    def verdict(self, rec: Recommendation) -> str | None:
        if rec.project_id not in self.made:
            self.made[rec.project_id] = self.scope_for(rec.project)
        return verdict(rec, self.made[rec.project_id])


def command_rows(recommendations: Iterable[Recommendation]) -> list[dict[str, Any]]:
    """For `heard recommendations`: run by the host on the server, so verdicts are exact."""
    scopes = Scopes(command_scope)
    return [
        {
            "id": rec.pk,
            "title": rec.title,
            "addressee": rec.organisation.name,
            "status": rec.status,
            "overdue": rec.overdue,
            "sent_on": rec.sent_on.isoformat() if rec.sent_on else None,
            "due_on": rec.due_on.isoformat() if rec.due_on else None,
            "verdict": scopes.verdict(rec),
        }
        for rec in recommendations
    ]
