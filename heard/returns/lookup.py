"""Finding a project, partner and column mapping from the command line, with errors that list what exists."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.db.models import F

from heard.engagement.models import Project
from heard.partners.models import Organisation
from heard.returns.access import mappings_for_organisation
from heard.returns.models import ColumnMapping


def project_by_slug(slug: str) -> Project:
    project = Project.objects.filter(slug=slug).first()
    if project is None:
        known = ", ".join(Project.objects.order_by("slug").values_list("slug", flat=True)[:30]) or "none yet"
        raise CommandError(f"No project with slug '{slug}'. Projects: {known}.", returncode=1)
    return project


def project_and_partner(project_slug: str, partner_slug: str) -> tuple[Project, Organisation]:
    project = project_by_slug(project_slug)
    partners = Organisation.objects.filter(project_roles__project=project)
    partner = partners.filter(slug=partner_slug).first()
    if partner is None:
        known = ", ".join(partners.order_by("slug").values_list("slug", flat=True)) or "none yet"
        raise CommandError(
            f"'{partner_slug}' is not a partner in project '{project.slug}'. Its partners: {known}.", returncode=1
        )
    return project, partner


def mapping_for_partner(partner: Organisation, name: str) -> ColumnMapping:
    """The partner's own mapping called `name`, else the host's shared one; never another partner's."""
    mappings = mappings_for_organisation(partner)
    mapping = mappings.filter(name=name).order_by(F("organisation_id").asc(nulls_last=True)).first()
    if mapping is None:
        known = ", ".join(sorted(set(mappings.values_list("name", flat=True)))) or "none yet"
        raise CommandError(
            f"No column mapping called '{name}' for {partner.name}. Mappings it may use: {known}.", returncode=1
        )
    return mapping
