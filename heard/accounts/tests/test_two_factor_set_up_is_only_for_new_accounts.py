"""Set-up of two-factor sign-in is for accounts without an authenticator, or for a session that passed the check.

The bypass these tests prove closed: host staff signed in with a password alone opened the set-up page directly,
enrolled a new authenticator although their account had one, and its code let them in.
"""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from heard.accounts.actions import make_recovery_codes, recovery_codes_left
from heard.accounts.models import Role
from heard.accounts.tests.otp import code_for, code_for_key_on_page, sign_in_with_password
from heard.core.models import AuditEvent, AuditVerb
from heard.core.testing import make_user


@pytest.fixture
def staff_with_an_authenticator(db, settings):
    settings.HEARD_REQUIRE_2FA = True
    staff = make_user(role=Role.HOST_STAFF, username="tom")
    TOTPDevice.objects.create(user=staff, name="Tom's phone", confirmed=True)
    return staff


def test_a_password_alone_cannot_open_the_set_up_page(client, staff_with_an_authenticator):
    sign_in_with_password(client, "tom")
    response = client.get("/accounts/two-factor/set-up/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-factor/verify/")
    assert TOTPDevice.objects.filter(user=staff_with_an_authenticator).count() == 1


def test_a_code_for_a_new_authenticator_posted_with_a_password_alone_does_not_sign_in(
    client, staff_with_an_authenticator
):
    sign_in_with_password(client, "tom")
    # An unconfirmed device, as the old set-up page made (and showed the key of) on every visit.
    rogue = TOTPDevice.objects.create(user=staff_with_an_authenticator, name="rogue", confirmed=False)
    response = client.post("/accounts/two-factor/set-up/", {"token": code_for(rogue)})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-factor/verify/")
    rogue.refresh_from_db()
    assert not rogue.confirmed
    assert client.get("/projects/")["Location"].startswith("/accounts/two-factor/verify/")
    assert not AuditEvent.objects.filter(verb=AuditVerb.TWO_FACTOR_SET_UP).exists()


def test_a_session_that_passed_the_check_can_add_another_authenticator(client, staff_with_an_authenticator):
    codes = make_recovery_codes(user=staff_with_an_authenticator)
    sign_in_with_password(client, "tom")
    phone = TOTPDevice.objects.get(user=staff_with_an_authenticator)
    client.post("/accounts/two-factor/verify/", {"code": code_for(phone)})
    html = client.get("/accounts/two-factor/set-up/").content.decode()
    assert "Add another authenticator app" in html
    response = client.post("/accounts/two-factor/set-up/?next=/projects/", {"token": code_for_key_on_page(html)})
    assert response["Location"] == "/projects/"
    assert TOTPDevice.objects.filter(user=staff_with_an_authenticator, confirmed=True).count() == 2
    assert AuditEvent.objects.filter(verb=AuditVerb.TWO_FACTOR_SET_UP, actor=staff_with_an_authenticator).count() == 1
    assert recovery_codes_left(staff_with_an_authenticator) == len(codes), "the recovery codes stay as they were"
