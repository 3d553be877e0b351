from __future__ import annotations

import pytest

from heard.accounts.models import Role
from heard.core.models import AuditEvent, AuditVerb
from heard.core.testing import make_activity, make_experience, make_organisation, make_project, make_user


@pytest.fixture
def staff_world(db):
    org = make_organisation()
    project = make_project(partners=[org])
    return project, org, make_user(role=Role.HOST_STAFF)


def test_changing_a_record_writes_before_and_after(client, staff_world):
    project, org, staff = staff_world
    record = make_experience(project=project, partner=org, age_band="25-34")
    client.force_login(staff)
    response = client.post(
        f"/records/{record.pk}/edit/",
        {
            "partner": org.pk,
            "collected_on": "2026-03-01",
            "consent_store": "on",
            "consent_method": "verbal",
            "age_band": "35-49",
        },
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(verb=AuditVerb.CHANGED)
    assert event.actor == staff
    assert ("age_band", "25-34", "35-49") in event.changes()
    assert event.project_id == project.pk and event.organisation_id == org.pk


def test_changing_an_activity_is_audited(client, staff_world):
    project, org, staff = staff_world
    activity = make_activity(project=project, partner=org, title="Old title")
    client.force_login(staff)
    client.post(
        f"/activities/{activity.pk}/edit/",
        {"partner": org.pk, "held_on": "2026-03-01", "people_count": "12", "title": "New title", "method": "event"},
    )
    event = AuditEvent.objects.get(target_type="engagement.activity")
    assert ("title", "Old title", "New title") in event.changes()


def test_host_admins_see_the_timeline_and_can_filter_it(client, staff_world):
    project, org, staff = staff_world
    activity = make_activity(project=project, partner=org)
    from heard.core import audit

    audit.record(actor=staff, verb=AuditVerb.CHANGED, target=activity, summary="Moved the date")
    admin = make_user(role=Role.HOST_ADMIN)
    client.force_login(admin)
    html = client.get("/audit/?verb=changed").content.decode()
    assert "Moved the date" in html
    assert "Moved the date" not in client.get("/audit/?verb=deleted").content.decode()
