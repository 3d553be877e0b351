"""A review whose date has passed says "Overdue" on the Learn page and the reviews page, not "due 1 October 2026
due" (walking the loop, a steering-group member read the word twice and could not tell it was late)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from heard.accounts.models import Role
from heard.core.testing import make_user
from heard.governance.models import ReviewDate

pytestmark = pytest.mark.django_db


def test_a_review_date_gone_by_is_overdue_and_one_ahead_has_no_tag(client):
    today = timezone.localdate()
    ReviewDate.objects.create(subject="theory_of_change", due_on=today - datetime.timedelta(days=61))
    ReviewDate.objects.create(subject="charter", due_on=today + datetime.timedelta(days=50))
    client.force_login(make_user(role=Role.STEERING_MEMBER))
    for path in ("/learn/", "/learn/reviews/"):
        html = client.get(path).content.decode()
        assert html.count(">Overdue</strong>") == 1, path
        assert 'govuk-tag--red">due<' not in html
