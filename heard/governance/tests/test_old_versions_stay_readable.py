"""Versioning: a new charter or theory-of-change version leaves the old ones exactly as they were, and readable."""

from __future__ import annotations

import datetime

import pytest

from heard.accounts.models import Role
from heard.core.testing import make_project, make_user
from heard.governance import actions, change_actions
from heard.governance.models import CharterVersion, ElementKind

pytestmark = pytest.mark.django_db


def test_an_old_charter_version_stays_readable_after_a_new_one(client):
    staff = make_user(role=Role.HOST_STAFF)
    first = actions.write_charter(actor=staff, purpose="To listen to residents", decisions="By consensus")
    actions.approve_charter(
        actor=staff, version=first, approved_by="Steering group", approved_on=datetime.date(2026, 1, 5)
    )
    client.force_login(staff)
    response = client.post(
        "/learn/charter/",
        {"purpose": "To listen to residents and act", "decisions": "By majority", "change_note": "Votes"},
    )
    assert response.status_code == 302
    assert CharterVersion.objects.count() == 2
    first.refresh_from_db()
    assert first.purpose == "To listen to residents" and first.approved_by == "Steering group"
    text = client.get(f"/learn/charter/{first.pk}/").content.decode()
    assert "To listen to residents" in text and "By consensus" in text and "Approved by Steering group" in text
    assert "To listen to residents and act" in client.get("/learn/charter/").content.decode()


def test_an_approved_theory_of_change_is_kept_and_a_new_version_copies_it(client):
    project = make_project(slug="voices")
    toc = change_actions.start_version(actor=None, project=project, bold_challenge="Everyone heard")
    outcome = change_actions.add_element(actor=None, toc=toc, kind=ElementKind.OUTCOME, text="More voices")
    change_actions.add_indicator(actor=None, outcome=outcome, metric="residents_heard", target=None)
    change_actions.approve_version(actor=None, toc=toc, approved_by="Board", approved_on=datetime.date(2026, 2, 1))
    with pytest.raises(change_actions.NotADraft):
        change_actions.add_element(actor=None, toc=toc, kind=ElementKind.OUTPUT, text="Late change")
    second = change_actions.start_version(actor=None, project=project, bold_challenge="Everyone heard, and answered")
    change_actions.add_element(actor=None, toc=second, kind=ElementKind.OUTPUT, text="Reports to the board")
    assert [e.text for e in toc.elements.all()] == ["More voices"]
    assert [e.text for e in second.elements.all()] == ["More voices", "Reports to the board"]
    assert second.elements.get(text="More voices").indicators.count() == 1
    client.force_login(make_user(role=Role.STEERING_MEMBER))
    old = client.get(f"/learn/change/{toc.pk}/").content.decode()
    assert "Everyone heard" in old and "Reports to the board" not in old and "approved by Board" in old


def test_a_member_without_the_right_cannot_write_a_charter_version(client):
    client.force_login(make_user(role=Role.STEERING_MEMBER))
    assert client.post("/learn/charter/", {"purpose": "Ours now"}).status_code == 403
    assert CharterVersion.objects.count() == 0
