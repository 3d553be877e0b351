from __future__ import annotations

import pytest
from django.core.files.base import File

from heard.engagement.models import Experience
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
    tasks.check_upload.enqueue(upload.pk)  # the Immediate backend runs it here; `heard db_worker` in production
    upload.refresh_from_db()
    assert upload.status == UploadStatus.READY, upload.problems[:3]
    assert upload.summary["added"] == ROWS
    tasks.import_upload.enqueue(upload.pk, world.partner_user.pk)
    upload.refresh_from_db()
    assert upload.status == UploadStatus.IMPORTED
    assert Experience.objects.filter(project=world.project).count() == ROWS


@pytest.mark.django_db
def test_one_row_over_the_limit_gets_a_clear_message(tmp_path, settings):
    from heard.returns.importer import ImportRefused, plan_import

    settings.HEARD_IMPORT_MAX_ROWS = 10
    world = make_world()
    path = tmp_path / "over.csv"
    path.write_text("Date heard,Agreed we keep what they told us\n" + "14/03/2026,yes\n" * 11, encoding="utf-8")
    with pytest.raises(ImportRefused, match=r"more than 10 rows of data \(row 12 is one too many\)"):
        plan_import(path, project=world.project, partner=world.partner)
