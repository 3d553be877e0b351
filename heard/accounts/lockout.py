"""Sign-in limits (django-axes) per username and per address, each with its own limit.

Axes counts failed sign-ins per username (from any address) and per address (across usernames), as
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"] asks, but compares both with one limit. An office or a
partner's centre often shares one address, so the address gets a higher limit of its own
(HEARD_LOGIN_ADDRESS_FAILURE_LIMIT): enough for a team's typing mistakes, too few for password spraying.

A successful sign-in clears only that person's failures from that address. Axes would clear every failure from
the address, so anyone with an account could wipe the count of their own spraying by signing in now and then.
"""

from __future__ import annotations

import math
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def _failures(attempts: Any) -> int:
    return int(attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0)


class SignInLimits(AxesDatabaseHandler):  # type: ignore[misc]  # axes has no type hints
    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        by_username, by_address = (_failures(attempts) for attempts in self.get_user_attempts(request, credentials))
        limit = int(get_failure_limit(request, credentials))
        if by_address >= settings.HEARD_LOGIN_ADDRESS_FAILURE_LIMIT:
            return max(by_username, limit)
        return by_username

    def reset_user_attempts(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        username = get_client_username(request, credentials)
        address = request.axes_ip_address  # type: ignore[attr-defined]  # set by AxesMiddleware
        deleted, _ = AccessAttempt.objects.filter(username=username, ip_address=address).delete()
        return int(deleted)


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict[str, Any] | None = None
) -> HttpResponse:
    """The plain page people see while signing in is paused (AXES_LOCKOUT_CALLABLE)."""
    cool_off = get_cool_off(request)
    minutes = math.ceil(cool_off.total_seconds() / 60) if cool_off else None
    status = int(getattr(settings, "AXES_HTTP_RESPONSE_CODE", 429))
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=status)
