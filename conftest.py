"""Shared pytest set-up: a fast password hasher, no two-factor unless a test asks, no real email, tasks run at
once, a small theme model (trained in memory on 600 shipped comments, never the full model written under var/);
and headless Chromium (Debian's package, driven by Playwright) for browser tests.

Set HEARD_REQUIRE_BROWSER=1 (CI does) to fail instead of skipping when Chromium is not installed.
"""

from __future__ import annotations

import os
import shutil
import threading
import urllib.request
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


@pytest.fixture(scope="session")
def live_server(request: pytest.FixtureRequest, django_db_setup: Any, django_db_blocker: Any) -> Iterator[Any]:
    """pytest-django's live server, started only once the test database exists, taking one request at a time when
    it shares the tests' in-memory SQLite connection.

    pytest-django's own fixture does not wait for the test database: being session-scoped it was set up before it
    (pytest sets up wider fixtures first), saw no in-memory database yet, and so shared no connection. Each request
    thread then opened a connection of its own to the shared in-memory database, where a read still open in one
    connection locks the table against a write in another ("database table is locked"): no busy timeout waits
    for that lock. Sharing the one connection, as Django means its live server to, ends that; and since one
    connection holds one transaction, requests take turns on it (an autosave and a save at the same moment
    would otherwise interleave their transactions)."""
    from django.core.servers.basehttp import ThreadedWSGIServer
    from pytest_django import live_server_helper

    class OneRequestAtATime(ThreadedWSGIServer):
        turn = threading.Lock()

        def set_app(self, application: Any) -> None:
            from django.conf import settings

            files = tuple(prefix for prefix in (settings.STATIC_URL, settings.MEDIA_URL) if prefix and prefix != "/")

            def in_turn(environ: Any, start_response: Any) -> Any:
                if environ.get("PATH_INFO", "").startswith(files):
                    return application(environ, start_response)  # no database: static files need no turn
                with self.turn:  # the whole response within its turn, closed (request_finished) within it too
                    response = application(environ, start_response)
                    try:
                        return list(response)
                    finally:
                        if hasattr(response, "close"):
                            response.close()

            super().set_app(in_turn)

    addr = request.config.getvalue("liveserver") or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost"
    server = live_server_helper.LiveServer(addr, start=False)
    if server.thread.connections_override:
        server.thread.server_class = OneRequestAtATime
    server.start()
    # One request before any test's: the first loads every view and template, which on a busy machine can take
    # longer than a test waits for a page.
    with django_db_blocker.unblock():
        urllib.request.urlopen(f"{server.url}/healthz", timeout=120).close()  # noqa: S310 (the live server)
    yield server
    server.stop()


# Fixtures through which a test reaches the database (directly or through another fixture that asks for one).
DATABASE_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On PostgreSQL (DATABASE_URL set), run only the tests that reach the database: `.ci/run` has already run every
    test on SQLite, and one that never touches a database (the classifier's training, documents drawn from
    memory, the invariant checks over the code) proves nothing more the second time. HEARD_ALL_TESTS=1 runs them
    all."""
    if not os.environ.get("DATABASE_URL", "").startswith("postgres") or os.environ.get("HEARD_ALL_TESTS") == "1":
        return
    kept, dropped = [], []
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        (kept if names & DATABASE_FIXTURES or item.get_closest_marker("django_db") else dropped).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
