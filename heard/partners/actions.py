"""Changes to organisations and their contacts: one transaction and one audit event each."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.text import slugify

from heard.accounts.models import User
from heard.core import audit
from heard.core.models import AuditVerb
from heard.partners.models import Community, Contact, Organisation


def unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "organisation"
    slug, n = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def save_organisation(*, actor: User, organisation: Organisation, communities: Any = None) -> Organisation:
    creating = organisation.pk is None
    before = None if creating else audit.snapshot(Organisation.objects.get(pk=organisation.pk))
    if creating and not organisation.slug:
        organisation.slug = unique_slug(organisation.name)
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
        base = slugify(community.name)[:70] or "community"
        slug, n = base, 2
        while Community.objects.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        community.slug = slug
    community.save()
    audit.record(
        actor=actor,
        verb=AuditVerb.CREATED if creating else AuditVerb.CHANGED,
        target=community,
        before=before,
        after=audit.snapshot(community),
    )
    return community
