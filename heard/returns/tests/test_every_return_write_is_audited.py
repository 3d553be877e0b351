"""Uploading a return, queuing a big import, a failed background job and each export leave one audit event."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from heard.core.models import AuditEvent, AuditVerb
from heard.returns import actions, tasks, views
from heard.returns.models import ReturnUpload, UploadStatus
from heard.returns.tests.builders import GOOD_ROW, fill_template, make_world


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return make_world()


def _events(verb):
    return list(AuditEvent.objects.filter(verb=verb).values_list("target_type", "organisation_id", "actor_id"))


def test_an_upload_is_audited_and_a_big_import_is_audited_when_queued(client, world, tmp_path, monkeypatch):
    client.force_login(world.partner_user)
    path = fill_template(world, tmp_path / "r.xlsx", [GOOD_ROW])
    with path.open("rb") as handle:
        client.post(f"/returns/{world.project.slug}/upload/", {"file": handle})
    upload = ReturnUpload.objects.get()
    assert _events(AuditVerb.CREATED) == [("returns.returnupload", world.partner.pk, world.partner_user.pk)]

    monkeypatch.setattr(views, "SYNC_BYTES", 0)  # as if the file were big: the import runs in the worker
    client.post(f"/returns/uploads/{upload.pk}/confirm/")  # the tests' task backend runs the task at once
    assert _events(AuditVerb.QUEUED) == [("returns.returnupload", world.partner.pk, world.partner_user.pk)]


def test_a_background_job_that_stops_marks_the_upload_failed_with_one_event(world, monkeypatch):
    upload = ReturnUpload.objects.create(project=world.project, partner=world.partner, file_name="r.xlsx")

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(actions, "check_upload", broken)
    with pytest.raises(RuntimeError):
        tasks.check_upload.func(upload.pk)
    upload.refresh_from_db()
    assert upload.status == UploadStatus.FAILED
    assert _events(AuditVerb.FAILED) == [("returns.returnupload", world.partner.pk, None)]


def test_the_export_command_and_downloads_are_each_audited_once(client, world, tmp_path):
    call_command("export", "--project", world.project.slug, "--output", str(tmp_path / "out.csv"))
    client.force_login(world.partner_user)
    b"".join(client.get(f"/returns/{world.project.slug}/export/csv/").streaming_content)
    assert sorted(_events(AuditVerb.EXPORTED), key=str) == sorted(
        [("engagement.project", None, None), ("engagement.project", world.partner.pk, world.partner_user.pk)], key=str
    )
