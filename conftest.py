"""Shared pytest set-up: a fast password hasher, no two-factor unless a test asks, no real email, tasks run at
once, a small theme model (trained in memory on 600 shipped comments, never the full model written under var/);
and headless Chromium (Debian's package, driven by Playwright) for browser tests.

Set HEARD_REQUIRE_BROWSER=1 (CI does) to fail instead of skipping when Chromium is not installed.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from heard.lib.classify.testing import small_model, small_train_default

CHROMIUM = os.environ.get("HEARD_CHROMIUM", "/usr/bin/chromium")

# Playwright's sync API runs an event loop in the test's thread; Django's ORM is only touched between its calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _fast_and_offline(settings: Any, tmp_path: Path) -> None:
    # Tests never write into var/: the demo, the classify cache, uploads and collected static files go to a
    # folder of the test's own.
    settings.VAR_DIR = tmp_path / "var"
    settings.MEDIA_ROOT = tmp_path / "var" / "media"
    settings.STATIC_ROOT = tmp_path / "var" / "static"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.HEARD_REQUIRE_2FA = False
    settings.STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _small_theme_model(monkeypatch: Any) -> None:
    """Every test that saves residents' words gets suggestions from a model trained in about a second on 600 of
    the shipped comments, instead of training the full one (a minute on two cores, inside a request) and writing
    it under var/."""
    from heard.analysis import engine

    monkeypatch.setattr(engine, "national_model", small_model)
    monkeypatch.setattr(engine, "train_default", small_train_default)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        if os.environ.get("HEARD_REQUIRE_BROWSER"):
            pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium chromium-driver")
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium); browser tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-background-networking",
                "--disable-gpu",
                "--disable-quic",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()
