"""After giving their verdict, a resident is not left at a dead end: the thanks page says what happens next and, once
anything has been sent, links to the "you said, we did" page for their community in the language they used; before
that, it says the partner will share it. Every language the residents' pages ship has these words (the catalogue
test checks each one); here Somali and Arabic stand for them."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import caches

from heard.core.testing import make_community, make_organisation, make_project
from heard.influence.models import Recommendation
from heard.influence.models.verdicts import VerdictLink


@pytest.fixture
def link(db):
    caches["shared"].clear()
    partner = make_organisation(name="Somali Women's Wellbeing Circle")
    community = make_community(name="Somali-speaking residents", slug="somali")
    project = make_project(slug="voices", partners=[partner], communities=[community], languages=["en", "so", "ar"])
    return VerdictLink.objects.create(project=project, partner=partner, community=community)


def _send_one(link: VerdictLink) -> None:
    Recommendation.objects.create(
        project=link.project,
        title="Interpreters at every GP practice",
        organisation=make_organisation(name="North Central London ICB"),
        status="sent",
        sent_on=datetime.date(2026, 11, 2),
    )


def _thanks(client, link, lang: str) -> str:
    response = client.get(f"{link.get_absolute_url()}thanks/?lang={lang}")
    assert response.status_code == 200
    text: str = response.content.decode()
    return text


def test_the_thanks_page_links_to_you_said_we_did_for_their_community_in_their_language(client, link):
    _send_one(link)
    page = _thanks(client, link, "so")
    assert "Waxa xiga" in page  # What happens next
    assert 'href="/you-said-we-did/voices/somali/?lang=so"' in page
    assert "Waad sheegteen, waan samaynay" in page  # the link's words: You said, we did
    assert "Hadda waad xiri kartaa boggan." in page  # You can close this page now.
    assert "What happens next" not in page and "You said, we did" not in page
    assert client.get("/you-said-we-did/voices/somali/?lang=so").status_code == 200


def test_a_link_for_no_community_leads_to_the_projects_page(client, link):
    _send_one(link)
    link.community = None
    link.save()
    assert 'href="/you-said-we-did/voices/?lang=ar"' in _thanks(client, link, "ar")


def test_before_anything_is_sent_the_thanks_page_says_the_partner_will_share_it(client, link):
    page = _thanks(client, link, "en")
    assert "What happens next" in page
    assert "/you-said-we-did/" not in page  # that page does not exist yet
    assert (
        "When something has been done about what people told us, it will be on a public page, and "
        "Somali Women&#x27;s Wellbeing Circle will share it with you."
    ) in page
