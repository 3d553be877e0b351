"""A partner enters a resident's verdict on their behalf (from paper, a call or a group): filed under their own
organisation, never another's; host staff choose the partner; the steering group cannot enter verdicts."""

from __future__ import annotations

import pytest

from heard.accounts.models import Role
from heard.core.models import AuditEvent
from heard.core.testing import make_community, make_organisation, make_project, make_user
from heard.influence.models import Verdict


@pytest.fixture
def setting(db):
    ours, theirs = make_organisation(name="Ours"), make_organisation(name="Theirs")
    estate = make_community(name="Estate residents")
    project = make_project(partners=[ours, theirs], communities=[estate])
    return project, ours, theirs, estate


def _enter(client, project, **data):
    return client.post(f"/projects/{project.slug}/verdicts/new/", {"given_on": "3/6/2026", **data})


def test_a_partner_enters_a_residents_answers_under_their_own_organisation(client, setting):
    project, ours, _theirs, estate = setting
    user = make_user(role=Role.PARTNER_MEMBER, organisation=ours)
    client.force_login(user)
    response = _enter(client, project, partner=ours.pk, community=estate.pk, listened="no", influence="less")
    assert response.status_code == 302
    verdict = Verdict.objects.get()
    assert (verdict.partner, verdict.community, verdict.channel, verdict.entered_by) == (ours, estate, "partner", user)
    assert (verdict.listened, verdict.influence, str(verdict.given_on)) == ("no", "less", "2026-06-03")
    assert AuditEvent.objects.for_target(verdict).get().actor == user


def test_a_partner_cannot_file_a_verdict_under_another_partner(client, setting):
    project, ours, theirs, _estate = setting
    client.force_login(make_user(role=Role.PARTNER_MEMBER, organisation=ours))
    response = _enter(client, project, partner=theirs.pk, listened="yes")
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Verdict.objects.exists()


def test_host_staff_choose_the_partner(client, setting):
    project, _ours, theirs, _estate = setting
    client.force_login(make_user(role=Role.HOST_STAFF))
    assert _enter(client, project, partner=theirs.pk, again="maybe").status_code == 302
    assert Verdict.objects.get().partner == theirs


def test_the_steering_group_cannot_enter_verdicts(client, setting):
    project, ours, _theirs, _estate = setting
    client.force_login(make_user(role=Role.STEERING_MEMBER))
    assert _enter(client, project, partner=ours.pk, listened="yes").status_code == 403
    assert client.get(f"/projects/{project.slug}/verdicts/").status_code == 200
    assert not Verdict.objects.exists()
