"""The commissioner's page said "Your response" twice, as the section's heading and again as the question above
the three choices (found on the last walk); now the heading says what to do and the question asks it once."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import caches
from django.urls import reverse

from heard.influence.testing import make_recommendation, token_from_last_email

pytestmark = pytest.mark.django_db


def test_the_commissioners_page_says_your_response_once(client):
    caches["shared"].clear()
    make_recommendation(sent_on=datetime.date(2026, 11, 2))
    page = client.get(reverse("influence:respond", args=[token_from_last_email()])).content.decode()
    assert page.count("Your response") == 1
    assert "Respond to this recommendation</h2>" in page
