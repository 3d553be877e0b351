"""Getters for `influence`'s records: every request fetches them here (404 outside a person's scope).

- Host admins and staff read and change every recommendation.
- The steering group reads every recommendation (it oversees the whole list), and changes none.
- Partner members read the recommendations of the projects their organisation is part of, and change none.
- An addressee without an account reaches one recommendation through their link: the token is looked up by its
  sha256, and the link only ever leads to its own recommendation.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from heard.accounts.models import User
from heard.accounts.requests import signed_in_user
from heard.core.getters import get_or_404
from heard.influence.models import Commitment, Recommendation, ResponseLink
from heard.influence.models.responses import hash_token
from heard.reporting.models import ReportRecommendation


def recommendations_for_user(user: User) -> QuerySet[Recommendation]:
    recommendations = Recommendation.objects.select_related("organisation", "project")
    if user.is_host or user.is_steering_member:
        return recommendations
    if user.is_partner_member and user.organisation_id:
        return recommendations.filter(project__project_partners__organisation_id=user.organisation_id).distinct()
    return recommendations.none()


def get_recommendation_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> Recommendation:
    user = signed_in_user(request)
    rec = get_or_404(recommendations_for_user(user), "No such recommendation", pk=pk)
    if write and not user.is_host:
        raise PermissionDenied("Only the host's staff change recommendations.")
    return rec


def get_link_for_user(request: HttpRequest, pk: int) -> ResponseLink:
    """A response link, for host staff to revoke."""
    user = signed_in_user(request)
    try:
        link = ResponseLink.objects.select_related("recommendation", "addressee").get(
            pk=pk, recommendation__in=recommendations_for_user(user)
        )
    except ResponseLink.DoesNotExist:
        raise Http404("No such link") from None
    if not user.is_host:
        raise PermissionDenied("Only the host's staff revoke links.")
    return link


def get_source_for_user(request: HttpRequest, pk: int) -> ReportRecommendation:
    """One of a report's recommendations, for host staff to make a tracked recommendation from."""
    user = signed_in_user(request)
    if not user.is_host:
        raise PermissionDenied("Only the host's staff make recommendations.")
    return get_or_404(
        ReportRecommendation.objects.select_related("report__project", "addressed_to_person"),
        "No such recommendation in a report",
        pk=pk,
    )


def live_link_for_token(token: str) -> ResponseLink | None:
    """The link a token opens, if it is live (not expired, not revoked); None otherwise."""
    if not token or len(token) > 100:
        return None
    link = (
        ResponseLink.objects.select_related("recommendation__organisation", "recommendation__project", "addressee")
        .filter(token_hash=hash_token(token))
        .first()
    )
    return link if link is not None and link.is_live() else None


def commitment_for_link(link: ResponseLink, pk: int | None) -> Commitment | None:
    """One of the link's own recommendation's actions (never another's)."""
    if pk is None:
        return None
    return Commitment.objects.filter(pk=pk, recommendation_id=link.recommendation_id).first()
