"""A big return's progress is seen while its import runs, though the import writes in one transaction."""

from __future__ import annotations

import pytest
from django.core.files import File
from django.db import connection

from heard.returns import actions, progress, writing
from heard.returns.models import ReturnUpload, UploadStatus
from heard.returns.tests.builders import GOOD_ROW, fill_template, make_world


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _upload(world, path) -> ReturnUpload:
    upload = ReturnUpload(project=world.project, partner=world.partner, file_name=path.name)
    with path.open("rb") as handle:
        upload.file.save(path.name, File(handle), save=False)
    upload.save()
    return upload


@pytest.mark.django_db(transaction=True)
def test_an_imports_count_is_readable_while_its_transaction_is_open(media, tmp_path, monkeypatch):
    monkeypatch.setattr(progress, "WRITES_PER_SECOND", 10**9)  # keep every report
    monkeypatch.setattr(writing, "INSERT_BATCH", 2)
    monkeypatch.setattr(writing, "BATCH", 2)
    world = make_world()
    path = fill_template(world, tmp_path / "r.xlsx", [GOOD_ROW] * 5)
    upload = _upload(world, path)
    assert actions.check_upload(upload) is not None and upload.status == UploadStatus.READY
    assert not progress.path_for(upload.pk).exists()  # the check's count is cleared when it ends

    seen = []
    real_write = progress.write

    def write_and_look(upload_id: int, done: int, total: int) -> None:
        real_write(upload_id, done, total)
        if connection.in_atomic_block:  # inside the import's transaction, as another process would see it:
            seen.append(progress.read(upload_id))

    monkeypatch.setattr(progress, "write", write_and_look)
    assert actions.import_upload(upload, actor=None)
    assert seen and seen[-1] == (5, 5)
    assert not progress.path_for(upload.pk).exists()
    upload.refresh_from_db()
    assert upload.status == UploadStatus.IMPORTED and upload.rows_done == upload.rows_total == 5


@pytest.mark.django_db
def test_the_progress_page_shows_the_latest_count_of_a_running_upload(client, media):
    world = make_world()
    upload = ReturnUpload.objects.create(
        project=world.project, partner=world.partner, file_name="big.csv", status=UploadStatus.IMPORTING
    )
    client.force_login(world.partner_user)
    assert "0 of about 0 rows" in client.get(f"/returns/uploads/{upload.pk}/progress/").content.decode()
    progress.write(upload.pk, 25000, 100000)
    page = client.get(f"/returns/uploads/{upload.pk}/progress/").content.decode()
    assert "25,000 of about 100,000 rows" in page and 'value="25"' in page
    assert "25,000 of about 100,000 rows" in client.get(f"/returns/uploads/{upload.pk}/").content.decode()

    ReturnUpload.objects.filter(pk=upload.pk).update(status=UploadStatus.IMPORTED, rows_done=7, rows_total=7)
    page = client.get(f"/returns/uploads/{upload.pk}/progress/", headers={"HX-Request": "true"})
    assert page["HX-Refresh"] == "true" and "25,000" not in page.content.decode()


def test_reports_are_thinned_but_the_last_is_always_written(media, monkeypatch):
    writes = []
    monkeypatch.setattr(progress, "write", lambda pk, done, total: writes.append(done))
    monkeypatch.setattr(connection, "in_atomic_block", True)
    report = progress.reporter(ReturnUpload(pk=1))
    for done in range(0, 100_001, 5000):
        report(done, 100_000)
    assert writes[0] == 0 and writes[-1] == 100_000 and len(writes) < 21
