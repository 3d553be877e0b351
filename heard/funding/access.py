"""Getters for `funding`'s records: every request fetches them here (404 outside a person's scope).

- Host admins and staff see and change everything: funders, pots, bids, budgets, every allocation and payment.
- A partner member sees only its own organisation's allocations, payments and recompense, and changes nothing.
- Steering-group members and anyone else see none of them; funders, pots and bids are the host's.
"""

from __future__ import annotations

from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest

from heard.accounts.models import User
from heard.accounts.requests import signed_in_user
from heard.core.getters import get_or_404
from heard.engagement.access import get_project_for_user
from heard.engagement.models import Project
from heard.funding.models import (
    Agreement,
    Allocation,
    Bid,
    Funder,
    PartnershipTask,
    Payment,
    Pot,
    Recompense,
    SignedCopy,
)
from heard.partners.models import Organisation

T = TypeVar("T", bound=Model)


def _own_lines(records: QuerySet[T], user: User, organisation_field: str) -> QuerySet[T]:
    """Every record for host staff; a partner member's own organisation's; nothing for anyone else."""
    if user.is_host:
        return records
    if user.is_partner_member and user.organisation_id:
        return records.filter(**{organisation_field: user.organisation_id})
    return records.none()


def allocations_for_user(user: User) -> QuerySet[Allocation]:
    return _own_lines(Allocation.objects.select_related("project", "organisation", "pot"), user, "organisation_id")


def payments_for_user(user: User) -> QuerySet[Payment]:
    payments = Payment.objects.select_related("allocation__organisation", "allocation__project")
    return _own_lines(payments, user, "allocation__organisation_id")


def recompense_for_user(user: User) -> QuerySet[Recompense]:
    recompense = Recompense.objects.select_related("activity__partner", "activity__project")
    return _own_lines(recompense, user, "activity__partner_id")


def get_funding_project_for_user(request: HttpRequest, slug: str) -> Project:
    """A project's money: host staff and the project's partners (who see their own lines); nobody else."""
    user = signed_in_user(request)
    project = get_project_for_user(request, slug)
    if not (user.is_host or user.is_partner_member):
        raise PermissionDenied
    return project


def get_allocation_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> Allocation:
    user = signed_in_user(request)
    allocation = get_or_404(allocations_for_user(user), "No such allocation", pk=pk)
    if write and not user.is_host:
        raise PermissionDenied
    return allocation


def get_payment_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> Payment:
    user = signed_in_user(request)
    payment = get_or_404(payments_for_user(user), "No such payment", pk=pk)
    if write and not user.is_host:
        raise PermissionDenied
    return payment


def require_host(request: HttpRequest) -> User:
    """Funders, pots, bids and budgets are the host's business: others get 403."""
    user = signed_in_user(request)
    if not user.is_host:
        raise PermissionDenied
    return user


def get_funder_for_user(request: HttpRequest, slug: str) -> Funder:
    require_host(request)
    return get_or_404(Funder.objects, "No such funder", slug=slug)


def get_pot_for_user(request: HttpRequest, pk: int) -> Pot:
    require_host(request)
    return get_or_404(Pot.objects.select_related("funder"), "No such pot", pk=pk)


def get_bid_for_user(request: HttpRequest, pk: int) -> Bid:
    require_host(request)
    return get_or_404(
        Bid.objects.select_related("project", "lead").prefetch_related("pots__funder"), "No such bid", pk=pk
    )


# Who does what and agreements.


def tasks_for_user(user: User) -> QuerySet[PartnershipTask]:
    """Host staff and the steering group see the whole partnership's tasks; a partner only its own (owned by the
    organisation or by one of its people)."""
    tasks = PartnershipTask.objects.select_related("project", "owner_organisation", "owner_person")
    if user.is_host or user.is_steering_member:
        return tasks
    if user.is_partner_member and user.organisation_id:
        return tasks.filter(
            Q(owner_organisation_id=user.organisation_id) | Q(owner_person__organisation_id=user.organisation_id)
        )
    return tasks.none()


def get_task_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> PartnershipTask:
    user = signed_in_user(request)
    task = get_or_404(tasks_for_user(user), "No such task", pk=pk)
    if write and not (user.is_host or user.is_partner_member):
        raise PermissionDenied
    return task


def agreements_for_user(user: User) -> QuerySet[Agreement]:
    """Agreements name money: host staff see every one, a partner member only its own organisation's."""
    agreements = Agreement.objects.select_related("project", "organisation")
    if user.is_host:
        return agreements
    if user.is_partner_member and user.organisation_id:
        return agreements.filter(organisation_id=user.organisation_id)
    return agreements.none()


def get_agreement_for_user(request: HttpRequest, pk: int) -> Agreement:
    return get_or_404(agreements_for_user(signed_in_user(request)), "No such agreement", pk=pk)


def get_signed_copy_for_user(request: HttpRequest, pk: int) -> SignedCopy:
    agreements = agreements_for_user(signed_in_user(request))
    return get_or_404(
        SignedCopy.objects.select_related("agreement"), "No such signed copy", pk=pk, agreement__in=agreements
    )


def get_partner_in_project(project: Project, slug: str) -> Organisation:
    """One of the project's partners by its slug (the project already fetched through its getter)."""
    return get_or_404(
        Organisation.objects.filter(project_roles__project=project).distinct(),
        "Not a partner in this project",
        slug=slug,
    )
