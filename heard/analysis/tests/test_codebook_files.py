from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from heard.accounts.models import Role
from heard.analysis import actions
from heard.analysis.models import Theme
from heard.core.testing import make_project, make_user


@pytest.fixture
def staff_and_project(db):
    actions.ensure_national_codebook()
    return make_user(role=Role.HOST_STAFF), make_project(slug="p")


def test_the_codebook_round_trips_through_refi_qda(client, staff_and_project):
    staff, project = staff_and_project
    actions.add_local_theme(actor=staff, project=project, name="Digital access", description="Apps and phones")
    client.force_login(staff)
    qdc = client.get("/analysis/projects/p/codebook.qdc").content
    assert b"urn:QDA-XML:codebook:1.0" in qdc and b'name="Digital access"' in qdc
    other = make_project(slug="other")
    client.post("/analysis/projects/other/codebook/import/", {"file": SimpleUploadedFile("book.qdc", qdc)})
    assert Theme.objects.get(project=other).name == "Digital access"
    assert Theme.objects.get(project=other).description == "Apps and phones"


def test_a_spreadsheet_codebook_adds_local_themes_mapped_to_national_ones(client, staff_and_project):
    staff, project = staff_and_project
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["category", "theme", "description", "adds_up_to_national_theme"])
    sheet.append(
        ["Access", "Money, work, caring and housing", "Costs and housing", "Funding & use of financial resources"]
    )
    sheet.append(["", "Timeliness of care", "", ""])  # already a national theme: left alone
    buffer = io.BytesIO()
    book.save(buffer)
    client.force_login(staff)
    response = client.post(
        "/analysis/projects/p/codebook/import/",
        {"file": SimpleUploadedFile("book.xlsx", buffer.getvalue())},
        follow=True,
    )
    assert "1 themes added from book.xlsx. 1 were already there." in response.content.decode()
    local = Theme.objects.get(project=project)
    assert local.national_theme is not None
    assert local.national_theme.name == "Funding & use of financial resources"


def test_a_bad_codebook_is_refused_whole_with_a_clear_message(client, staff_and_project):
    staff, project = staff_and_project
    book = openpyxl.Workbook()
    book.active.append(["theme", "adds_up_to_national_theme"])
    book.active.append(["Good theme", ""])
    book.active.append(["Another", "No such national theme"])
    buffer = io.BytesIO()
    book.save(buffer)
    client.force_login(staff)
    html = client.post(
        "/analysis/projects/p/codebook/import/",
        {"file": SimpleUploadedFile("bad.xlsx", buffer.getvalue())},
        follow=True,
    ).content.decode()
    assert "bad.xlsx: theme &#x27;Another&#x27; adds up to &#x27;No such national theme&#x27;" in html
    assert not Theme.objects.filter(project=project).exists()
    html = client.post(
        "/analysis/projects/p/codebook/import/", {"file": SimpleUploadedFile("notes.qdc", b"not xml")}, follow=True
    ).content.decode()
    assert "notes.qdc: this is not a REFI-QDA codebook" in html


def test_the_codebook_downloads_as_a_spreadsheet(client, staff_and_project):
    staff, _ = staff_and_project
    client.force_login(staff)
    book = openpyxl.load_workbook(io.BytesIO(client.get("/analysis/projects/p/codebook.xlsx").content))
    rows = list(book["Codebook"].values)
    assert rows[0] == ("category", "theme", "description", "adds_up_to_national_theme", "local")
    assert len(rows) == 33
