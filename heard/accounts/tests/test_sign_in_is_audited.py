"""Every sign-in, failed sign-in, two-factor set-up and failed two-factor code leaves one audit event."""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from heard.accounts.models import Role
from heard.accounts.tests.otp import code_for, code_for_key_on_page
from heard.core.models import AuditEvent, AuditVerb
from heard.core.testing import PASSWORD, make_user

ADDRESS = "203.0.113.9"


@pytest.fixture
def staff(db, settings):
    settings.HEARD_REQUIRE_2FA = True
    return make_user(role=Role.HOST_STAFF, username="tom")


def _sign_in(client, username: str, password: str = PASSWORD):
    return client.post("/accounts/sign-in/", {"username": username, "password": password}, REMOTE_ADDR=ADDRESS)


def _everything_kept(event: AuditEvent) -> str:
    return " ".join(str(v) for v in (event.actor_label, event.target_label, event.summary, event.before, event.after))


def test_a_sign_in_is_audited_with_the_address(client, staff):
    _sign_in(client, "tom")
    event = AuditEvent.objects.get(verb=AuditVerb.SIGNED_IN)
    assert event.actor == staff
    assert event.target_id == str(staff.pk)
    assert ADDRESS in event.summary


def test_a_wrong_password_is_audited_with_the_username_and_address_but_not_the_password(client, staff):
    _sign_in(client, "tom", "my-secret-guess-42")
    event = AuditEvent.objects.get(verb=AuditVerb.SIGN_IN_FAILED)
    assert event.actor is None
    assert event.target_id == str(staff.pk)
    assert "tom" in event.summary and ADDRESS in event.summary and ADDRESS in event.actor_label
    assert "my-secret-guess-42" not in _everything_kept(event)
    assert not AuditEvent.objects.filter(verb=AuditVerb.SIGNED_IN).exists()


def test_a_username_that_does_not_exist_is_audited_too(client, db):
    _sign_in(client, "admin", "password1")
    event = AuditEvent.objects.get(verb=AuditVerb.SIGN_IN_FAILED)
    assert event.target_label == "admin"
    assert event.target_id == ""
    assert "password1" not in _everything_kept(event)


def test_setting_up_an_authenticator_and_a_wrong_code_are_audited(client, staff):
    _sign_in(client, "tom")
    html = client.get("/accounts/two-factor/set-up/").content.decode()
    client.post("/accounts/two-factor/set-up/", {"token": "000000"}, REMOTE_ADDR=ADDRESS)
    assert AuditEvent.objects.filter(verb=AuditVerb.TWO_FACTOR_FAILED, actor=staff).count() == 1
    client.post("/accounts/two-factor/set-up/", {"token": code_for_key_on_page(html)}, REMOTE_ADDR=ADDRESS)
    set_up = AuditEvent.objects.get(verb=AuditVerb.TWO_FACTOR_SET_UP)
    assert set_up.actor == staff and ADDRESS in set_up.summary
    assert AuditEvent.objects.filter(verb=AuditVerb.RECOVERY_CODES_MADE, actor=staff).count() == 1


def test_a_wrong_two_factor_code_and_then_the_right_one_are_audited(client, staff, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    _sign_in(client, "tom")
    client.post("/accounts/two-factor/verify/", {"code": "000000"}, REMOTE_ADDR=ADDRESS)
    failed = AuditEvent.objects.get(verb=AuditVerb.TWO_FACTOR_FAILED)
    assert failed.actor == staff and ADDRESS in failed.summary
    client.post("/accounts/two-factor/verify/", {"code": code_for(device)}, REMOTE_ADDR=ADDRESS)
    passed = AuditEvent.objects.filter(verb=AuditVerb.SIGNED_IN).order_by("id").last()
    assert passed is not None and "two-factor check" in passed.summary
    assert AuditEvent.objects.filter(verb=AuditVerb.SIGNED_IN).count() == 2  # the password, then the code
