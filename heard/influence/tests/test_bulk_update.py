"""The bulk update by spreadsheet round-trip: export, edit statuses and notes, read it back. A bad row is named
by row and column with what to do, and then nothing at all changes."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from heard.core.testing import make_project, make_user
from heard.influence.models import Recommendation
from heard.influence.testing import make_recommendation

pytestmark = pytest.mark.django_db


def _csv(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


@pytest.fixture
def two():
    project = make_project(slug="clinic")
    return make_recommendation(project=project), make_recommendation(project=project)


def _exported(client) -> list[dict[str, str]]:
    client.force_login(make_user())
    response = client.get(reverse("influence:export", args=["csv"]))
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_an_edited_export_changes_statuses_and_notes(client, two):
    rows = _exported(client)
    assert [r["id"] for r in rows] == [str(r.pk) for r in two]
    rows[0]["status"], rows[0]["notes"] = "accepted", "Agreed at the board"
    response = client.post(
        reverse("influence:bulk-update"), {"file": SimpleUploadedFile("list.csv", _csv(rows), "text/csv")}
    )
    assert response.status_code == 302
    first, second = (Recommendation.objects.get(pk=r.pk) for r in two)
    assert (first.status, first.notes) == ("accepted", "Agreed at the board")
    assert second.status == "draft"


def test_a_bad_row_is_named_with_its_column_and_nothing_changes(client, two):
    rows = _exported(client)
    rows[0]["status"] = "accepted"
    rows[1]["status"] = "done and dusted"
    response = client.post(
        reverse("influence:bulk-update"), {"file": SimpleUploadedFile("list.csv", _csv(rows), "text/csv")}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "list.csv, row 3, column D &#x27;status&#x27;: &#x27;done and dusted&#x27; is not a status" in page
    assert "partly_accepted" in page  # what to use instead
    assert [r.status for r in Recommendation.objects.order_by("pk")] == ["draft", "draft"]


def test_unknown_ids_and_missing_columns_are_refused(client, two):
    rows = _exported(client)
    rows[0]["id"] = "999999"
    response = client.post(
        reverse("influence:bulk-update"), {"file": SimpleUploadedFile("list.csv", _csv(rows), "text/csv")}
    )
    assert "row 2, column A &#x27;id&#x27;: there is no recommendation 999999" in response.content.decode()
    headless = [{k: v for k, v in r.items() if k != "status"} for r in rows]
    response = client.post(
        reverse("influence:bulk-update"), {"file": SimpleUploadedFile("list.csv", _csv(headless), "text/csv")}
    )
    assert "no column &#x27;status&#x27;" in response.content.decode()


def test_the_xlsx_export_reads_back_unchanged(client, two, tmp_path):
    client.force_login(make_user())
    content = client.get(reverse("influence:export", args=["xlsx"])).content
    response = client.post(
        reverse("influence:bulk-update"), {"file": SimpleUploadedFile("list.xlsx", content, "application/octet-stream")}
    )
    assert response.status_code == 302


def test_the_command_lists_one_object_per_recommendation_with_exactly_the_agreed_keys(two, capsys):
    call_command("recommendations", "--project", "clinic", "--format", "json")
    listed = json.loads(capsys.readouterr().out)
    assert [set(item) for item in listed] == [
        {"id", "title", "addressee", "status", "overdue", "sent_on", "due_on", "verdict"}
    ] * 2
    assert listed[0]["status"] == "draft" and listed[0]["overdue"] is False and listed[0]["sent_on"] is None
    call_command("recommendations", "--project", "clinic", "--format", "csv")
    assert capsys.readouterr().out.splitlines()[0] == "id,title,addressee,status,overdue,sent_on,due_on,verdict"


def test_the_command_refuses_a_bad_file_and_changes_nothing(two, tmp_path):
    path = tmp_path / "list.csv"
    path.write_bytes(
        _csv([{"id": str(two[0].pk), "status": "accepted", "notes": ""}, {"id": "x", "status": "", "notes": ""}])
    )
    with pytest.raises(CommandError) as refused:
        call_command("recommendations", "--update", str(path))
    assert "list.csv, row 3, column A 'id'" in str(refused.value)
    assert Recommendation.objects.get(pk=two[0].pk).status == "draft"
