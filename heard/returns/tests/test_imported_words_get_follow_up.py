"""Residents' words that arrive in a partner's return get the same follow-up as words typed into Heard: a
safeguarding check and theme and sentiment suggestions, queued when the import commits and done by one run of
the task worker, whichever way the return came in."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command

from heard.core.models import AuditEvent
from heard.engagement.signals import contributions_saved
from heard.privacy.models import SafeguardingFlag
from heard.returns import views
from heard.returns.models import ReturnUpload, UploadStatus
from heard.returns.tests.builders import GOOD_ROW, fill_template, make_world

DISCLOSURE = "My husband hits me and I am afraid to go home"

pytestmark = pytest.mark.django_db(transaction=True)  # the small theme model comes from the root conftest.py


@pytest.fixture
def world(settings: Any, tmp_path: Any) -> Any:
    """A project, its partner and the database as the queue (as in production), worked by `heard db_worker`."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.MEDIA_ROOT = tmp_path / "media"
    return make_world()


def worker_runs_once() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def suggested(answer_id: int) -> tuple[int, Any]:
    """How many themes were suggested for an answer, and its suggested sentiment."""
    suggestion = apps.get_model("analysis", "Suggestion")  # analysis sits beside returns, not below it
    sentiment = apps.get_model("analysis", "AnswerSentiment").objects.filter(answer_id=answer_id).first()
    return suggestion.objects.filter(answer_id=answer_id).count(), sentiment and sentiment.suggested


def a_return(world: Any, tmp_path: Any) -> Any:
    disclosure = {**GOOD_ROW, "story": DISCLOSURE, "story.en": "", "story.by": ""}
    return fill_template(world, tmp_path / "swt.xlsx", [GOOD_ROW, disclosure])


def assert_flagged_and_suggested() -> SafeguardingFlag:
    flag = SafeguardingFlag.objects.get()
    assert flag.kind == "domestic_abuse" and flag.answer is not None and flag.answer.text == DISCLOSURE
    count, sentiment = suggested(flag.answer.pk)
    assert count >= 1 and sentiment is not None
    return flag


def test_a_disclosure_imported_on_the_command_line_is_flagged_and_suggested_by_one_worker_run(world, tmp_path, capsys):
    call_command("import", str(a_return(world, tmp_path)), "--project", "gp-access", "--partner", "swt")
    assert "safeguarding check" in capsys.readouterr().err
    assert not SafeguardingFlag.objects.exists()  # queued, not done in the import
    worker_runs_once()
    flag = assert_flagged_and_suggested()
    call_command("safeguarding", "--project", "gp-access", "--format", "json")
    rows = json.loads(capsys.readouterr().out)
    assert [(row["id"], row["category"], row["status"]) for row in rows] == [(flag.pk, "domestic_abuse", "open")]


@pytest.mark.parametrize("in_background", [True, False], ids=["imported-by-the-worker", "small-file-imported-at-once"])
def test_a_disclosure_uploaded_in_the_browser_is_flagged_and_suggested_by_one_worker_run(
    world, tmp_path, client, monkeypatch, in_background
):
    if in_background:
        monkeypatch.setattr(views, "SYNC_BYTES", 0)
    client.force_login(world.partner_user)
    with a_return(world, tmp_path).open("rb") as handle:
        client.post("/returns/gp-access/upload/", {"file": handle})
    upload = ReturnUpload.objects.get()
    worker_runs_once()  # checks the file
    upload.refresh_from_db()
    assert upload.status == UploadStatus.READY, upload.problems
    client.post(f"/returns/uploads/{upload.pk}/confirm/")
    worker_runs_once()  # imports it (in the background) and does the follow-up the import queued
    upload.refresh_from_db()
    assert upload.status == UploadStatus.IMPORTED
    assert_flagged_and_suggested()


def test_follow_up_reaches_records_imported_before_imports_announced_them_and_adds_nothing_the_second_time(
    world, tmp_path, monkeypatch
):
    with monkeypatch.context() as before_the_fix:
        before_the_fix.setattr(contributions_saved, "receivers", [])  # nobody heard about these records
        call_command("import", str(a_return(world, tmp_path)), "--project", "gp-access", "--partner", "swt")
        worker_runs_once()
    assert not SafeguardingFlag.objects.exists()

    call_command("follow-up", "--project", "gp-access")
    worker_runs_once()
    flag = assert_flagged_and_suggested()
    suggestion = apps.get_model("analysis", "Suggestion")
    before = (
        list(SafeguardingFlag.objects.values_list("pk", "kind", "status")),
        sorted(suggestion.objects.values_list("answer_id", "theme_id")),
        AuditEvent.objects.exclude(verb="queued").count(),
    )
    call_command("follow-up", "--project", "gp-access")
    worker_runs_once()
    after = (
        list(SafeguardingFlag.objects.values_list("pk", "kind", "status")),
        sorted(suggestion.objects.values_list("answer_id", "theme_id")),
        AuditEvent.objects.exclude(verb="queued").count(),
    )
    assert after == before and before[0] == [(flag.pk, "domestic_abuse", "open")]
