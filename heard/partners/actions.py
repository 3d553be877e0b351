"""Changes to organisations and their contacts: one transaction and one audit event each."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from heard.accounts.models import User
from heard.core import audit
from heard.core.models import AuditVerb
from heard.core.slugs import unique_slug
from heard.partners.models import Community, Contact, Organisation


@transaction.atomic
def save_organisation(*, actor: User, organisation: Organisation, communities: Any = None) -> Organisation:
    creating = organisation.pk is None
    before = None if creating else audit.snapshot(Organisation.objects.get(pk=organisation.pk))
    if creating and not organisation.slug:
        organisation.slug = unique_slug(Organisation, organisation.name, "organisation")
    organisation.save()
    if communities is not None:
        organisation.communities.set(communities)
    audit.record(
        actor=actor,
        verb=AuditVerb.CREATED if creating else AuditVerb.CHANGED,
        target=organisation,
        organisation_id=organisation.pk,
        before=before,
        after=audit.snapshot(organisation),
    )
    return organisation


@transaction.atomic
def add_contact(*, actor: User, contact: Contact) -> Contact:
    contact.save()
    audit.record(
        actor=actor,
        verb=AuditVerb.CREATED,
        target=contact,
        organisation_id=contact.organisation_id,
        summary=f"Contact added to {contact.organisation}",
    )
    return contact


@transaction.atomic
def save_community(*, actor: User, community: Community) -> Community:
    creating = community.pk is None
    before = None if creating else audit.snapshot(Community.objects.get(pk=community.pk))
    if creating and not community.slug:
        community.slug = unique_slug(Community, community.name, "community")
    community.save()
    audit.record(
        actor=actor,
        verb=AuditVerb.CREATED if creating else AuditVerb.CHANGED,
        target=community,
        before=before,
        after=audit.snapshot(community),
    )
    return community
