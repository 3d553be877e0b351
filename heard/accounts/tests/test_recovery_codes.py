"""Recovery codes: shown once at set-up, each works once instead of an app code, and new ones replace the old."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from heard.accounts.actions import make_recovery_codes, recovery_codes_left
from heard.accounts.models import Role
from heard.accounts.tests.otp import code_for, code_for_key_on_page, sign_in_with_password
from heard.core.models import AuditEvent, AuditVerb
from heard.core.testing import make_user

CODE = re.compile(r"<code[^>]*>([a-z2-7]{4}-[a-z2-7]{4})</code>")


@pytest.fixture
def staff(db, settings):
    settings.HEARD_REQUIRE_2FA = True
    return make_user(role=Role.HOST_STAFF, username="tom")


@pytest.fixture
def staff_with_an_app(staff):
    TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    return staff


def _verify(client: Client, code: str):
    return client.post("/accounts/two-factor/verify/", {"code": code})


def test_set_up_shows_ten_recovery_codes_once(client, staff):
    sign_in_with_password(client, "tom")
    html = client.get("/accounts/two-factor/set-up/").content.decode()
    page = client.post("/accounts/two-factor/set-up/", {"token": code_for_key_on_page(html)}).content.decode()
    codes = CODE.findall(page)
    assert len(codes) == len(set(codes)) == 10
    assert "You will not see these codes again" in page
    assert recovery_codes_left(staff) == 10
    overview = client.get("/accounts/two-factor/").content.decode()
    assert "You have 10 left" in overview
    assert not CODE.findall(overview), "the codes are never shown again"
    assert AuditEvent.objects.filter(verb=AuditVerb.RECOVERY_CODES_MADE, actor=staff).count() == 1


def test_a_recovery_code_signs_in_instead_of_an_app_code_once(client, staff_with_an_app):
    code = make_recovery_codes(user=staff_with_an_app)[0]
    sign_in_with_password(client, "tom")
    response = _verify(client, f" {code[:4].upper()}-{code[4:]} ")
    assert response.status_code == 302
    assert "You have 9 left" in client.get("/projects/").content.decode()
    assert recovery_codes_left(staff_with_an_app) == 9

    again = Client()
    sign_in_with_password(again, "tom")
    assert "That code did not match" in _verify(again, code).content.decode()
    assert again.get("/projects/").status_code == 302


def test_making_new_codes_needs_a_session_that_passed_the_check(client, staff_with_an_app):
    old = make_recovery_codes(user=staff_with_an_app)
    sign_in_with_password(client, "tom")
    response = client.post("/accounts/two-factor/")
    assert response["Location"].startswith("/accounts/two-factor/verify/")
    assert AuditEvent.objects.filter(verb=AuditVerb.RECOVERY_CODES_MADE).count() == 1  # only the codes above
    assert set(StaticToken.objects.values_list("token", flat=True)) == set(old)


def test_new_codes_stop_the_old_ones_working(client, staff_with_an_app, settings):
    settings.OTP_STATIC_THROTTLE_FACTOR = 0  # no wait between the wrong code and the right one
    old = make_recovery_codes(user=staff_with_an_app)
    sign_in_with_password(client, "tom")
    _verify(client, code_for(TOTPDevice.objects.get(user=staff_with_an_app)))
    page = client.post("/accounts/two-factor/").content.decode()
    assert "Your old recovery codes no longer work" in page
    new = CODE.findall(page)
    assert len(new) == 10

    later = Client()
    sign_in_with_password(later, "tom")
    assert "That code did not match" in _verify(later, old[0]).content.decode()
    assert _verify(later, new[0]).status_code == 302
    assert later.get("/projects/").status_code == 200


def test_someone_without_an_app_is_sent_to_set_one_up_first(client, staff):
    sign_in_with_password(client, "tom")
    assert client.get("/accounts/two-factor/")["Location"].startswith("/accounts/two-factor/set-up/")
    assert client.post("/accounts/two-factor/")["Location"].startswith("/accounts/two-factor/set-up/")
