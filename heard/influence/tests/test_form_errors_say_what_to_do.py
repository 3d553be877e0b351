"""A form sent with something missing says which field and what to do ("Enter “Title”."), in the summary at the top
and beside the field, never Django's bare "This field is required." twice (walking the loop, host staff and a
commissioner both met it)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from heard.core.testing import make_project, make_user
from heard.influence.testing import make_recommendation, token_from_last_email

pytestmark = pytest.mark.django_db


def test_a_recommendation_without_a_title_or_addressee_says_what_to_enter_and_choose(client):
    project = make_project()
    client.force_login(make_user())
    page = client.post(reverse("influence:create") + f"?project={project.slug}", {"project": project.slug})
    text = page.content.decode()
    assert page.status_code == 200
    assert "This field is required." not in text
    assert text.count("Enter “Title”.") == 2  # in the summary and beside the field
    assert text.count("Choose “Addressed to”.") == 2


def test_a_commissioners_empty_response_says_what_to_choose_and_enter(client):
    make_recommendation(sent_on=datetime.date(2026, 11, 2))
    page = client.post(reverse("influence:respond", args=[token_from_last_email()]), {})
    text = page.content.decode()
    assert "This field is required." not in text
    assert "Choose “Your response”." in text
    assert "Enter “Your reasons”." in text
