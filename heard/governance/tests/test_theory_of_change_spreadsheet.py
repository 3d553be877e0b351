"""The theory of change goes out to .xlsx and comes back as a new draft version; a bad file changes nothing and
says which row and column to correct."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from heard.accounts.models import Role
from heard.core.testing import make_project, make_user
from heard.governance import change_actions
from heard.governance.models import ElementKind, TheoryOfChange

pytestmark = pytest.mark.django_db


def xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


HEADER: list[object] = ["Type", "Statement", "Assumptions", "Evidence", "Indicator", "Target", "Unit", "Current value"]


def test_export_then_import_gives_the_same_model_as_a_new_draft(client):
    project = make_project(slug="voices")
    toc = change_actions.start_version(actor=None, project=project, bold_challenge="Everyone heard")
    change_actions.add_element(actor=None, toc=toc, kind=ElementKind.ACTIVITY, text="Coffee mornings")
    outcome = change_actions.add_element(
        actor=None, toc=toc, kind=ElementKind.OUTCOME, text="More voices", assumptions="Trust", evidence="Returns"
    )
    change_actions.add_indicator(actor=None, outcome=outcome, metric="residents_heard", target=None)
    change_actions.add_indicator(actor=None, outcome=outcome, metric="activities_held", target=Decimal(4))
    client.force_login(make_user(role=Role.HOST_STAFF))
    content = client.get(f"/learn/change/{toc.pk}/xlsx/").content
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == HEADER
    assert rows[1][:2] == ["Bold challenge", "Everyone heard"]
    assert [r[4] for r in rows if r[0] == "Outcome"] == ["residents_heard", "activities_held"]
    upload = SimpleUploadedFile("toc.xlsx", content)
    response = client.post("/learn/projects/voices/change/import/", {"file": upload})
    assert response.status_code == 302
    imported = TheoryOfChange.objects.get(number=2)
    assert imported.is_draft and imported.bold_challenge == "Everyone heard"
    assert [(e.kind, e.text) for e in imported.elements.all()] == [
        ("activity", "Coffee mornings"),
        ("outcome", "More voices"),
    ]
    got = imported.elements.get(kind="outcome")
    assert got.assumptions == "Trust"
    assert [(i.metric, i.target) for i in got.indicators.all()] == [("residents_heard", None), ("activities_held", 4)]


def test_a_bad_file_changes_nothing_and_names_each_row_and_column(client):
    make_project(slug="voices")
    content = xlsx(
        [
            HEADER,
            ["Bold challenge", "Everyone heard"],
            ["Outcome", "More voices", "", "", "residents_seen", None],
            ["Outcome", "Fewer gaps", "", "", "residents_heard", "lots"],
            ["Thing", "What", "", "", "", None],
        ]
    )
    client.force_login(make_user(role=Role.HOST_STAFF))
    response = client.post("/learn/projects/voices/change/import/", {"file": SimpleUploadedFile("mine.xlsx", content)})
    assert response.status_code == 400
    text = response.content.decode()
    assert "mine.xlsx" in text and "row 3, column E &#x27;Indicator&#x27;" in text
    assert "residents_seen" in text
    assert "row 4, column F &#x27;Target&#x27;: &#x27;lots&#x27; is not a number" in text
    assert "row 5, column A &#x27;Type&#x27;" in text
    assert TheoryOfChange.objects.count() == 0
