"""Failed sign-ins reach the audit trail from Django's user_login_failed signal, so every password form counts."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from heard.accounts import actions
from heard.core.addresses import UNKNOWN, client_address


@receiver(user_login_failed, dispatch_uid="heard.accounts.audit_failed_sign_in")
def audit_failed_sign_in(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    username = str(credentials.get(get_user_model().USERNAME_FIELD) or "")
    actions.record_failed_sign_in(
        username=username,
        address=client_address(request) if request is not None else UNKNOWN,
        paused=bool(getattr(request, "axes_locked_out", False)),
    )
