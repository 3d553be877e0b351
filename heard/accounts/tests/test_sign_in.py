from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from heard.accounts.models import Role
from heard.core.testing import PASSWORD, make_user


@pytest.fixture
def staff(db):
    return make_user(role=Role.HOST_STAFF, username="tom")


def _sign_in(client: Client, username: str, password: str = PASSWORD):
    return client.post("/accounts/sign-in/", {"username": username, "password": password})


def test_a_person_signs_in_and_lands_on_their_projects(client, staff):
    response = _sign_in(client, "tom")
    assert response.status_code == 302
    assert client.get("/", follow=True).redirect_chain[-1][0] == "/projects/"


def test_a_wrong_password_gets_a_clear_message(client, staff):
    html = _sign_in(client, "tom", "wrong").content.decode()
    assert "Enter a correct username and password" in html
    assert 'value="tom"' in html


def test_password_reset_sends_a_link_that_works(client, staff):
    client.post("/accounts/password-reset/", {"email": staff.email})
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/password-reset/" in line).strip()
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path, follow=True)
    assert "Choose a new password" in response.content.decode()
    new = "a brand new long password 42"
    response = client.post(response.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    assert _sign_in(Client(), "tom", new).status_code == 302
