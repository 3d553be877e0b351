"""A partner's uploaded file is not kept once its rows are imported, and files checked but never imported are
cleared by the daily retention job: residents' words live only in records that erasure and retention reach."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from heard.returns.models import ReturnUpload, UploadStatus
from heard.returns.tests.builders import GOOD_ROW, fill_template, make_world


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return make_world()


def _upload(client, world, path):
    with path.open("rb") as handle:
        client.post(f"/returns/{world.project.slug}/upload/", {"file": handle})
    return ReturnUpload.objects.latest("pk")


def test_the_file_is_deleted_once_imported(client, world, tmp_path):
    client.force_login(world.partner_user)
    upload = _upload(client, world, fill_template(world, tmp_path / "r.xlsx", [GOOD_ROW]))
    stored = upload.file.path
    client.post(f"/returns/uploads/{upload.pk}/confirm/")
    upload.refresh_from_db()
    assert upload.status == UploadStatus.IMPORTED
    assert not upload.file
    assert not (tmp_path / "media").joinpath(stored).exists()
    assert upload.file_name == "r.xlsx"


def test_retention_clears_returns_that_were_never_imported(client, world, tmp_path):
    client.force_login(world.partner_user)
    upload = _upload(client, world, fill_template(world, tmp_path / "r.xlsx", [{**GOOD_ROW, "age_band": "34"}]))
    assert upload.status == UploadStatus.PROBLEMS and upload.problems
    ReturnUpload.objects.filter(pk=upload.pk).update(created_at=timezone.now() - datetime.timedelta(days=31))
    call_command("retention", stdout=io.StringIO(), stderr=io.StringIO())
    upload.refresh_from_db()
    assert not upload.file
    assert upload.problems == []
