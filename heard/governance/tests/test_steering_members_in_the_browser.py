"""Host staff add and edit steering-group members (role, organisation, term, declared interests) and end a term
in the browser; members read the list; nobody else sees it."""

from __future__ import annotations

import datetime

import pytest

from heard.accounts.models import Role
from heard.core.models import AuditEvent
from heard.core.testing import make_user
from heard.governance import actions
from heard.governance.models import CoreTeam, SteeringMember, TeamMembership

pytestmark = pytest.mark.django_db

NEW = {
    "name": "Amina Yusuf",
    "kind": "resident",
    "role": "Vice-chair",
    "organisation": "Hillside residents' group",
    "email": "amina@example.org",
    "user": "",
    "term_starts_on": "2026-01-01",
    "term_ends_on": "2027-12-31",
    "interests": "Volunteers with the food bank",
}


def test_host_staff_add_a_member_with_role_organisation_term_and_interests(client):
    client.force_login(make_user(role=Role.HOST_STAFF))
    response = client.post("/learn/members/", NEW)
    assert response.status_code == 302
    member = SteeringMember.objects.get(name="Amina Yusuf")
    assert (member.kind, member.role, member.organisation) == ("resident", "Vice-chair", "Hillside residents' group")
    assert member.term_starts_on == datetime.date(2026, 1, 1) and member.term_ends_on == datetime.date(2027, 12, 31)
    assert member.interests == "Volunteers with the food bank" and member.user is None
    assert AuditEvent.objects.filter(verb="created", target_id=str(member.pk)).count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "Vice-chair" in page and "Volunteers with the food bank" in page


def test_a_term_that_ends_before_it_starts_is_refused_with_a_clear_error(client):
    client.force_login(make_user(role=Role.HOST_STAFF))
    page = client.post("/learn/members/", {**NEW, "term_ends_on": "2025-01-01"})
    assert page.status_code == 200 and "The term ends before it starts" in page.content.decode()
    assert not SteeringMember.objects.exists()


def test_host_staff_edit_a_member_and_the_audit_keeps_before_and_after(client):
    member = SteeringMember.objects.create(name="Ben Okoro", role="Member")
    client.force_login(make_user(role=Role.HOST_STAFF))
    assert client.post(f"/learn/members/{member.pk}/", {**NEW, "name": "Ben Okoro", "role": "Chair"}).status_code == 302
    member.refresh_from_db()
    assert member.role == "Chair"
    event = AuditEvent.objects.get(verb="changed", target_id=str(member.pk))
    assert event.before is not None and event.after is not None
    assert event.before["role"] == "Member" and event.after["role"] == "Chair"


def test_ending_a_term_keeps_the_member_moves_them_to_former_and_ends_their_team_places(client):
    member = SteeringMember.objects.create(name="Ben Okoro", term_starts_on=datetime.date(2025, 1, 1))
    team = CoreTeam.objects.create(name="Access to GPs")
    actions.join_team(actor=None, team=team, member=member, on=datetime.date(2025, 2, 1))
    client.force_login(make_user(role=Role.HOST_STAFF))
    assert client.post(f"/learn/members/{member.pk}/end-term/", {"ends_on": "2026-01-31"}).status_code == 302
    member.refresh_from_db()
    assert member.term_ends_on == datetime.date(2026, 1, 31)
    assert TeamMembership.objects.get(member=member).left_on == datetime.date(2026, 1, 31)
    page = client.get("/learn/members/").content.decode()
    current, former = page.split('<h2 class="govuk-heading-m">Current members</h2>')[1].split(
        '<h2 class="govuk-heading-m">Former members</h2>'
    )
    assert "Ben Okoro" not in current and "Ben Okoro" in former
    assert "Term ended" in client.get(f"/learn/members/{member.pk}/").content.decode()


def test_a_term_cannot_end_before_it_started(client):
    member = SteeringMember.objects.create(name="Ben Okoro", term_starts_on=datetime.date(2025, 1, 1))
    client.force_login(make_user(role=Role.HOST_STAFF))
    page = client.post(f"/learn/members/{member.pk}/end-term/", {"ends_on": "2024-01-31"})
    assert page.status_code == 200 and "cannot end before it started" in page.content.decode()
    member.refresh_from_db()
    assert member.term_ends_on is None


def test_a_steering_member_reads_the_members_but_cannot_change_them_and_a_partner_cannot_see_them(client):
    member = SteeringMember.objects.create(name="Ben Okoro", interests="Trustee of a GP federation")
    client.force_login(make_user(role=Role.STEERING_MEMBER))
    page = client.get("/learn/members/").content.decode()
    assert "Trustee of a GP federation" in page and "Add a member" not in page
    assert client.post(f"/learn/members/{member.pk}/", {**NEW}).status_code == 403
    assert client.post("/learn/members/", NEW).status_code == 403
    client.force_login(make_user(role=Role.PARTNER_MEMBER))
    assert client.get("/learn/members/").status_code == 404
    assert client.get(f"/learn/members/{member.pk}/").status_code == 404
