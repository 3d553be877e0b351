"""Uploaded returns go through Django's storage API, so object storage (S3 and the like, through django-storages)
can keep them when several machines run Heard: an upload is checked, its problems file made and its rows imported
with a storage that has no folder on this machine (Django's in-memory storage stands in for object storage)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.storage import InMemoryStorage

from heard.engagement.models import Experience
from heard.returns.models import ReturnUpload, UploadStatus
from heard.returns.tests.builders import GOOD_ROW, fill_template, make_world


@pytest.fixture
def world(db, settings):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    return make_world()


def _upload(client, world, path):
    with path.open("rb") as handle:
        client.post(f"/returns/{world.project.slug}/upload/", {"file": handle})
    return ReturnUpload.objects.latest("pk")


def test_an_upload_kept_in_object_storage_is_checked_and_imported(client, world, tmp_path):
    client.force_login(world.partner_user)
    upload = _upload(client, world, fill_template(world, tmp_path / "r.xlsx", [GOOD_ROW, GOOD_ROW]))
    assert isinstance(upload.file.storage, InMemoryStorage)
    assert not Path(upload.file.path).exists()  # nothing on this machine's disk
    assert upload.status == UploadStatus.READY, upload.problems
    assert upload.summary["added"] == 2
    client.post(f"/returns/uploads/{upload.pk}/confirm/")
    upload.refresh_from_db()
    assert upload.status == UploadStatus.IMPORTED
    assert Experience.objects.filter(project=world.project).count() == 2


def test_the_problems_file_is_made_from_object_storage(client, world, tmp_path):
    client.force_login(world.partner_user)
    upload = _upload(client, world, fill_template(world, tmp_path / "r.xlsx", [{**GOOD_ROW, "age_band": "34"}]))
    assert upload.status == UploadStatus.PROBLEMS and upload.problems
    response = client.get(f"/returns/uploads/{upload.pk}/problems.xlsx")
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:2] == b"PK"
