from __future__ import annotations

import datetime
import io

import openpyxl
import pytest

from heard.accounts.models import Role
from heard.analysis import actions
from heard.analysis.models import Theme
from heard.core.testing import (
    make_community,
    make_experience,
    make_organisation,
    make_project,
    make_question,
    make_user,
)
from heard.engagement.models import Answer
from heard.privacy.models import DataSharingAgreement, SharingScope


@pytest.fixture
def coded(db):
    partner = make_organisation()
    DataSharingAgreement.objects.create(  # lets steering members see its residents' words
        organisation=partner, starts_on=datetime.date(2020, 1, 1), scope=SharingScope.REDACTED_TEXT
    )
    big, small = make_community(name="Big community"), make_community(name="Small community")
    project = make_project(partners=[partner], communities=[big, small])
    story = make_question(project=project, code="story")
    actions.ensure_national_codebook()
    staff = make_user(role=Role.HOST_STAFF)
    theme = Theme.objects.get(name="Timeliness of care")
    answers = []
    for n, community in enumerate([big] * 6 + [small] * 2):
        record = make_experience(project=project, partner=partner, community=community, consent_quote=n == 0)
        answer = Answer.objects.create(
            experience=record, question=story, text=f"Dr Okafor made me wait {n + 2} hours, call me on 07700 900123"
        )
        actions.code_answer(actor=staff, answer=answer, theme=theme, applied=True)
        answers.append(answer)
    return {"project": project, "staff": staff, "answers": answers}


def test_host_staff_see_exact_counts_by_community(client, coded):
    client.force_login(coded["staff"])
    html = client.get(f"/analysis/projects/{coded['project'].slug}/themes/?by=community").content.decode()
    assert "Timeliness of care" in html
    assert ">2 <span" in html  # the small community's exact count


def test_others_see_small_cells_suppressed_and_quotes_redacted(client, coded):
    client.force_login(make_user(role=Role.STEERING_MEMBER))
    html = client.get(f"/analysis/projects/{coded['project'].slug}/themes/?by=community").content.decode()
    assert "&lt;5" in html
    assert "Okafor" not in html and "07700" not in html
    assert "Dr [name] made me wait 2 hours" in html  # the one consented quote, redacted


def test_the_code_by_answer_matrix_downloads_as_a_spreadsheet(client, coded):
    client.force_login(coded["staff"])
    response = client.get(f"/analysis/projects/{coded['project'].slug}/codes.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(book["Codes"].values)
    header = rows[0]
    assert header[:3] == ("record", "community", "partner")
    column = header.index("Timeliness of care")
    assert [r[column] for r in rows[1:]] == [1] * 8
