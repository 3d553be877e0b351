"""The import preview shows the rows it will add and, for each record it will change, which fields change from
what to what; a file uploaded again unchanged says "Nothing to change" and offers no "Confirm and save"."""

from __future__ import annotations

import pytest

from heard.returns.models import ReturnUpload, UploadStatus
from heard.returns.tests.builders import GOOD_ROW, fill_template, make_world


@pytest.fixture
def world(db):
    return make_world()


def upload(client, world, path):
    with path.open("rb") as handle:
        client.post(f"/returns/{world.project.slug}/upload/", {"file": handle})
    return ReturnUpload.objects.latest("pk")


def preview(client, record):
    return client.get(f"/returns/uploads/{record.pk}/").content.decode()


def test_the_preview_lists_each_row_to_add_with_what_it_says(client, world, tmp_path):
    client.force_login(world.partner_user)
    rows = [GOOD_ROW, {**GOOD_ROW, "story": "Ma helin ballan", "story.en": "No appointment", "rating": 4}]
    record = upload(client, world, fill_template(world, tmp_path / "swt.xlsx", rows))
    assert record.status == UploadStatus.READY
    page = preview(client, record)
    assert "Residents to add" in page
    assert "Row 2" in page and "Row 3" in page
    assert "Waxaan sugay saddex toddobaad (in English: I waited three weeks)" in page
    assert "Ma helin ballan (in English: No appointment)" in page
    assert "Tell us about seeing a GP" in page and "By phone" in page and "4 out of 5" in page
    assert "Confirm and save" in page


def test_the_preview_shows_the_first_rows_and_how_many_more(client, world, tmp_path, monkeypatch):
    monkeypatch.setattr("heard.returns.rowpreview.SHOWN", 2)
    monkeypatch.setattr("heard.returns.views.preview_rows.__defaults__", (2,))
    client.force_login(world.partner_user)
    rows = [{**GOOD_ROW, "story": f"Story {n}"} for n in range(5)]
    record = upload(client, world, fill_template(world, tmp_path / "swt.xlsx", rows))
    page = preview(client, record)
    assert "Story 0" in page and "Story 1" in page and "Story 2" not in page
    assert "and 3 more rows to add" in page


def test_a_changed_record_shows_each_field_from_what_to_what(client, world, tmp_path):
    client.force_login(world.partner_user)
    first = upload(client, world, fill_template(world, tmp_path / "swt.xlsx", [GOOD_ROW]))
    client.post(f"/returns/uploads/{first.pk}/confirm/")
    changed = {**GOOD_ROW, "age_band": "65+", "story": "Waxaan sugay hal bil", "story.en": "I waited a month"}
    record = upload(client, world, fill_template(world, tmp_path / "swt.xlsx", [changed]))
    assert record.summary["changed"] == 1
    page = preview(client, record)
    assert "Records to change" in page and "Row 2" in page
    assert '<span class="govuk-visually-hidden">from </span>Aged 25 to 34 years</span>' in page
    assert "<strong>Aged 65 years and over</strong>" in page
    assert "I waited three weeks" in page and "I waited a month" in page
    # Only what changed is listed: the booking answer stayed "By phone".
    assert "How did you book?" not in page.split("Records to change")[1]


def test_the_rows_are_read_again_from_the_file_not_stored(client, world, tmp_path):
    client.force_login(world.partner_user)
    record = upload(client, world, fill_template(world, tmp_path / "swt.xlsx", [GOOD_ROW]))
    assert "saddex" not in str(record.summary) and "three weeks" not in str(record.summary)
    assert record.summary["added_rows"] == [2]


def test_a_file_uploaded_again_unchanged_has_nothing_to_change(client, world, tmp_path):
    client.force_login(world.partner_user)
    path = fill_template(world, tmp_path / "swt.xlsx", [GOOD_ROW])
    first = upload(client, world, path)
    client.post(f"/returns/uploads/{first.pk}/confirm/")
    again = upload(client, world, path)
    assert again.status == UploadStatus.READY
    page = preview(client, again)
    assert "Nothing to change" in page
    assert "Confirm and save" not in page
    response = client.post(f"/returns/uploads/{again.pk}/confirm/", follow=True)
    assert "Nothing to change" in response.content.decode()
    again.refresh_from_db()
    assert again.status == UploadStatus.READY
