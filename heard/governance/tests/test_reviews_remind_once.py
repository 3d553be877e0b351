"""The review rhythm: a review that comes due is reminded once, and each review is kept with what changed."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail

from heard.accounts.models import Role
from heard.core.testing import make_user
from heard.governance import actions
from heard.governance.models import Review, ReviewDate, ReviewSubject

pytestmark = pytest.mark.django_db


def test_a_due_review_is_reminded_once_then_again_only_after_a_new_date():
    make_user(role=Role.HOST_STAFF, email="staff@example.org")
    actions.set_review_date(actor=None, subject=ReviewSubject.CHARTER, due_on=datetime.date(2026, 5, 1))
    actions.set_review_date(actor=None, subject=ReviewSubject.STRUCTURE, due_on=datetime.date(2026, 9, 1))
    assert actions.remind_reviews(today=datetime.date(2026, 4, 30)) == []
    assert [r.subject for r in actions.remind_reviews(today=datetime.date(2026, 5, 2))] == ["charter"]
    assert actions.remind_reviews(today=datetime.date(2026, 5, 3)) == []
    assert len(mail.outbox) == 1 and "The charter" in mail.outbox[0].body
    actions.record_review(
        actor=None,
        subject=ReviewSubject.CHARTER,
        reviewed_on=datetime.date(2026, 5, 4),
        what_changed="Residents at least half",
        next_due_on=datetime.date(2027, 5, 1),
    )
    assert Review.objects.get().what_changed == "Residents at least half"
    assert ReviewDate.objects.get(subject="charter").due_on == datetime.date(2027, 5, 1)
    assert actions.remind_reviews(today=datetime.date(2026, 6, 1)) == []
    assert sorted(r.subject for r in actions.remind_reviews(today=datetime.date(2027, 5, 1))) == [
        "charter",
        "structure",
    ]
