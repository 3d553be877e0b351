"""Error pages speak plainly and look like the rest of Heard."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.test import Client

from heard.accounts.models import Role
from heard.core.testing import make_user


@pytest.mark.django_db
def test_a_missing_page_says_so_in_heards_own_page(client):
    client.force_login(make_user())
    response = client.get("/no-such-page/")
    body = response.content.decode()
    assert response.status_code == 404
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in body and "Sign out" in body


@pytest.mark.django_db
def test_a_form_sent_without_its_token_is_refused_plainly():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/sign-in/", {"username": "x", "password": "y"})
    assert response.status_code == 403 and "Please try again" in response.content.decode()


def test_the_server_error_page_needs_nothing_from_the_request():
    body = render_to_string("500.html")
    assert "Sorry, there is a problem" in body and 'href="/"' in body


@pytest.mark.django_db
def test_a_page_the_account_cannot_use_says_who_to_ask(client):
    client.force_login(make_user(role=Role.PARTNER_MEMBER))
    response = client.get("/projects/new/")
    assert response.status_code == 403 and "You cannot see this page" in response.content.decode()
