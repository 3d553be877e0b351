"""The browser tests' live server uses the tests' own database connection when the tests run on in-memory SQLite
(one shared in-memory database, which a second connection would lock table by table: "database table is
locked"), and serves one request at a time on it; on PostgreSQL each request has its own connection as in
production."""

from __future__ import annotations

import threading
import urllib.request
from typing import Any

import pytest
from django.db import connection


def shared_in_memory() -> bool:
    return connection.vendor == "sqlite" and bool(connection.is_in_memory_db())  # type: ignore[attr-defined]


def test_the_live_server_shares_the_tests_in_memory_connection(live_server: Any) -> None:
    if not shared_in_memory():
        pytest.skip("PostgreSQL: the live server's requests have connections of their own")
    assert live_server.thread.connections_override == {"default": connection}


def test_requests_on_the_shared_connection_take_turns(live_server: Any) -> None:
    if not shared_in_memory():
        assert live_server.thread.server_class.__name__ == "ThreadedWSGIServer"
        return
    served = live_server.thread.httpd
    turn = type(served).turn
    assert isinstance(turn, type(threading.Lock()))
    with turn:  # while another request holds its turn, this one waits for it
        answers: list[int] = []
        asking = threading.Thread(
            target=lambda: answers.append(urllib.request.urlopen(f"{live_server.url}/healthz", timeout=10).status)  # noqa: S310
        )
        asking.start()
        asking.join(0.5)
        assert asking.is_alive() and not answers
    asking.join(10)
    assert answers == [200]
