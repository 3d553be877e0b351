"""The Excel route for residents' verdicts: a sheet with any bad row is refused with every problem named by row and
column, and nothing is saved; a good sheet is imported in one go."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from heard.accounts.models import Role
from heard.core.models import AuditEvent
from heard.core.testing import make_community, make_organisation, make_project, make_user
from heard.influence.models import Verdict
from heard.influence.verdict_import import HEADINGS, check_sheet


@pytest.fixture
def setting(db):
    partner = make_organisation(name="Ours")
    estate = make_community(name="Estate residents")
    project = make_project(partners=[partner], communities=[estate])
    user = make_user(role=Role.PARTNER_MEMBER, organisation=partner)
    return project, partner, user


def _sheet(rows, headings=HEADINGS):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Verdicts"
    sheet.append(headings)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


GOOD = [
    [datetime.date(2026, 5, 1), "Estate residents", "Yes", "Not yet", "yes", "More able"],
    ["02/05/2026", "", "partly", "", "Maybe", "No different"],
]
BAD = [
    [datetime.date(2026, 5, 1), "Estate residents", "Yes", "Not yet", "yes", "More able"],
    ["not a date", "Estate residents", "Yes", "", "", ""],
    [datetime.date(2026, 5, 3), "Mars", "Absolutely", "", "", ""],
    [datetime.date(2026, 5, 4), "", "", "", "", ""],
]


def _upload(client, project, data, name="verdicts.xlsx"):
    return client.post(
        f"/projects/{project.slug}/verdicts/import/", {"file": SimpleUploadedFile(name, data)}, follow=False
    )


def test_a_good_sheet_is_imported_in_one_go(client, setting):
    project, partner, user = setting
    client.force_login(user)
    response = _upload(client, project, _sheet(GOOD))
    assert response.status_code == 302
    verdicts = list(Verdict.objects.order_by("source_row"))
    assert [(v.source_row, v.listened, v.saw_change, v.again, v.influence) for v in verdicts] == [
        (2, "yes", "not_yet", "yes", "more"),
        (3, "partly", "", "maybe", "same"),
    ]
    assert {(v.partner, v.channel, v.entered_by) for v in verdicts} == {(partner, "imported", user)}
    assert verdicts[0].community is not None and verdicts[0].community.name == "Estate residents"
    assert verdicts[1].community is None
    assert verdicts[1].given_on == datetime.date(2026, 5, 2)
    assert AuditEvent.objects.filter(verb="imported", project_id=project.pk).count() == 1


def test_a_sheet_with_bad_rows_names_each_row_and_column_and_saves_nothing(client, setting):
    project, _partner, user = setting
    client.force_login(user)
    response = _upload(client, project, _sheet(BAD))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nothing was imported from verdicts.xlsx" in html
    assert "row 3, column A &#x27;Date&#x27;: write the date the resident answered" in html
    assert (
        "row 4, column B &#x27;Community&#x27;: &#x27;Mars&#x27; is not one of this project&#x27;s communities" in html
    )
    assert "row 4, column C &#x27;Felt listened to&#x27;: &#x27;Absolutely&#x27; is not an answer here" in html
    assert "row 5: no answers on this row" in html
    assert not Verdict.objects.exists()
    assert not AuditEvent.objects.filter(verb="imported").exists()


def test_missing_headings_are_named(setting, tmp_path):
    project, partner, _user = setting
    path = tmp_path / "verdicts.xlsx"
    path.write_bytes(_sheet(GOOD, headings=["Date", "Listened"]))
    verdicts, problems = check_sheet(path, project=project, partner=partner)
    assert verdicts == []
    assert "'Community', 'Felt listened to'" in str(problems[0]) and "row 1" in str(problems[0])


def test_a_file_that_is_not_a_spreadsheet_is_refused_with_a_clear_message(client, setting):
    project, _partner, user = setting
    client.force_login(user)
    response = _upload(client, project, b"\x00\x01garbage", name="verdicts.xlsx")
    assert response.status_code == 400
    assert "Nothing was imported from verdicts.xlsx" in response.content.decode()
    assert _upload(client, project, b"x", name="notes.txt").status_code == 400
    assert not Verdict.objects.exists()


def test_the_template_has_the_headings_the_import_reads(client, setting):
    project, _partner, user = setting
    client.force_login(user)
    response = client.get(f"/projects/{project.slug}/verdicts/template.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == HEADINGS
