"""Helpers for two-factor tests: the code an authenticator app would show now, and signing in with a password."""

from __future__ import annotations

import base64
import re

from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from heard.core.testing import PASSWORD


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def code_for_key_on_page(html: str) -> str:
    """Reads the key from the set-up page, as a person typing it into their app would."""
    secret = re.search(r"Key: <code[^>]*>([A-Z2-7=]+)</code>", html)
    assert secret, "the set-up page shows the key"
    return f"{totp(base64.b32decode(secret.group(1))):06d}"


def sign_in_with_password(client: Client, username: str, password: str = PASSWORD) -> None:
    response = client.post("/accounts/sign-in/", {"username": username, "password": password})
    assert response.status_code == 302, response.content.decode()[:500]
