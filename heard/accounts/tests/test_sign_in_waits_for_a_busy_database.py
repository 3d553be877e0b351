"""On SQLite one connection writes at a time. A sign-in (which writes the session, the last sign-in time and the
audit trail) while something else holds the write lock, as an import does while it writes its rows, waits for
its turn and succeeds: no "database is locked" error page."""

from __future__ import annotations

import time

import pytest
from django.db import connection

from heard.accounts.models import Role
from heard.core.testing import PASSWORD, WriteLock, database_on_a_file, make_user

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL does not lock the whole database"),
]


def test_a_sign_in_while_another_connection_writes_for_a_few_seconds_waits_and_succeeds(client, tmp_path):
    with database_on_a_file(tmp_path / "heard.sqlite3") as path:
        user = make_user(role=Role.HOST_STAFF, username="tom")
        lock = WriteLock(path, seconds=2.5)
        try:
            started = time.monotonic()
            response = client.post("/accounts/sign-in/", {"username": "tom", "password": PASSWORD})
            waited = time.monotonic() - started
        finally:
            lock.close()
        assert response.status_code == 302, response.status_code
        assert waited >= 2, "the sign-in did not wait for the write lock (was it held?)"
        user.refresh_from_db()
        assert user.last_login is not None
        assert client.get("/projects/").status_code == 200
