"""Getters for `funding`'s records: every request fetches them here (404 outside a person's scope).

- Host admins and staff see and change everything: funders, pots, bids, budgets, every allocation and payment.
- A partner member sees only its own organisation's allocations, payments and recompense, and changes nothing.
- Steering-group members and anyone else see none of them; funders, pots and bids are the host's.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from heard.accounts.models import User
from heard.engagement.access import get_project_for_user
from heard.engagement.models import Project
from heard.funding.models import Allocation, Bid, Funder, Payment, Pot, Recompense


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def allocations_for_user(user: User) -> QuerySet[Allocation]:
    allocations = Allocation.objects.select_related("project", "organisation", "pot")
    if user.is_host:
        return allocations
    if user.is_partner_member and user.organisation_id:
        return allocations.filter(organisation_id=user.organisation_id)
    return allocations.none()


def payments_for_user(user: User) -> QuerySet[Payment]:
    payments = Payment.objects.select_related("allocation__organisation", "allocation__project")
    if user.is_host:
        return payments
    if user.is_partner_member and user.organisation_id:
        return payments.filter(allocation__organisation_id=user.organisation_id)
    return payments.none()


def recompense_for_user(user: User) -> QuerySet[Recompense]:
    recompense = Recompense.objects.select_related("activity__partner", "activity__project")
    if user.is_host:
        return recompense
    if user.is_partner_member and user.organisation_id:
        return recompense.filter(activity__partner_id=user.organisation_id)
    return recompense.none()


def get_funding_project_for_user(request: HttpRequest, slug: str) -> Project:
    """A project's money: host staff and the project's partners (who see their own lines); nobody else."""
    user = _user(request)
    project = get_project_for_user(request, slug)
    if not (user.is_host or user.is_partner_member):
        raise PermissionDenied
    return project


def get_allocation_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> Allocation:
    user = _user(request)
    try:
        allocation = allocations_for_user(user).get(pk=pk)
    except Allocation.DoesNotExist:
        raise Http404("No such allocation") from None
    if write and not user.is_host:
        raise PermissionDenied
    return allocation


def get_payment_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> Payment:
    user = _user(request)
    try:
        payment = payments_for_user(user).get(pk=pk)
    except Payment.DoesNotExist:
        raise Http404("No such payment") from None
    if write and not user.is_host:
        raise PermissionDenied
    return payment


def require_host(request: HttpRequest) -> User:
    """Funders, pots, bids and budgets are the host's business: others get 403."""
    user = _user(request)
    if not user.is_host:
        raise PermissionDenied
    return user


def get_funder_for_user(request: HttpRequest, slug: str) -> Funder:
    require_host(request)
    try:
        return Funder.objects.get(slug=slug)
    except Funder.DoesNotExist:
        raise Http404("No such funder") from None


def get_pot_for_user(request: HttpRequest, pk: int) -> Pot:
    require_host(request)
    try:
        return Pot.objects.select_related("funder").get(pk=pk)
    except Pot.DoesNotExist:
        raise Http404("No such pot") from None


def get_bid_for_user(request: HttpRequest, pk: int) -> Bid:
    require_host(request)
    try:
        return Bid.objects.select_related("project", "lead").prefetch_related("pots__funder").get(pk=pk)
    except Bid.DoesNotExist:
        raise Http404("No such bid") from None
