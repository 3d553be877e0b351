from __future__ import annotations

import pytest

from heard.accounts.models import Role
from heard.core.models import AuditEvent
from heard.core.testing import make_community, make_experience, make_organisation, make_project, make_user
from heard.engagement.models import Project


@pytest.fixture
def staff(db):
    return make_user(role=Role.HOST_STAFF)


def test_host_staff_start_a_project_with_partners_and_communities(client, staff):
    partner, community = make_organisation(name="Polska Pomoc"), make_community(name="Polish-speaking residents")
    client.force_login(staff)
    response = client.post(
        "/projects/new/",
        {
            "name": "Mental health in Hackney",
            "status": "planning",
            "area_codes": ["E09000012"],
            "languages": ["en", "pl"],
            "communities": [community.pk],
            "partners": [partner.pk],
            "retention_months": "24",
        },
    )
    project = Project.objects.get(name="Mental health in Hackney")
    assert response["Location"] == f"/projects/{project.slug}/"
    assert project.slug == "mental-health-in-hackney"
    assert list(project.project_partners.values_list("organisation__name", flat=True)) == ["Polska Pomoc"]
    assert (AuditEvent.objects.for_target(project).get().after or {})["partner_ids"] == [partner.pk]


def test_a_partner_who_sent_records_cannot_be_removed(client, staff):
    partner = make_organisation(name="Polska Pomoc")
    project = make_project(partners=[partner])
    make_experience(project=project, partner=partner)
    client.force_login(staff)
    html = client.post(
        f"/projects/{project.slug}/edit/",
        {
            "name": project.name,
            "status": "hearing",
            "area_codes": ["E09000012"],
            "retention_months": "24",
            "starts_on": "2026-03-01",
            "ends_on": "2026-02-01",
        },
    ).content.decode()
    assert "Polska Pomoc already sent residents&#x27; records" in html
    assert "The end date must be after the start date." in html
    assert project.project_partners.count() == 1


def test_partners_cannot_start_projects(client, db):
    client.force_login(make_user(role=Role.PARTNER_MEMBER))
    assert client.get("/projects/new/").status_code == 403
