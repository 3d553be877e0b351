"""A meeting's actions are followed up after the meeting: their status (open, in progress, done, dropped), owner
and due date change in the browser (host staff, or the action's owner), and one list across meetings shows mine
or all, overdue first."""

from __future__ import annotations

import datetime

import pytest

from heard.accounts.models import Role
from heard.core.models import AuditEvent
from heard.core.testing import make_user
from heard.governance import actions
from heard.governance.models import ActionItem, Meeting, SteeringMember

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


def an_action(text: str, owner: str, due: datetime.date | None, status: str = "open") -> ActionItem:
    meeting = Meeting.objects.first() or Meeting.objects.create(held_on=TODAY - datetime.timedelta(days=40))
    return actions.save_action_item(
        actor=None, item=ActionItem(meeting=meeting, text=text, owner=owner, due_on=due, status=status)
    )


def test_host_staff_change_an_actions_status_owner_and_due_date(client):
    item = an_action("Book the hall", "Sam Lee", TODAY)
    client.force_login(make_user(role=Role.HOST_STAFF))
    later = TODAY + datetime.timedelta(days=14)
    data = {"status": "in_progress", "owner": "Ade Bello", "due_on": later.isoformat()}
    assert client.post(f"/learn/actions/{item.pk}/", data).status_code == 302
    item.refresh_from_db()
    assert (item.status, item.owner, item.due_on) == ("in_progress", "Ade Bello", later)
    event = AuditEvent.objects.filter(verb="changed", target_id=str(item.pk)).get()
    assert event.before is not None and event.after is not None
    assert event.before["status"] == "open" and event.after["status"] == "in_progress"
    for status in ("done", "dropped"):
        client.post(f"/learn/actions/{item.pk}/", {**data, "status": status})
        item.refresh_from_db()
        assert item.status == status


def test_the_owner_may_update_their_own_action_and_another_member_may_not(client):
    owner = make_user(role=Role.STEERING_MEMBER, first_name="Sam", last_name="Lee")
    SteeringMember.objects.create(name="Sam Lee", user=owner)
    item = an_action("Book the hall", "Sam Lee", TODAY)
    client.force_login(owner)
    assert client.post(f"/learn/actions/{item.pk}/", {"status": "done", "owner": "Sam Lee"}).status_code == 302
    item.refresh_from_db()
    assert item.status == "done"
    client.force_login(make_user(role=Role.STEERING_MEMBER, first_name="Kim", last_name="Ng"))
    assert client.post(f"/learn/actions/{item.pk}/", {"status": "open", "owner": "Kim Ng"}).status_code == 403
    assert "Update it" not in client.get(f"/learn/actions/{item.pk}/").content.decode()


def test_a_bad_date_is_asked_for_again_and_nothing_changes(client):
    item = an_action("Book the hall", "Sam Lee", TODAY)
    client.force_login(make_user(role=Role.HOST_STAFF))
    page = client.post(f"/learn/actions/{item.pk}/", {"status": "done", "owner": "Sam Lee", "due_on": "31/02/26"})
    assert page.status_code == 200 and "There is a problem" in page.content.decode()
    item.refresh_from_db()
    assert item.status == "open"


def test_the_list_shows_all_actions_across_meetings_overdue_first(client):
    an_action("Later task", "Sam Lee", TODAY + datetime.timedelta(days=10))
    an_action("Finished task", "Sam Lee", TODAY - datetime.timedelta(days=90), status="done")
    an_action("Undated task", "Ade Bello", None)
    an_action("Late task", "Ade Bello", TODAY - datetime.timedelta(days=3), status="in_progress")
    an_action("Very late task", "Sam Lee", TODAY - datetime.timedelta(days=30))
    client.force_login(make_user(role=Role.HOST_STAFF))
    page = client.get("/learn/actions/?whose=all").content.decode()
    order = ["Very late task", "Late task", "Later task", "Undated task", "Finished task"]
    assert [page.index(text) for text in order] == sorted(page.index(text) for text in order)
    assert page.count("govuk-tag--red") == 2 and "2 overdue" in page


def test_mine_shows_only_the_actions_in_my_name(client):
    me = make_user(role=Role.STEERING_MEMBER, first_name="Sam", last_name="Lee")
    an_action("Sam's task", "sam lee", TODAY)
    an_action("Ade's task", "Ade Bello", TODAY)
    client.force_login(me)
    page = client.get("/learn/actions/").content.decode()
    assert "Sam&#x27;s task" in page and "Ade&#x27;s task" not in page
    assert "Ade&#x27;s task" in client.get("/learn/actions/?whose=all").content.decode()
