"""Deployment checks (`heard check --deploy`): settings that are fine for the demo but not for real residents."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Warning, register

DEMO_SECRET_PREFIX = "heard-insecure-"  # noqa: S105 (a prefix to recognise, not a password)


@register(deploy=True)
def check_production_settings(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    problems: list[CheckMessage] = []
    if settings.SECRET_KEY.startswith(DEMO_SECRET_PREFIX):
        problems.append(
            Warning(
                "HEARD_SECRET_KEY is the demo's key.",
                hint="Set a long random value; see docs/deploy.md.",
                id="heard.W001",
            )
        )
    if not settings.HEARD_REQUIRE_2FA:
        problems.append(
            Warning("Two-factor sign-in is off for host staff.", hint="Leave HEARD_REQUIRE_2FA on.", id="heard.W002")
        )
    if not settings.DATABASE_URL:
        problems.append(
            Warning(
                "Heard is using SQLite.",
                hint="Use PostgreSQL (DATABASE_URL) for more than a small single-machine install; see docs/deploy.md.",
                id="heard.W003",
            )
        )
    return problems
