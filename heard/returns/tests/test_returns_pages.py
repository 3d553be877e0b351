from __future__ import annotations

import io

import openpyxl
import pytest

from heard.core.models import AuditEvent, AuditVerb
from heard.core.testing import make_experience
from heard.engagement.models import Experience
from heard.returns.models import ReturnUpload, UploadStatus
from heard.returns.tests.builders import GOOD_ROW, fill_template, make_world


@pytest.fixture
def world(db):
    return make_world()


def upload(client, world, path, **extra):
    with path.open("rb") as handle:
        return client.post(f"/returns/{world.project.slug}/upload/", {"file": handle, **extra})


def test_a_partner_downloads_fills_uploads_fixes_and_confirms(client, world, tmp_path):
    client.force_login(world.partner_user)
    page = client.get(f"/returns/{world.project.slug}/")
    assert page.status_code == 200 and b"Download the template for Somali Welfare Trust" in page.content
    download = client.get(f"/returns/{world.project.slug}/template/")
    assert download.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    assert "Residents" in book.sheetnames

    path = fill_template(world, tmp_path / "swt.xlsx", [GOOD_ROW, {**GOOD_ROW, "age_band": "34"}])
    response = upload(client, world, path)
    record = ReturnUpload.objects.get()
    assert response.status_code == 302 and record.status == UploadStatus.PROBLEMS
    preview = client.get(f"/returns/uploads/{record.pk}/")
    assert "Row 3, column &#x27;Age band&#x27;: &#x27;34&#x27; is not one of the choices" in preview.content.decode()
    highlighted = client.get(f"/returns/uploads/{record.pk}/problems.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(highlighted.streaming_content)))["Residents"]
    age_column = [c.value for c in sheet[1]].index("Age band [age_band]") + 1
    assert sheet.cell(row=3, column=age_column).comment is not None
    assert not Experience.objects.exists()

    fixed = fill_template(world, tmp_path / "swt.xlsx", [GOOD_ROW, {**GOOD_ROW, "age_band": "25-34"}])
    upload(client, world, fixed)
    record = ReturnUpload.objects.latest("pk")
    assert record.status == UploadStatus.READY and record.summary["added"] == 2
    assert not Experience.objects.exists()
    client.post(f"/returns/uploads/{record.pk}/confirm/")
    record.refresh_from_db()
    assert record.status == UploadStatus.IMPORTED
    assert Experience.objects.filter(partner=world.partner).count() == 2
    assert AuditEvent.objects.filter(verb=AuditVerb.IMPORTED).count() == 1
    assert b"Saved" in client.get(f"/returns/uploads/{record.pk}/").content


def test_a_partner_cannot_import_for_another_partner(client, world, tmp_path):
    client.force_login(world.other_user)
    path = fill_template(world, tmp_path / "swt.xlsx", [GOOD_ROW])
    upload(client, world, path, partner=world.partner.pk)
    record = ReturnUpload.objects.get()
    assert record.partner == world.other_partner  # the partner field is ignored for partner members
    client.force_login(world.partner_user)
    assert client.get(f"/returns/uploads/{record.pk}/").status_code == 404
    assert client.post(f"/returns/uploads/{record.pk}/confirm/").status_code == 404


def test_a_partner_exports_only_their_own_rows(client, world):
    make_experience(project=world.project, partner=world.partner, source_file="mine.xlsx")
    make_experience(project=world.project, partner=world.other_partner, source_file="theirs.xlsx")
    client.force_login(world.partner_user)
    response = client.get(f"/returns/{world.project.slug}/export/csv/")
    body = b"".join(response.streaming_content).decode()
    assert "mine.xlsx" in body and "theirs.xlsx" not in body
    xlsx = client.get(f"/returns/{world.project.slug}/export/xlsx/")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))["Residents"]
    assert sheet.max_row == 2


def test_staff_choose_the_partner(client, world, tmp_path):
    client.force_login(world.staff)
    response = client.get(f"/returns/{world.project.slug}/template/?partner={world.other_partner.slug}")
    assert response.status_code == 200
    assert "twg" in response["Content-Disposition"]
    path = fill_template(world, tmp_path / "swt.xlsx", [GOOD_ROW])
    upload(client, world, path, partner=world.partner.pk)
    assert ReturnUpload.objects.get().partner == world.partner
