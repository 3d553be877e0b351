"""Permission-checked getters for organisations. Views never fetch one any other way."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest

from heard.accounts.models import User
from heard.core.getters import get_or_404
from heard.partners.models import (
    Assessment,
    Criterion,
    Organisation,
    OrganisationQuerySet,
    Policy,
    PolicyTemplate,
)


def organisations_for_user(user: User) -> OrganisationQuerySet:
    """Every signed-in person can see the directory of organisations (names and what they do)."""
    return Organisation.objects.all()


def can_edit_organisation(user: User, organisation: Organisation) -> bool:
    if user.is_host:
        return True
    return user.is_partner_member and user.organisation_id == organisation.pk


def can_see_contacts(user: User, organisation: Organisation) -> bool:
    """Contacts are people's details: host staff and the organisation's own members only."""
    return can_edit_organisation(user, organisation)


def get_organisation_for_user(request: HttpRequest, slug: str, *, write: bool = False) -> Organisation:
    user = request.user
    assert isinstance(user, User)
    organisation = get_or_404(organisations_for_user(user), "No such organisation", slug=slug)
    if write and not can_edit_organisation(user, organisation):
        raise PermissionDenied
    return organisation


def policies_for_user(user: User) -> QuerySet[Policy]:
    """Policies are due diligence: host staff see every organisation's, a partner member only its own."""
    if user.is_host:
        return Policy.objects.all()
    if user.is_partner_member and user.organisation_id:
        return Policy.objects.filter(organisation_id=user.organisation_id)
    return Policy.objects.none()


def get_policy_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> Policy:
    user = request.user
    assert isinstance(user, User)
    policy = get_or_404(policies_for_user(user).select_related("organisation"), "No such policy", pk=pk)
    if write and not user.is_host:
        raise PermissionDenied
    return policy


def policy_templates_for_user(user: User) -> QuerySet[PolicyTemplate]:
    """The host shares templates with every partner: anyone signed in may read them."""
    return PolicyTemplate.objects.all()


def get_policy_template_for_user(request: HttpRequest, pk: int) -> PolicyTemplate:
    user = request.user
    assert isinstance(user, User)
    return get_or_404(policy_templates_for_user(user), "No such template", pk=pk)


def criteria_for_user(user: User) -> QuerySet[Criterion]:
    """Selection is the host's: its criteria, weights and scores are for host staff only."""
    if not user.is_host:
        raise PermissionDenied
    return Criterion.objects.all()


def assessments_for_user(user: User) -> QuerySet[Assessment]:
    if not user.is_host:
        raise PermissionDenied
    return Assessment.objects.select_related("organisation").prefetch_related("scores")
