from __future__ import annotations

import pytest
from django.core.files.base import File
from django_tasks import task_backends

from heard.engagement.models import Experience
from heard.lib.idruns import ids_in
from heard.returns import tasks
from heard.returns.models import ReturnUpload, UploadStatus
from heard.returns.tests.builders import make_world

ROWS = 1_000_000


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_million_row_csv_imports_in_the_background(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    world = make_world()
    path = tmp_path / "big.csv"
    bands = ["16-24", "25 to 34", "35-49", "50-64", "65+"]
    with path.open("w", encoding="utf-8") as handle:
        handle.write(
            "Date heard [collected_on],Age band [age_band],Agreed we keep what they told us [consent_store],"
            "Tell us about seeing a GP [story]\n"
        )
        for i in range(ROWS):
            handle.write(f"14/03/2026,{bands[i % 5]},yes,Waited {i % 97} days\n")
    upload = ReturnUpload(project=world.project, partner=world.partner, file_name="big.csv")
    with path.open("rb") as handle:
        upload.file.save("big.csv", File(handle), save=True)
    # The tasks run here (`heard db_worker` runs them in production); the follow-up work they queue is only kept.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    tasks.check_upload.call(upload.pk)
    upload.refresh_from_db()
    assert upload.status == UploadStatus.READY, upload.problems[:3]
    assert upload.summary["added"] == ROWS
    tasks.import_upload.call(upload.pk, world.partner_user.pk)
    upload.refresh_from_db()
    assert upload.status == UploadStatus.IMPORTED
    assert Experience.objects.filter(project=world.project).count() == ROWS
    # Every record's safeguarding check and suggestions are queued, in tasks of 2,000 records given as one run.
    queued = task_backends["default"].results  # type: ignore[attr-defined]
    assert len(queued) == 2 * ROWS // 2000 and {len(r.kwargs["runs"]) for r in queued} == {1}
    assert {len(ids_in(r.kwargs["runs"])) for r in queued} == {2000}
    assert sum(len(ids_in(r.kwargs["runs"])) for r in queued if r.task.name == "suggest_themes_task") == ROWS


@pytest.mark.django_db
def test_one_row_over_the_limit_gets_a_clear_message(tmp_path, settings):
    from heard.returns.importer import ImportRefused, plan_import

    settings.HEARD_IMPORT_MAX_ROWS = 10
    world = make_world()
    path = tmp_path / "over.csv"
    path.write_text("Date heard,Agreed we keep what they told us\n" + "14/03/2026,yes\n" * 11, encoding="utf-8")
    with pytest.raises(ImportRefused, match=r"more than 10 rows of data \(row 12 is one too many\)"):
        plan_import(path, project=world.project, partner=world.partner)
