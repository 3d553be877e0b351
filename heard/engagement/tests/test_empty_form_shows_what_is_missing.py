"""Sending the residents' form empty shows what is missing (an answer, the agreement to keep it), not "That was
very quick"; only a form that would otherwise be saved is refused for speed."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from heard.core.testing import make_organisation, make_project, make_question
from heard.engagement import public
from heard.engagement.models import EntryLink, Experience


@pytest.fixture
def link(db):
    cache.clear()
    partner = make_organisation(name="Polish Community Centre")
    project = make_project(partners=[partner], languages=["en"])
    make_question(project=project, code="story", text="Tell us what happened")
    return EntryLink.objects.create(project=project, partner=partner)


def _started(client, link):
    return client.get(link.get_absolute_url()).context["form"].initial["started"]


def test_the_empty_form_sent_at_once_shows_the_missing_answers(client, link, monkeypatch):
    monkeypatch.setattr(public, "MIN_SECONDS_ON_PAGE", 60)
    html = client.post(link.get_absolute_url(), {"started": _started(client, link), "website": ""}).content.decode()
    assert "Please tell us something in at least one answer." in html
    assert "Tick this box so that we can keep what you told us." in html
    assert "That was very quick" not in html
    assert not Experience.objects.exists()


def test_a_complete_form_sent_at_once_is_still_refused_for_speed(client, link, monkeypatch):
    monkeypatch.setattr(public, "MIN_SECONDS_ON_PAGE", 60)
    data = {"started": _started(client, link), "website": "", "q_story": "I waited", "consent_store": "on"}
    assert "That was very quick" in client.post(link.get_absolute_url(), data).content.decode()
    assert not Experience.objects.exists()
