"""Failed sign-ins pause signing in per username (from anywhere) and per address (across usernames)."""

from __future__ import annotations

import pytest
from django.test import Client

from heard.accounts.models import Role
from heard.core.models import AuditEvent, AuditVerb
from heard.core.testing import PASSWORD, make_user

SPRAYER = "198.51.100.7"
OFFICE = "192.0.2.10"


def _sign_in(client: Client, username: str, password: str = PASSWORD, address: str = OFFICE, forwarded: str = ""):
    return client.post(
        "/accounts/sign-in/",
        {"username": username, "password": password},
        headers={"X-Forwarded-For": forwarded} if forwarded else None,
        REMOTE_ADDR=address,
    )


@pytest.fixture
def staff(db):
    return make_user(role=Role.HOST_STAFF, username="tom")


def test_repeated_failures_pause_signing_in_to_the_account(client, staff, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for address in ("192.0.2.1", "192.0.2.2", "192.0.2.3"):  # a username's failures count from any address
        _sign_in(client, "tom", "wrong", address=address)
    response = _sign_in(client, "tom", address="192.0.2.4")  # even the right password is refused while paused
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many sign-in attempts" in html
    assert "Try again in 15 minutes" in html


def test_password_spraying_from_one_address_is_paused(client, staff, settings):
    settings.AXES_FAILURE_LIMIT = 5
    settings.HEARD_LOGIN_ADDRESS_FAILURE_LIMIT = 20
    usernames = [f"person{n}" for n in range(12)]
    statuses = [
        _sign_in(client, username, f"Summer202{attempt}", address=SPRAYER).status_code
        for attempt in range(4)  # 4 tries per username: under the per-username limit
        for username in usernames
    ]
    assert len(statuses) == 48
    assert statuses.index(429) == 19, "the 20th failure from the address pauses it"
    assert set(statuses[19:]) == {429}
    assert _sign_in(Client(), "tom", address=SPRAYER).status_code == 429, "even a right password from there"
    assert _sign_in(Client(), "tom", address=OFFICE).status_code == 302, "other places are not affected"
    assert AuditEvent.objects.filter(verb=AuditVerb.SIGN_IN_FAILED).count() >= 48


def test_signing_in_does_not_wipe_the_count_of_other_usernames_tried_from_there(client, staff, settings):
    settings.AXES_FAILURE_LIMIT = 5
    settings.HEARD_LOGIN_ADDRESS_FAILURE_LIMIT = 6
    for n in range(5):
        _sign_in(client, f"person{n}", "wrong", address=SPRAYER)
    assert _sign_in(Client(), "tom", address=SPRAYER).status_code == 302  # the sprayer's own account
    assert _sign_in(client, "person9", "wrong", address=SPRAYER).status_code == 429


def test_a_persons_own_mistakes_are_forgotten_when_they_sign_in(client, staff, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(2):
        _sign_in(client, "tom", "wrong")
    assert _sign_in(Client(), "tom").status_code == 302
    for _ in range(2):
        _sign_in(client, "tom", "wrong")
    assert _sign_in(Client(), "tom").status_code == 302


def test_behind_a_proxy_each_client_address_counts_separately(client, staff, settings):
    settings.HEARD_TRUSTED_PROXY_COUNT = 1
    settings.HEARD_LOGIN_ADDRESS_FAILURE_LIMIT = 3
    proxy = "10.0.0.2"
    for n in range(3):
        _sign_in(client, f"person{n}", "wrong", address=proxy, forwarded=SPRAYER)
    assert _sign_in(Client(), "tom", address=proxy, forwarded=OFFICE).status_code == 302
    # A sprayer cannot pick a new address by sending the header itself: the proxy appends the real one.
    forged = f"192.0.2.99, {SPRAYER}"
    assert _sign_in(client, "person7", "wrong", address=proxy, forwarded=forged).status_code == 429
