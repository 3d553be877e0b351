"""A role x page matrix: who may open and change which pages. Partners cannot reach another partner's
records, not even by guessing URLs; steering-group members never see an individual record."""

from __future__ import annotations

import pytest

from heard.accounts.models import Role
from heard.core.testing import (
    make_activity,
    make_community,
    make_experience,
    make_organisation,
    make_project,
    make_user,
)


@pytest.fixture
def world(db):
    ours, theirs = make_organisation(name="Ours"), make_organisation(name="Theirs")
    community = make_community()
    project = make_project(partners=[ours, theirs], communities=[community])
    other_project = make_project(partners=[theirs])
    return {
        "project": project,
        "other_project": other_project,
        "our_activity": make_activity(project=project, partner=ours),
        "their_activity": make_activity(project=project, partner=theirs),
        "our_record": make_experience(project=project, partner=ours),
        "their_record": make_experience(project=project, partner=theirs),
        "users": {
            "host_admin": make_user(role=Role.HOST_ADMIN),
            "host_staff": make_user(role=Role.HOST_STAFF),
            "partner": make_user(role=Role.PARTNER_MEMBER, organisation=ours),
            "steering": make_user(role=Role.STEERING_MEMBER),
            "outsider": make_user(role=Role.PARTNER_MEMBER, organisation=make_organisation(name="Not in it")),
        },
        "ours": ours,
        "theirs": theirs,
    }


def _pages(w):
    p, op = w["project"], w["other_project"]
    return {
        "project": f"/projects/{p.slug}/",
        "other_project": f"/projects/{op.slug}/",
        "records": f"/projects/{p.slug}/records/",
        "new_record": f"/projects/{p.slug}/records/new/",
        "new_activity": f"/projects/{p.slug}/activities/new/",
        "our_activity": f"/activities/{w['our_activity'].pk}/",
        "their_activity": f"/activities/{w['their_activity'].pk}/",
        "our_activity_edit": f"/activities/{w['our_activity'].pk}/edit/",
        "their_activity_edit": f"/activities/{w['their_activity'].pk}/edit/",
        "our_record": f"/records/{w['our_record'].pk}/",
        "their_record": f"/records/{w['their_record'].pk}/",
        "our_record_edit": f"/records/{w['our_record'].pk}/edit/",
        "their_record_edit": f"/records/{w['their_record'].pk}/edit/",
        "audit": "/audit/",
        "partner_edit_ours": f"/partners/{w['ours'].slug}/edit/",
        "partner_edit_theirs": f"/partners/{w['theirs'].slug}/edit/",
        "new_organisation": "/partners/new/",
        "new_project": "/projects/new/",
        "project_edit": f"/projects/{p.slug}/edit/",
    }


OK, NO, GONE = 200, 403, 404
# page -> expected status for host_admin, host_staff, partner, steering, outsider
MATRIX = {
    "project": (OK, OK, OK, OK, GONE),
    "other_project": (OK, OK, GONE, OK, GONE),
    "records": (OK, OK, OK, NO, GONE),
    "new_record": (OK, OK, OK, NO, GONE),
    "new_activity": (OK, OK, OK, NO, GONE),
    "our_activity": (OK, OK, OK, GONE, GONE),
    "their_activity": (OK, OK, GONE, GONE, GONE),
    "our_activity_edit": (OK, OK, OK, GONE, GONE),
    "their_activity_edit": (OK, OK, GONE, GONE, GONE),
    "our_record": (OK, OK, OK, GONE, GONE),
    "their_record": (OK, OK, GONE, GONE, GONE),
    "our_record_edit": (OK, OK, OK, GONE, GONE),
    "their_record_edit": (OK, OK, GONE, GONE, GONE),
    "audit": (OK, NO, NO, NO, NO),
    "partner_edit_ours": (OK, OK, OK, NO, NO),
    "partner_edit_theirs": (OK, OK, NO, NO, NO),
    "new_organisation": (OK, OK, NO, NO, NO),
    "new_project": (OK, OK, NO, NO, NO),
    "project_edit": (OK, OK, NO, NO, GONE),
}
ROLES = ["host_admin", "host_staff", "partner", "steering", "outsider"]


@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_it_gives_each_role_exactly_the_pages_it_should_have(client, world, role_index):
    user = world["users"][ROLES[role_index]]
    client.force_login(user)
    pages = _pages(world)
    wrong = {}
    for page, expected in MATRIX.items():
        status = client.get(pages[page]).status_code
        if status != expected[role_index]:
            wrong[page] = (status, expected[role_index])
    assert wrong == {}


def test_a_partner_cannot_change_another_partners_record_by_posting(client, world):
    client.force_login(world["users"]["partner"])
    record = world["their_record"]
    response = client.post(f"/records/{record.pk}/edit/", {"consent_store": "on", "postcode": "N1 9AR"})
    assert response.status_code == 404
    record.refresh_from_db()
    assert record.postcode == ""


def test_a_partner_cannot_file_a_record_under_another_partner(client, world):
    client.force_login(world["users"]["partner"])
    response = client.post(
        f"/projects/{world['project'].slug}/records/new/",
        {
            "partner": world["theirs"].pk,
            "collected_on": "2026-03-02",
            "consent_store": "on",
            "consent_method": "verbal",
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not world["theirs"].experiences.filter(collected_on="2026-03-02").exists()


def test_a_partner_only_sees_their_own_records_in_the_list(client, world):
    client.force_login(world["users"]["partner"])
    html = client.get(f"/projects/{world['project'].slug}/records/").content.decode()
    assert world["our_record"].reference in html
    assert world["their_record"].reference not in html


def test_steering_members_see_suppressed_counts_on_the_dashboard(client, world):
    client.force_login(world["users"]["steering"])
    html = client.get(f"/projects/{world['project'].slug}/").content.decode()
    assert "&lt;5" in html
