"""Permission-checked getters for organisations. Views never fetch one any other way."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from heard.accounts.models import User
from heard.partners.models import Organisation, OrganisationQuerySet


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
    try:
        organisation = organisations_for_user(user).get(slug=slug)
    except Organisation.DoesNotExist:
        raise Http404("No such organisation") from None
    if write and not can_edit_organisation(user, organisation):
        raise PermissionDenied
    return organisation
