"""`announce_contributions`: subscribers hear about saved contributions once the transaction commits, a chunk of
ids at a time, whatever the number."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction

from heard.engagement import actions
from heard.engagement.signals import contributions_saved


@pytest.fixture
def heard(db: Any, settings: Any) -> Iterator[list[list[int]]]:
    """The chunks announced (the follow-up tasks are only recorded, not run)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    chunks: list[list[int]] = []

    def listen(sender: Any, experience_ids: list[int], **kwargs: Any) -> None:
        chunks.append(list(experience_ids))

    contributions_saved.connect(listen, dispatch_uid="test-listener")
    yield chunks
    contributions_saved.disconnect(dispatch_uid="test-listener")


def test_ids_are_announced_in_chunks_only_once_the_transaction_commits(
    heard, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(actions, "ANNOUNCE_CHUNK", 3)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        actions.announce_contributions(range(1, 8))
        assert heard == []
    assert heard == [[1, 2, 3], [4, 5, 6], [7]]


def test_ids_are_read_a_chunk_at_a_time_so_a_million_are_never_one_list(
    heard, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(actions, "ANNOUNCE_CHUNK", 2000)
    read = 0

    def ids() -> Iterator[int]:
        nonlocal read
        for pk in range(1, 1_000_001):
            read += 1
            yield pk

    ahead: list[int] = []  # ids read but not yet announced, as each chunk goes out

    def listen(sender: Any, experience_ids: list[int], **kwargs: Any) -> None:
        ahead.append(read - sum(len(chunk) for chunk in heard[:-1]))

    contributions_saved.connect(listen, dispatch_uid="test-ahead")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            actions.announce_contributions(ids())
            assert read == 0  # nothing read before the commit
    finally:
        contributions_saved.disconnect(dispatch_uid="test-ahead")
    assert len(heard) == 500 and {len(chunk) for chunk in heard} == {2000} and max(ahead) == 2000


def test_nothing_is_announced_when_the_transaction_rolls_back(heard, django_capture_on_commit_callbacks):
    def failing_import() -> None:
        with transaction.atomic():
            actions.announce_contributions([1, 2])
            raise RuntimeError("the import failed")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        failing_import()
    assert heard == []


def test_follow_up_that_cannot_be_queued_is_logged_and_the_saved_work_stands(
    heard, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def broken(sender: Any, experience_ids: list[int], **kwargs: Any) -> None:
        raise RuntimeError("database is locked")

    contributions_saved.connect(broken, dispatch_uid="test-broken")
    try:
        with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
            actions.announce_contributions([5, 6])
    finally:
        contributions_saved.disconnect(dispatch_uid="test-broken")
    assert "heard follow-up" in caplog.text and "2 residents' contributions" in caplog.text
