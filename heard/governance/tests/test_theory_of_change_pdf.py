"""The theory of change as a PDF, built as a Document and rendered by heard.lib.documents."""

from __future__ import annotations

import io

import pypdfium2
import pytest

from heard.accounts.models import Role
from heard.core.testing import make_project, make_user
from heard.governance import change_actions
from heard.governance.models import ElementKind

pytestmark = pytest.mark.django_db


def test_the_pdf_holds_the_bold_challenge_and_the_indicator(client):
    project = make_project(slug="voices", name="Voices")
    toc = change_actions.start_version(actor=None, project=project, bold_challenge="Everyone is heard")
    outcome = change_actions.add_element(actor=None, toc=toc, kind=ElementKind.OUTCOME, text="More voices")
    change_actions.add_indicator(actor=None, outcome=outcome, metric="residents_heard")
    client.force_login(make_user(role=Role.HOST_STAFF))
    response = client.get(f"/learn/change/{toc.pk}/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = pypdfium2.PdfDocument(io.BytesIO(response.content))
    text = " ".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    assert "Everyone is heard" in text and "Residents heard" in text
