"""An import announces the residents' records it added or changed (not those already held), once it commits, in
chunks: on SQLite (its own writer) and on any other database (the ORM's writer)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from django_tasks import task_backends

from heard.engagement import actions
from heard.engagement.models import Experience
from heard.engagement.signals import contributions_saved
from heard.lib.idruns import IdRuns, ids_in, runs_of
from heard.returns import planning, writing
from heard.returns.importer import import_file
from heard.returns.tests.builders import GOOD_ROW, fill_template, make_world

on_sqlite = connection.vendor == "sqlite"
WRITERS = [
    pytest.param("sqlite", marks=pytest.mark.skipif(not on_sqlite, reason="SQLite's own writer"), id="sqlite"),
    pytest.param("postgresql", id="any-database"),
]


@pytest.fixture
def world(db: Any) -> Any:
    return make_world()


@pytest.fixture
def heard(settings: Any, monkeypatch: Any) -> Iterator[list[list[int]]]:
    """The chunks announced, two ids each; the follow-up tasks they queue are recorded, not run."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    monkeypatch.setattr(actions, "ANNOUNCE_CHUNK", 2)
    chunks: list[list[int]] = []

    def listen(sender: Any, experience_ids: list[int], **kwargs: Any) -> None:
        chunks.append(list(experience_ids))

    contributions_saved.connect(listen, dispatch_uid="test-listener")
    yield chunks
    contributions_saved.disconnect(dispatch_uid="test-listener")


def use(writer: str, monkeypatch: Any) -> None:
    if writer != "sqlite":
        monkeypatch.setattr(connection, "vendor", writer)  # the ORM's writer, as on PostgreSQL


def rows(n: int) -> list[dict[str, Any]]:
    return [{**GOOD_ROW, "rating": i % 5 + 1} for i in range(n)]


@pytest.mark.parametrize("writer", WRITERS)
def test_every_record_a_new_file_adds_is_announced_in_chunks_once_the_import_commits(
    world, tmp_path, heard, monkeypatch, django_capture_on_commit_callbacks, writer
):
    use(writer, monkeypatch)
    monkeypatch.setattr(writing, "INSERT_BATCH", 2)  # written in several batches
    monkeypatch.setattr(planning, "CHUNK", 2)
    path = fill_template(world, tmp_path / "r.xlsx", rows(5))
    with django_capture_on_commit_callbacks(execute=True):
        import_file(path, project=world.project, partner=world.partner, actor=None)
        assert heard == []  # not before the commit
    ids = sorted(Experience.objects.values_list("pk", flat=True))
    assert [len(chunk) for chunk in heard] == [2, 2, 1] and sorted(pk for c in heard for pk in c) == ids
    results = task_backends["default"].results  # type: ignore[attr-defined]
    queued = [(r.task.name, ids_in(r.kwargs["runs"])) for r in results]
    assert (
        sorted(name for name, _ids in queued)
        == ["check_contributions_for_safeguarding"] * 3 + ["suggest_themes_task"] * 3
    )
    assert all(len(chunk) <= 2 for _name, chunk in queued)


@pytest.mark.parametrize("writer", WRITERS)
def test_a_revised_file_announces_what_it_adds_and_changes_not_what_is_already_held(
    world, tmp_path, heard, monkeypatch, django_capture_on_commit_callbacks, writer
):
    use(writer, monkeypatch)
    first = [GOOD_ROW, {**GOOD_ROW, "age_band": "65+"}, {**GOOD_ROW, "sex": "Male"}]
    with django_capture_on_commit_callbacks(execute=True):
        path = fill_template(world, tmp_path / "r.xlsx", first)
        import_file(path, project=world.project, partner=world.partner, actor=None)
    held = dict(Experience.objects.values_list("source_row", "pk"))
    heard.clear()
    revised = [GOOD_ROW, {**GOOD_ROW, "age_band": "50-64"}, {**GOOD_ROW, "sex": "Male"}, {**GOOD_ROW, "rating": 5}]
    with django_capture_on_commit_callbacks(execute=True):
        plan, _upload = import_file(
            fill_template(world, tmp_path / "r.xlsx", revised), project=world.project, partner=world.partner, actor=None
        )
    assert (plan.summary()["added"], plan.summary()["changed"], plan.summary()["unchanged"]) == (1, 1, 2)
    added = Experience.objects.get(source_row=5).pk
    assert sorted(pk for chunk in heard for pk in chunk) == sorted([held[3], added])


def test_a_file_with_problems_announces_nothing(world, tmp_path, heard, django_capture_on_commit_callbacks):
    path = fill_template(world, tmp_path / "r.xlsx", [GOOD_ROW, {**GOOD_ROW, "age_band": "34"}])
    with django_capture_on_commit_callbacks(execute=True):
        _plan, upload = import_file(path, project=world.project, partner=world.partner, actor=None)
    assert upload is None and heard == [] and not Experience.objects.exists()


def test_a_million_new_ids_are_held_as_one_run_and_given_back_one_by_one():
    ids = IdRuns()
    for first in range(1, 1_000_001, 2000):  # the writer's batches
        ids.add_run(first, 2000)
    ids.add([7_000_000, 5, 6])  # records a revised file changed
    assert ids.runs == [[1, 1_000_000], [7_000_000, 7_000_000], [5, 6]] and len(ids) == 1_000_003
    given = iter(ids)
    assert [next(given) for _ in range(3)] == [1, 2, 3]


def test_tasks_take_ids_as_runs_so_a_chunk_of_an_import_is_one_pair():
    assert runs_of(range(10, 2010)) == [[10, 2009]]
    assert runs_of([4, 5, 9, 3]) == [[4, 5], [9, 9], [3, 3]]
    assert ids_in([[4, 5], [9, 9], [3, 3]]) == [4, 5, 9, 3]
