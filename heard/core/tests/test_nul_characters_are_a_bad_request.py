"""A NUL character in a query parameter or a form field gets the plain "bad request" page, on every database."""

from __future__ import annotations

import pytest

from heard.accounts.models import Role
from heard.core.testing import make_user


@pytest.fixture
def staff_client(client, db):
    client.force_login(make_user(role=Role.HOST_STAFF))
    return client


def test_a_nul_in_a_query_parameter_is_a_bad_request(staff_client):
    response = staff_client.get("/hear/", {"q": "clinic\x00"})
    assert response.status_code == 400
    assert "Heard" in response.content.decode()


def test_a_nul_in_a_form_field_is_a_bad_request(staff_client):
    assert staff_client.post("/partners/communities/new/", {"name": "Estate\x00"}).status_code == 400


def test_the_same_request_without_it_is_answered(staff_client):
    assert staff_client.get("/hear/", {"q": "clinic"}).status_code == 200
