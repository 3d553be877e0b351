from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from heard.accounts.models import Role
from heard.core.testing import PASSWORD, make_organisation, make_user


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


def test_repeated_failures_lock_the_account_for_a_while(client, staff, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        _sign_in(client, "tom", "wrong")
    response = _sign_in(client, "tom")  # even the right password is refused while locked
    assert response.status_code == 429
    assert "Too many sign-in attempts" in response.content.decode()


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


def test_host_staff_must_set_up_two_factor_when_it_is_required(client, staff, settings):
    settings.HEARD_REQUIRE_2FA = True
    _sign_in(client, "tom")
    response = client.get("/projects/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-factor/set-up/")
    html = client.get(response["Location"]).content.decode()
    assert "Set up two-factor sign-in" in html
    device = TOTPDevice.objects.get(user=staff)
    assert (
        "That code did not match" in client.post("/accounts/two-factor/set-up/", {"token": "000000"}).content.decode()
    )
    device.refresh_from_db()
    device.throttle_reset()  # as if the person waited before trying again
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    assert client.post("/accounts/two-factor/set-up/?next=/projects/", {"token": code}).status_code == 302
    assert client.get("/projects/").status_code == 200


def test_a_returning_host_staff_member_enters_a_code(client, staff, settings):
    settings.HEARD_REQUIRE_2FA = True
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    _sign_in(client, "tom")
    assert client.get("/projects/")["Location"].startswith("/accounts/two-factor/verify/")
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    client.post("/accounts/two-factor/verify/", {"token": code})
    assert client.get("/projects/").status_code == 200


def test_partner_members_are_not_asked_for_two_factor(client, db, settings):
    settings.HEARD_REQUIRE_2FA = True
    make_user(role=Role.PARTNER_MEMBER, organisation=make_organisation(), username="hodan")
    _sign_in(client, "hodan")
    assert client.get("/projects/").status_code == 200
