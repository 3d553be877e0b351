"""Permission-checked querysets and getters for returns: uploaded files and column mappings.

- Host admins and staff see every upload and every column mapping.
- Partner members see only their own organisation's uploads, and only the host's shared mappings and their own
  organisation's (another partner's mapping is "not found", its name never shown).
- Steering-group members see neither.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from heard.accounts.models import User
from heard.accounts.requests import signed_in_user
from heard.core.getters import get_or_404
from heard.engagement.access import can_record_in_project
from heard.partners.models import Organisation
from heard.returns.models import ColumnMapping, ReturnUpload


def uploads_for_user(user: User) -> QuerySet[ReturnUpload]:
    uploads = ReturnUpload.objects.select_related("project", "partner", "mapping")
    if user.is_host:
        return uploads
    if user.is_partner_member and user.organisation_id:
        return uploads.filter(partner_id=user.organisation_id)
    return uploads.none()


def get_upload_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> ReturnUpload:
    """An upload the person may see (else 404); with write=True, one they may also act on (else 403)."""
    user = signed_in_user(request)
    upload = get_or_404(uploads_for_user(user), "No such upload", pk=pk)
    if write and not can_record_in_project(user, upload.project):
        raise PermissionDenied
    return upload


def mappings_for_organisation(organisation: Organisation | int | None) -> QuerySet[ColumnMapping]:
    """The mappings a return from this partner may use: the host's shared ones and the partner's own."""
    organisation_id = organisation.pk if isinstance(organisation, Organisation) else organisation
    shared = Q(organisation__isnull=True)
    if organisation_id is None:
        return ColumnMapping.objects.filter(shared)
    return ColumnMapping.objects.filter(shared | Q(organisation_id=organisation_id))


def mappings_for_user(user: User, *, partner: Organisation | None = None) -> QuerySet[ColumnMapping]:
    """Host staff see every mapping (or, given the partner a return is for, those that partner may use); a
    partner member the host's and their own organisation's."""
    if user.is_host:
        mappings = ColumnMapping.objects.all() if partner is None else mappings_for_organisation(partner)
    elif user.is_partner_member and user.organisation_id:
        mappings = mappings_for_organisation(user.organisation_id)
    else:
        mappings = ColumnMapping.objects.none()
    return mappings.select_related("organisation")


def get_mapping_for_user(request: HttpRequest, pk: int) -> ColumnMapping:
    return get_or_404(mappings_for_user(signed_in_user(request)), "No such column mapping", pk=pk)
