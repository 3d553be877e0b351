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
    problems += _https_problems()
    return problems


def _https_problems() -> list[CheckMessage]:
    """HTTPS settings, in Heard's own words and variable names (Django's own checks for these are silenced)."""
    problems: list[CheckMessage] = []
    if not settings.SECURE_SSL_REDIRECT:
        problems.append(
            Warning(
                "Heard answers plain HTTP as well as HTTPS.",
                hint="Set HEARD_SSL_REDIRECT=true (or redirect to HTTPS in your proxy); see docs/deploy.md.",
                id="heard.W004",
            )
        )
    elif not settings.SECURE_PROXY_SSL_HEADER:
        problems.append(
            Warning(
                "The HTTPS redirect is on, but Heard does not trust the proxy's X-Forwarded-Proto header.",
                hint="Behind a proxy that ends HTTPS, set HEARD_BEHIND_HTTPS_PROXY=true, or every page redirects "
                "to itself for ever.",
                id="heard.W005",
            )
        )
    if not settings.SECURE_HSTS_SECONDS:
        problems.append(
            Warning(
                "Browsers are not told to use HTTPS only (HSTS).",
                hint="Once HTTPS works, set HEARD_HSTS_SECONDS=31536000 (a year); see docs/deploy.md.",
                id="heard.W006",
            )
        )
    if not (settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE):
        problems.append(
            Warning(
                "Sign-in cookies may be sent over plain HTTP.",
                hint="Set HEARD_SECURE_COOKIES=true.",
                id="heard.W007",
            )
        )
    return problems
