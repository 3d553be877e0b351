"""On "you said, we did" in another language, theme names, recommendations and the organisations' answers stay as
they were written (in English; the national theme framework has no translated names): the page says so in the
resident's language, and so does the printed sheet. A revised decision reads as their later answer."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from heard.core.testing import make_community, make_organisation, make_project
from heard.influence import yousaid
from heard.influence.models import Recommendation, Response
from heard.influence.yousaid_sheet import sheet_document
from heard.influence.yousaid_views import STATUS

SOMALI_NOTICE = "Erayada qaar ee boggan waa Ingiriisi"
ENGLISH_NOTICE = "Some words on this page are in English"


@pytest.fixture
def rec(db):
    community = make_community(name="Somali-speaking residents", slug="somali")
    project = make_project(
        slug="voices", partners=[make_organisation()], communities=[community], languages=["en", "so", "es"]
    )
    return Recommendation.objects.create(
        project=project,
        title="Interpreters at every GP practice",
        organisation=make_organisation(name="North Central London ICB"),
        status="accepted",
        sent_on=datetime.date(2026, 10, 1),
    )


def test_the_page_in_somali_says_in_somali_which_words_are_in_english(client, rec):
    page = client.get("/you-said-we-did/voices/?lang=so").content.decode()
    assert SOMALI_NOTICE in page and ENGLISH_NOTICE not in page
    assert '<h3 class="govuk-summary-card__title" lang="en" dir="auto">Interpreters at every GP practice</h3>' in page


def test_the_fixed_words_are_in_spanish_too(client, rec):
    page = client.get("/you-said-we-did/voices/?lang=es").content.decode()
    assert "Lo que se hizo" in page and "What was done" not in page
    assert "Algunas palabras de esta página están en inglés" in page


def test_the_english_page_needs_no_such_notice(client, rec):
    page = client.get("/you-said-we-did/voices/").content.decode()
    assert ENGLISH_NOTICE not in page and 'id="in-english"' not in page


def test_a_revised_decision_reads_as_their_later_answer(client, rec):
    Response.objects.create(recommendation=rec, decision="declined", reasons="No money this year.")
    Response.objects.create(recommendation=rec, decision="accepted", reasons="The winter fund pays for it.")
    page = client.get("/you-said-we-did/voices/").content.decode()
    assert page.index("Their answer") < page.index("No money this year.")
    assert page.index("No money this year.") < page.index("Their later answer") < page.index("The winter fund")
    somali = client.get("/you-said-we-did/voices/?lang=so").content.decode()
    assert "Jawaabtooda dambe" in somali  # Their later answer


def test_the_printed_sheet_in_somali_says_it_too(rec):
    community = rec.project.communities.get()
    with translation.override("so"):
        document = sheet_document(yousaid.build(rec.project, community), language="so", statuses=STATUS)
    assert SOMALI_NOTICE in repr(document)
    with translation.override("en"):
        english = sheet_document(yousaid.build(rec.project, community), language="en", statuses=STATUS)
    assert ENGLISH_NOTICE not in repr(english)
