"""`heard follow-up`: queue the safeguarding check and theme suggestions again for a project's contributions (the
work itself is idempotent: see heard/returns/tests/test_imported_words_get_follow_up.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from heard.core.models import AuditEvent, AuditVerb
from heard.core.testing import make_experience, make_organisation, make_project
from heard.engagement import actions
from heard.engagement.signals import contributions_saved


@pytest.fixture
def heard(settings: Any) -> Iterator[list[list[int]]]:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    chunks: list[list[int]] = []

    def listen(sender: Any, experience_ids: list[int], **kwargs: Any) -> None:
        chunks.append(list(experience_ids))

    contributions_saved.connect(listen, dispatch_uid="test-listener")
    yield chunks
    contributions_saved.disconnect(dispatch_uid="test-listener")


@pytest.fixture
def project(db: Any) -> Any:
    ours, theirs = make_organisation(slug="ours"), make_organisation(slug="theirs")
    project = make_project(slug="gp-access", partners=[ours, theirs])
    for partner in (ours, ours, theirs):
        make_experience(project=project, partner=partner)
    make_experience(project=make_project(slug="other", partners=[ours]), partner=ours)
    return project


def run(*args: str, capsys: pytest.CaptureFixture[str], callbacks: Any) -> tuple[str, str]:
    with callbacks(execute=True):
        call_command("follow-up", *args)
    captured = capsys.readouterr()
    return captured.out, captured.err


def test_every_contribution_to_the_project_is_announced_in_chunks_and_the_queuing_audited(
    project, heard, monkeypatch, capsys, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(actions, "ANNOUNCE_CHUNK", 2)
    out, _err = run("--project", "gp-access", capsys=capsys, callbacks=django_capture_on_commit_callbacks)
    ids = sorted(project.experiences.values_list("pk", flat=True))
    assert sorted(pk for chunk in heard for pk in chunk) == ids and [len(c) for c in heard] == [2, 1]
    assert "3 residents' contributions" in out and "heard db_worker" in out
    event = AuditEvent.objects.get(verb=AuditVerb.QUEUED)
    assert event.project_id == project.pk and "3 residents' contributions" in event.summary


def test_one_partner_can_be_chosen(project, heard, capsys, django_capture_on_commit_callbacks):
    out, _err = run(
        "--project", "gp-access", "--partner", "theirs", "--format", "json", capsys=capsys,
        callbacks=django_capture_on_commit_callbacks,
    )  # fmt: skip
    assert json.loads(out) == [{"project": "gp-access", "partner": "theirs", "contributions": 1}]
    assert [len(chunk) for chunk in heard] == [1]


def test_a_project_without_contributions_queues_nothing(db, heard, capsys, django_capture_on_commit_callbacks):
    make_project(slug="empty")
    out, _err = run("--project", "empty", capsys=capsys, callbacks=django_capture_on_commit_callbacks)
    assert heard == [] and "0 residents' contributions" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--project", "nope"], r"No project with slug 'nope'\. Projects: gp-access, other\."),
        (["--project", "gp-access", "--partner", "nope"], r"'nope' is not a partner in 'gp-access'"),
    ],
)
def test_unknown_projects_and_partners_are_clear_errors(project, heard, args, message):
    with pytest.raises(CommandError, match=message) as error:
        call_command("follow-up", *args)
    assert error.value.returncode == 1 and heard == []
