"""Sign-in and two-factor sign-in: each a named action with one transaction and one audit event.

Passwords never reach the audit trail; a failed sign-in keeps the username tried and the address it came from.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from heard.accounts.models import User
from heard.core import audit
from heard.core.models import AuditVerb

RECOVERY_CODE_COUNT = 10
RECOVERY_DEVICE_NAME = "Recovery codes"


def _someone_at(address: str) -> str:
    return f"someone at {address}"


@transaction.atomic
def record_sign_in(*, user: User, address: str) -> None:
    """A person signed in with their password (host staff then pass the two-factor check too)."""
    audit.record(actor=user, verb=AuditVerb.SIGNED_IN, target=user, summary=f"Signed in with a password from {address}")


@transaction.atomic
def record_failed_sign_in(*, username: str, address: str, paused: bool = False) -> None:
    """A wrong username or password. The password itself is never kept."""
    username = username[:150]
    account = User.objects.filter(username=username).first()
    summary = f"Wrong username or password for “{username}” from {address}"
    if paused:
        summary += "; signing in is paused"
    audit.record(
        actor=None,
        actor_label=_someone_at(address),
        verb=AuditVerb.SIGN_IN_FAILED,
        target=account,
        target_type="accounts.user",
        target_label=username,
        summary=summary,
    )


def _matches(device: TOTPDevice, code: str) -> bool:
    """Checks a first code for an authenticator that is not saved yet (so nothing is written when it is wrong)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if not totp.verify(int(code), device.tolerance):
        return False
    device.last_t = totp.t()
    device.drift = totp.drift if getattr(settings, "OTP_TOTP_SYNC", True) else device.drift
    return True


@transaction.atomic
def set_up_authenticator(*, user: User, key: str, code: str, address: str) -> TOTPDevice | None:
    """Adds an authenticator app once its first code matches; the caller has checked the person may add one."""
    device = TOTPDevice(user=user, key=key, name="Authenticator app", confirmed=True)
    if not _matches(device, code):
        audit.record(
            actor=user,
            verb=AuditVerb.TWO_FACTOR_FAILED,
            target=user,
            summary=f"Wrong code while setting up an authenticator app, from {address}",
        )
        return None
    device.save()
    audit.record(
        actor=user,
        verb=AuditVerb.TWO_FACTOR_SET_UP,
        target=user,
        summary=f"Set up an authenticator app for two-factor sign-in, from {address}",
        after={"device_id": device.pk, "name": device.name},
    )
    return device


@dataclass(frozen=True)
class CodeCheck:
    device: Device | None
    too_many_tries: bool = False
    recovery_codes_left: int | None = None


def is_recovery_code(code: str) -> bool:
    return not (len(code) == 6 and code.isdigit())


def recovery_codes_left(user: User) -> int:
    return int(StaticToken.objects.filter(device__user=user, device__confirmed=True).count())


@transaction.atomic
def check_two_factor_code(*, user: User, code: str, address: str) -> CodeCheck:
    """Checks a code from an authenticator app, or a recovery code (which then stops working)."""
    recovery = is_recovery_code(code)
    devices: list[Device] = list(
        (StaticDevice if recovery else TOTPDevice).objects.select_for_update().filter(user=user, confirmed=True)
    )
    too_many_tries = False
    for device in devices:
        allowed, _ = device.verify_is_allowed()
        if not allowed:
            too_many_tries = True
            continue
        if device.verify_token(code):
            left = recovery_codes_left(user) if recovery else None
            how = f"a recovery code ({left} left)" if recovery else f"the authenticator app “{device.name}”"
            audit.record(
                actor=user,
                verb=AuditVerb.SIGNED_IN,
                target=user,
                summary=f"Passed the two-factor check with {how}, from {address}",
            )
            return CodeCheck(device=device, recovery_codes_left=left)
    kind = "recovery code" if recovery else "two-factor code"
    audit.record(
        actor=user,
        verb=AuditVerb.TWO_FACTOR_FAILED,
        target=user,
        summary=f"Wrong {kind} from {address}" + ("; checking is paused after too many" if too_many_tries else ""),
    )
    return CodeCheck(device=None, too_many_tries=too_many_tries)


@transaction.atomic
def make_recovery_codes(*, user: User) -> list[str]:
    """Makes a new set of recovery codes, each usable once; any older codes stop working."""
    device = StaticDevice.objects.filter(user=user, name=RECOVERY_DEVICE_NAME).first()
    if device is None:
        device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    StaticToken.objects.filter(device__user=user).delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    audit.record(
        actor=user,
        verb=AuditVerb.RECOVERY_CODES_MADE,
        target=user,
        summary=f"Made {len(codes)} new recovery codes; any older ones stop working",
    )
    return codes
