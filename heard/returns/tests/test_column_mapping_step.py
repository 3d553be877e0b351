"""A partner's own spreadsheet (not a Heard template) is matched column by column once, in the browser; the
mapping is remembered by name for the next file."""

from __future__ import annotations

import pytest

from heard.engagement.models import Experience
from heard.returns.models import ColumnMapping, ReturnUpload, UploadStatus
from heard.returns.tests.builders import make_world

OWN_SHEET = (
    "When,How old,What happened,OK to keep,Interviewer notes\n"
    "14/03/2026,25-34,Waited three weeks for the GP,Yes,met at the library\n"
    "15/03/2026,65+,The pharmacist was kind,Yes,\n"
)


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return make_world()


def _upload(client, world, tmp_path, **extra):
    path = tmp_path / "our-own-survey.csv"
    path.write_text(OWN_SHEET, encoding="utf-8")
    with path.open("rb") as handle:
        client.post(f"/returns/{world.project.slug}/upload/", {"file": handle, **extra})
    return ReturnUpload.objects.latest("pk")


def test_a_partner_maps_their_own_columns_and_heard_remembers(client, world, tmp_path):
    client.force_login(world.partner_user)
    upload = _upload(client, world, tmp_path)
    assert upload.status == UploadStatus.PROBLEMS
    assert set(upload.unmapped) >= {"How old", "What happened", "OK to keep", "Interviewer notes"}
    page = client.get(f"/returns/uploads/{upload.pk}/").content.decode()
    assert "Tell Heard what these columns are" in page

    targets = {
        "When": "collected_on",
        "How old": "age_band",
        "What happened": "story",
        "OK to keep": "consent_store",
        "Interviewer notes": "",
    }
    data = {f"column-{i}": targets[h] for i, h in enumerate(upload.unmapped)}
    client.post(f"/returns/uploads/{upload.pk}/mapping/", {**data, "name": "our-own-survey"})
    upload.refresh_from_db()
    assert upload.mapping is not None
    assert upload.mapping.name == "our-own-survey"
    assert upload.status == UploadStatus.READY, upload.problems
    client.post(f"/returns/uploads/{upload.pk}/confirm/")
    assert Experience.objects.filter(partner=world.partner).count() == 2

    # The next file like it maps at once by choosing the remembered mapping.
    again = _upload(client, world, tmp_path, mapping=ColumnMapping.objects.get().pk)
    assert again.unmapped == []


def test_every_unrecognised_column_must_be_matched_or_left_out(client, world, tmp_path):
    client.force_login(world.partner_user)
    upload = _upload(client, world, tmp_path)
    response = client.post(f"/returns/uploads/{upload.pk}/mapping/", {"column-0": "age_band", "name": "x"}, follow=True)
    assert "Say what every column is" in response.content.decode()
    assert not ColumnMapping.objects.exists()
