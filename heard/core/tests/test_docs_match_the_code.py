"""Every setting the code reads is documented, and the CLI reference is generated from the commands."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from heard.core import clidocs

ROOT = Path(__file__).resolve().parents[3]
SETTING = re.compile(
    r"""(?:os\.environ\.get|env_bool|env_list|environ\[|getattr\(settings,)\s*\(?\s*["']((?:HEARD_|DATABASE_URL)[A-Z0-9_]*)"""
)


def _settings_read_by_the_code() -> set[str]:
    names: set[str] = set()
    for path in (ROOT / "heard").rglob("*.py"):
        if "tests" in path.parts:
            continue
        names |= set(SETTING.findall(path.read_text(encoding="utf-8")))
    return names


def test_the_code_reads_settings_we_can_find():
    assert {"HEARD_SECRET_KEY", "DATABASE_URL", "HEARD_REQUIRE_2FA"} <= _settings_read_by_the_code()


@pytest.mark.parametrize("doc", [".env.example", "docs/settings.md"])
def test_every_setting_is_documented(doc):
    text = (ROOT / doc).read_text(encoding="utf-8")
    missing = sorted(name for name in _settings_read_by_the_code() if name not in text)
    assert missing == [], f"add these to {doc}"


@pytest.mark.django_db
def test_the_cli_reference_is_up_to_date():
    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == clidocs.render(), (
        "run: uv run python -m heard.core.clidocs"
    )


def test_the_readme_gives_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme
    assert "make test" in readme


def test_deploy_checks_warn_about_demo_settings(settings):
    from heard.core.checks import check_production_settings

    settings.SECRET_KEY = "heard-insecure-local-demo-key-change-me-in-production"
    settings.HEARD_REQUIRE_2FA = False
    settings.DATABASE_URL = ""
    settings.SECURE_SSL_REDIRECT = False
    settings.SECURE_HSTS_SECONDS = 0
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    assert {m.id for m in check_production_settings(None)} == {
        "heard.W001",
        "heard.W002",
        "heard.W003",
        "heard.W004",
        "heard.W006",
        "heard.W007",
    }
    settings.SECRET_KEY = "a-real-secret-" * 4
    settings.HEARD_REQUIRE_2FA = True
    settings.DATABASE_URL = "postgres://x"
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    assert check_production_settings(None) == []


def test_deploy_checks_warn_when_the_https_redirect_would_loop_behind_a_proxy(settings):
    from heard.core.checks import check_production_settings

    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = None
    assert "heard.W005" in {m.id for m in check_production_settings(None)}
