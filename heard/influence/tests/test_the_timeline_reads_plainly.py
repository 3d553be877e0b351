"""A recommendation's timeline reads as sentences: "Made: Saved as a draft", not "Made: Made", and the day a
response is due as people write it ("30 November 2026"), not 2026-11-30 (both met walking the loop)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from heard.core.testing import make_user
from heard.influence.testing import make_recommendation

pytestmark = pytest.mark.django_db


def test_the_timeline_says_saved_as_a_draft_and_the_due_day_in_words(client):
    rec = make_recommendation(sent_on=datetime.date(2026, 11, 2))
    client.force_login(make_user())
    page = client.get(reverse("influence:recommendation", args=[rec.pk])).content.decode()
    assert "Made: Made" not in page
    assert "Saved as a draft" in page
    assert "due 30 November 2026" in page
    assert "2026-11-30" not in page
