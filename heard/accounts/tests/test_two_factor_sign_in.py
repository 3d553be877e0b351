"""Host staff set up an authenticator app at their first sign-in and enter a code from it after their password."""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from heard.accounts.models import Role
from heard.accounts.tests.otp import code_for, code_for_key_on_page, sign_in_with_password
from heard.core.testing import make_organisation, make_user


@pytest.fixture
def staff(db, settings):
    settings.HEARD_REQUIRE_2FA = True
    return make_user(role=Role.HOST_STAFF, username="tom")


def test_host_staff_must_set_up_two_factor_when_it_is_required(client, staff):
    sign_in_with_password(client, "tom")
    response = client.get("/projects/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-factor/set-up/")
    html = client.get(response["Location"]).content.decode()
    assert "Set up two-factor sign-in" in html
    assert not TOTPDevice.objects.exists(), "looking at the set-up page adds nothing"
    wrong = client.post("/accounts/two-factor/set-up/", {"token": "000000"}).content.decode()
    assert "That code did not match" in wrong
    assert not TOTPDevice.objects.exists()
    response = client.post("/accounts/two-factor/set-up/?next=/projects/", {"token": code_for_key_on_page(html)})
    assert response.status_code == 200
    assert "Save your recovery codes" in response.content.decode()
    assert TOTPDevice.objects.get(user=staff).confirmed
    assert client.get("/projects/").status_code == 200


def test_the_set_up_page_keeps_the_same_key_until_it_is_confirmed(client, staff):
    sign_in_with_password(client, "tom")
    first = client.get("/accounts/two-factor/set-up/").content.decode()
    again = client.get("/accounts/two-factor/set-up/").content.decode()
    assert code_for_key_on_page(first) == code_for_key_on_page(again)


def test_a_returning_host_staff_member_enters_a_code(client, staff):
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    sign_in_with_password(client, "tom")
    assert client.get("/projects/")["Location"].startswith("/accounts/two-factor/verify/")
    response = client.post("/accounts/two-factor/verify/?next=/projects/", {"code": code_for(device)})
    assert response["Location"] == "/projects/"
    assert client.get("/projects/").status_code == 200


def test_a_wrong_code_is_refused_with_a_clear_message(client, staff):
    TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    sign_in_with_password(client, "tom")
    html = client.post("/accounts/two-factor/verify/", {"code": "000000"}).content.decode()
    assert "That code did not match" in html
    assert client.get("/projects/")["Location"].startswith("/accounts/two-factor/verify/")


def test_after_a_wrong_code_the_next_try_must_wait(client, staff, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60  # seconds, doubling with each wrong code
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    sign_in_with_password(client, "tom")
    client.post("/accounts/two-factor/verify/", {"code": "000000"})
    html = client.post("/accounts/two-factor/verify/", {"code": code_for(device)}).content.decode()
    assert "too many wrong codes" in html
    assert client.get("/projects/").status_code == 302


def test_a_code_that_is_not_a_code_gets_a_clear_message(client, staff):
    TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    sign_in_with_password(client, "tom")
    html = client.post("/accounts/two-factor/verify/", {"code": "12ab"}).content.decode()
    assert "Enter the 6-digit code from your app" in html


def test_partner_members_are_not_asked_for_two_factor(client, db, settings):
    settings.HEARD_REQUIRE_2FA = True
    make_user(role=Role.PARTNER_MEMBER, organisation=make_organisation(), username="hodan")
    sign_in_with_password(client, "hodan")
    assert client.get("/projects/").status_code == 200
