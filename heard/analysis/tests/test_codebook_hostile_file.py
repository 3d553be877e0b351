"""A codebook spreadsheet built to crash the reader gets the same checks as every upload: a plain message."""

from __future__ import annotations

import io

import pytest
import xlsxwriter
from django.core.files.uploadedfile import SimpleUploadedFile

from heard.accounts.models import Role
from heard.analysis import actions
from heard.analysis.models import Theme
from heard.core.testing import make_project, make_user


@pytest.fixture
def staff_and_project(db):
    actions.ensure_national_codebook()
    return make_user(role=Role.HOST_STAFF), make_project(slug="p")


def test_a_codebook_with_a_cell_in_the_last_row_and_column_is_refused_plainly(client, staff_and_project):
    # On the code before these checks, the reader asked for about 550 GB and aborted the web process.
    staff, project = staff_and_project
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["theme", "category"])
    sheet.write(1_048_575, 16_383, "x")
    book.close()
    client.force_login(staff)
    response = client.post(
        "/analysis/projects/p/codebook/import/",
        {"file": SimpleUploadedFile("huge.xlsx", buffer.getvalue())},
        follow=True,
    )
    assert response.status_code == 200
    assert "huge.xlsx, sheet &#x27;Sheet1&#x27;: the sheet has about 1,048,575 rows" in response.content.decode()
    assert not Theme.objects.filter(project=project).exists()
