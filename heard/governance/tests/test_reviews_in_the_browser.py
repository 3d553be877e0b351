"""Host staff set and change the review dates of the charter, the theory of change and the governance structure
in the browser, and record each review with what changed; the group reads them; a changed date is reminded
again."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail

from heard.accounts.models import Role
from heard.core.models import AuditEvent
from heard.core.testing import make_user
from heard.governance import actions
from heard.governance.models import Review, ReviewDate

pytestmark = pytest.mark.django_db


def test_host_staff_set_and_then_change_a_review_date(client):
    client.force_login(make_user(role=Role.HOST_STAFF))
    assert client.post("/learn/reviews/charter/date/", {"date-charter-due_on": "2027-01-15"}).status_code == 302
    assert ReviewDate.objects.get(subject="charter").due_on == datetime.date(2027, 1, 15)
    client.post("/learn/reviews/charter/date/", {"date-charter-due_on": "2027-03-01"})
    assert ReviewDate.objects.get(subject="charter").due_on == datetime.date(2027, 3, 1)
    assert AuditEvent.objects.filter(verb="changed", target_type="governance.reviewdate").count() == 2
    assert "1 March 2027" in client.get("/learn/reviews/").content.decode()


def test_recording_a_review_keeps_what_changed_and_sets_the_next_date(client):
    client.force_login(make_user(role=Role.HOST_STAFF))
    data = {
        "review-structure-reviewed_on": "2026-11-20",
        "review-structure-what_changed": "Two resident seats added; the finance subgroup closed.",
        "review-structure-next_due_on": "2027-11-20",
    }
    assert client.post("/learn/reviews/structure/", data).status_code == 302
    review = Review.objects.get()
    assert (review.subject, review.reviewed_on) == ("structure", datetime.date(2026, 11, 20))
    assert ReviewDate.objects.get(subject="structure").due_on == datetime.date(2027, 11, 20)
    assert AuditEvent.objects.filter(verb="reviewed").count() == 1
    client.force_login(make_user(role=Role.STEERING_MEMBER))
    page = client.get("/learn/reviews/").content.decode()
    assert "Two resident seats added" in page and "Record a review" not in page


def test_a_review_without_what_changed_or_a_bad_date_is_asked_for_again(client):
    client.force_login(make_user(role=Role.HOST_STAFF))
    page = client.post("/learn/reviews/theory_of_change/", {"review-theory_of_change-reviewed_on": "yesterday"})
    assert page.status_code == 200 and "There is a problem" in page.content.decode()
    page = client.post("/learn/reviews/charter/date/", {"date-charter-due_on": "2027-02-30"})
    assert page.status_code == 200 and "There is a problem" in page.content.decode()
    assert not Review.objects.exists() and not ReviewDate.objects.exists()
    assert client.post("/learn/reviews/nonsense/", {}).status_code == 404


def test_a_member_cannot_change_review_dates_and_a_partner_cannot_see_them(client):
    client.force_login(make_user(role=Role.STEERING_MEMBER))
    assert client.post("/learn/reviews/charter/date/", {"date-charter-due_on": "2027-01-15"}).status_code == 403
    client.force_login(make_user(role=Role.PARTNER_MEMBER))
    assert client.get("/learn/reviews/").status_code == 404
    assert not ReviewDate.objects.exists()


def test_a_date_changed_in_the_browser_is_reminded_once_again_when_it_comes_due(client):
    make_user(role=Role.HOST_STAFF, email="staff@example.org")
    actions.set_review_date(actor=None, subject="charter", due_on=datetime.date(2026, 1, 1))
    actions.remind_reviews(today=datetime.date(2026, 1, 1))
    client.force_login(make_user(role=Role.HOST_ADMIN))
    client.post("/learn/reviews/charter/date/", {"date-charter-due_on": "2026-06-01"})
    mail.outbox.clear()
    assert actions.remind_reviews(today=datetime.date(2026, 6, 1))
    assert len(mail.outbox) == 1
    assert not actions.remind_reviews(today=datetime.date(2026, 6, 2))
