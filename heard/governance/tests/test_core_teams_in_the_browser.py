"""Core teams in the browser: host staff make a team for an issue or project, add and remove members with dates
(who was in it when), and record what it decided, which joins the decision log."""

from __future__ import annotations

import datetime

import pytest

from heard.accounts.models import Role
from heard.core.models import AuditEvent
from heard.core.testing import make_project, make_user
from heard.governance.models import CoreTeam, Decision, SteeringMember, TeamMembership

pytestmark = pytest.mark.django_db


def test_host_staff_make_a_team_for_a_project(client):
    project = make_project(name="Access to GPs")
    client.force_login(make_user(role=Role.HOST_STAFF))
    response = client.post("/learn/teams/", {"name": "GP access team", "purpose": "Waits", "project": project.pk})
    assert response.status_code == 302
    team = CoreTeam.objects.get()
    assert (team.name, team.project) == ("GP access team", project)
    assert AuditEvent.objects.filter(verb="created", target_type="governance.coreteam").count() == 1


def test_members_join_and_leave_on_dates_and_the_page_shows_who_was_in_it_when(client):
    team = CoreTeam.objects.create(name="GP access team")
    ade, kim = SteeringMember.objects.create(name="Ade Bello"), SteeringMember.objects.create(name="Kim Ng")
    client.force_login(make_user(role=Role.HOST_STAFF))
    for person, day in ((ade, "2026-01-10"), (kim, "2026-03-01")):
        assert client.post(f"/learn/teams/{team.pk}/join/", {"member": person.pk, "joined_on": day}).status_code == 302
    place = TeamMembership.objects.get(member=ade)
    assert client.post(f"/learn/team-places/{place.pk}/leave/", {"left_on": "2026-05-31"}).status_code == 302
    place.refresh_from_db()
    assert place.left_on == datetime.date(2026, 5, 31)
    page = client.get(f"/learn/teams/{team.pk}/").content.decode()
    assert "10 Jan 2026" in page and "31 May 2026" in page and "1 Mar 2026" in page and "Still in it" in page
    # Ade can join again later: a new row, the old one kept.
    client.post(f"/learn/teams/{team.pk}/join/", {"member": ade.pk, "joined_on": "2026-09-01"})
    assert TeamMembership.objects.filter(member=ade).count() == 2


def test_leaving_before_joining_or_joining_twice_is_refused_clearly(client):
    team = CoreTeam.objects.create(name="GP access team")
    ade = SteeringMember.objects.create(name="Ade Bello")
    client.force_login(make_user(role=Role.HOST_STAFF))
    client.post(f"/learn/teams/{team.pk}/join/", {"member": ade.pk, "joined_on": "2026-01-10"})
    again = client.post(f"/learn/teams/{team.pk}/join/", {"member": ade.pk, "joined_on": "2026-02-10"})
    assert again.status_code == 200 and "There is a problem" in again.content.decode()
    place = TeamMembership.objects.get()
    early = client.post(f"/learn/team-places/{place.pk}/leave/", {"left_on": "2025-12-31"})
    assert "cannot leave before they joined" in early.content.decode()
    place.refresh_from_db()
    assert place.left_on is None and TeamMembership.objects.count() == 1


def test_a_teams_decision_goes_into_the_decision_log(client):
    team = CoreTeam.objects.create(name="GP access team")
    client.force_login(make_user(role=Role.HOST_STAFF))
    data = {"text": "Ask the ICB for evening appointments data", "rationale": "", "decided_on": "2026-04-02"}
    assert client.post(f"/learn/teams/{team.pk}/decide/", data).status_code == 302
    assert Decision.objects.get().team == team
    assert AuditEvent.objects.filter(verb="decided").count() == 1
    log = client.get("/learn/meetings/?q=evening").content.decode()
    assert "Ask the ICB for evening appointments data" in log and f"/learn/teams/{team.pk}/" in log


def test_members_read_teams_but_only_host_staff_change_them(client):
    team = CoreTeam.objects.create(name="GP access team")
    client.force_login(make_user(role=Role.STEERING_MEMBER))
    page = client.get(f"/learn/teams/{team.pk}/").content.decode()
    assert "GP access team" in page and "Add a member" not in page
    assert client.post("/learn/teams/", {"name": "Mine"}).status_code == 403
    assert client.post(f"/learn/teams/{team.pk}/decide/", {"text": "x", "decided_on": "2026-01-01"}).status_code == 403
    client.force_login(make_user(role=Role.PARTNER_MEMBER))
    assert client.get(f"/learn/teams/{team.pk}/").status_code == 404
    assert CoreTeam.objects.count() == 1 and not Decision.objects.exists()
