"""Residents' verdicts are counted like any other count of residents: host staff see every verdict exactly; a
partner sees only the verdicts their own organisation collected, protected; the steering group sees every verdict
protected; counts of 1 to 4 are never shown to anyone but host staff."""

from __future__ import annotations

import datetime

import pytest

from heard.accounts.models import Role
from heard.core.testing import make_community, make_organisation, make_project, make_user
from heard.engagement.scope import aggregate_scope, command_scope
from heard.influence.models.verdicts import Verdict
from heard.influence.verdict_results import by_community, summary, verdicts_in_scope


def _verdicts(project, partner, community, n, **answers):
    for _ in range(n):
        Verdict.objects.create(
            project=project,
            partner=partner,
            community=community,
            channel="partner",
            given_on=datetime.date(2026, 6, 1),
            **{"listened": "yes", **answers},
        )


@pytest.fixture
def world(db):
    ours, theirs = make_organisation(name="Ours"), make_organisation(name="Theirs")
    estate, somali = make_community(name="Estate residents"), make_community(name="Somali-speaking residents")
    project = make_project(partners=[ours, theirs], communities=[estate, somali])
    _verdicts(project, ours, estate, 12)
    _verdicts(project, ours, somali, 3, listened="no")
    _verdicts(project, theirs, estate, 2)
    return project, ours, theirs


def _row(results, label):
    return next(r for r in [*results.rows, results.overall] if r.label == label)


def test_host_staff_see_every_verdict_exactly(world):
    project, _ours, _theirs = world
    results = by_community(aggregate_scope(make_user(role=Role.HOST_STAFF), project))
    assert _row(results, "Estate residents").total.text == "14"
    assert _row(results, "Somali-speaking residents").total.text == "3"
    assert _row(results, "All verdicts").cells[0].text == "14"  # felt listened to
    assert results.note == ""


def test_a_partner_counts_only_their_own_verdicts_with_fewer_than_5_suppressed(world):
    project, ours, _theirs = world
    scope = aggregate_scope(make_user(role=Role.PARTNER_MEMBER, organisation=ours), project)
    assert verdicts_in_scope(scope).count() == 15
    results = by_community(scope)
    assert _row(results, "Somali-speaking residents").total.text == "<5"
    # 12 would be shown as 10, but with the total (15) it would give the "<5" away: withheld.
    assert _row(results, "Estate residents").total.text == "[c]"
    assert _row(results, "All verdicts").total.text == "15"
    assert "3" not in [c.text for c in _row(results, "Somali-speaking residents").cells]
    assert "rounded" in results.note


def test_another_partner_sees_only_their_two_verdicts_as_fewer_than_5(world):
    project, _ours, theirs = world
    results = by_community(aggregate_scope(make_user(role=Role.PARTNER_MEMBER, organisation=theirs), project))
    assert _row(results, "Estate residents").total.text == "<5"
    assert _row(results, "All verdicts").total.text == "<5"


def test_the_steering_group_and_the_public_pages_see_every_verdict_protected(world):
    project, _ours, _theirs = world
    for scope in (aggregate_scope(make_user(role=Role.STEERING_MEMBER), project), command_scope(project, public=True)):
        results = by_community(scope)
        assert _row(results, "Somali-speaking residents").total.text == "<5"
        assert _row(results, "Estate residents").total.text == "[c]"
        assert _row(results, "All verdicts").total.text == "15"  # 17, rounded
        assert summary(scope, verdicts_in_scope(scope)) == "about 15 of about 15 felt listened to"


def test_someone_in_no_project_counts_nothing(world):
    project, _ours, _theirs = world
    outsider = make_user(role=Role.PARTNER_MEMBER, organisation=make_organisation(name="Outside"))
    assert verdicts_in_scope(aggregate_scope(outsider, project)).count() == 0


def test_the_summary_says_how_many_felt_listened_to(world):
    project, _ours, _theirs = world
    scope = command_scope(project)
    assert summary(scope, verdicts_in_scope(scope)) == "14 of 17 felt listened to"
    assert summary(scope, verdicts_in_scope(scope).none()) is None
