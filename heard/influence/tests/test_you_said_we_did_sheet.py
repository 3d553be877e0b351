"""The one-page "you said, we did" sheet a partner prints for a community: a PDF in the resident's language (Arabic
right to left with its own font), with what was done and protected counts, and never a quote without consent."""

from __future__ import annotations

import datetime

import pypdfium2
import pytest

from heard.core.testing import make_community, make_experience, make_organisation, make_project, make_question
from heard.engagement.models import Answer
from heard.influence.models import Evidence, Recommendation, Response
from heard.partners.models import OrganisationKind


@pytest.fixture
def project(db):
    partner = make_organisation(name="Estate Voices")
    icb = make_organisation(name="North Central London ICB", kind=OrganisationKind.COMMISSIONER)
    estate = make_community(name="Estate residents", slug="estate")
    project = make_project(slug="gp-access", partners=[partner], communities=[estate], languages=["en", "ar"])
    question = make_question(project=project, code="story", kind="free_text")
    experience = make_experience(project=project, partner=partner, community=estate, consent_quote=False)
    Answer.objects.create(experience=experience, question=question, text="Private words not for quoting")
    recommendation = Recommendation.objects.create(
        project=project,
        title="Open online booking",
        organisation=icb,
        status="changed",
        sent_on=datetime.date(2026, 6, 1),
    )
    Response.objects.create(recommendation=recommendation, decision="accepted", reasons="Yes, by September.")
    Evidence.objects.create(recommendation=recommendation, kind="change", text="Online booking opened in June")
    return project


def _text(pdf: bytes) -> tuple[int, str]:
    document = pypdfium2.PdfDocument(pdf)
    return len(document), "".join(page.get_textpage().get_text_range() for page in document)


def test_the_sheet_is_one_page_in_english_with_what_changed(client, project):
    response = client.get("/you-said-we-did/gp-access/estate/sheet.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pages, text = _text(response.content)
    assert pages == 1
    assert "You said, we did" in text and "Estate residents" in text
    assert "Online booking opened in June" in text
    assert "Private words" not in text


@pytest.mark.slow
def test_the_sheet_is_in_arabic_when_asked(client, project):
    response = client.get("/you-said-we-did/gp-access/estate/sheet.pdf?lang=ar")
    assert response["Content-Language"] == "ar"
    pages, text = _text(response.content)
    assert pages == 1
    assert "ما تم فعله" in text  # What was done
