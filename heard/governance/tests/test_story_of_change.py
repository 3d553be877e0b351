"""The story of change: the group adds entries, partners see only what is shared with them, and the public page
shows only what the group publishes."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from heard.accounts.models import Role
from heard.core.testing import make_organisation, make_project, make_user
from heard.governance import actions
from heard.governance.models import LearningEntry

pytestmark = pytest.mark.django_db


def entry(project, title, **fields):
    return actions.save_learning_entry(
        actor=None,
        entry=LearningEntry(project=project, happened_on=datetime.date(2026, 3, 1), title=title, tried="x", **fields),
    )


def test_staff_add_an_entry_and_publish_it(client):
    make_project(slug="voices")
    client.force_login(make_user(role=Role.HOST_STAFF))
    response = client.post(
        "/learn/story/?project=voices",
        {"happened_on": "2026-03-12", "title": "Evening sessions", "tried": "Sessions after 6pm", "went_wrong": ""},
    )
    assert response.status_code == 302
    created = LearningEntry.objects.get()
    assert created.project is not None and created.project.slug == "voices"
    assert "Evening sessions" not in Client().get("/story-of-change/").content.decode()
    client.post(f"/learn/story/{created.pk}/publish/", {"publish": "yes"})
    client.logout()
    assert "Evening sessions" in client.get("/story-of-change/").content.decode()
    assert client.get(f"/story-of-change/{created.pk}/").status_code == 200


def test_partners_see_shared_entries_and_the_public_sees_published_ones_only(client):
    ours = make_organisation()
    project = make_project(partners=[ours])
    private = entry(project, "Private learning")
    shared = entry(project, "Shared learning", shared_with_partners=True)
    client.force_login(make_user(role=Role.PARTNER_MEMBER, organisation=ours))
    text = client.get("/learn/story/").content.decode()
    assert "Shared learning" in text and "Private learning" not in text
    client.logout()
    assert client.get(f"/story-of-change/{private.pk}/").status_code == 404
    assert client.get(f"/story-of-change/{shared.pk}/").status_code == 404
    assert "Shared learning" not in client.get("/story-of-change/").content.decode()
