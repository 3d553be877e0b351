"""Residents read who keeps their words, why, for how long, how to take back their agreement and whom to contact,
in their language, from the form and the thanks page; the consent box names the host, not the software."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache

from heard.core.testing import make_organisation, make_project, make_question
from heard.engagement.models import EntryLink
from heard.partners.models import OrganisationKind

HOST = "Two Boroughs Health Voice"


@pytest.fixture
def link(db):
    cache.clear()
    make_organisation(
        name=HOST,
        kind=OrganisationKind.HOST,
        email="privacy@host.example.org",
        phone="020 7946 0100",
        address="1 Example Yard, London",
        privacy_contact="Data protection officer, dpo@host.example.org",
    )
    partner = make_organisation(name="Bangla Health Link")
    project = make_project(
        partners=[partner], languages=["en", "bn"], ends_on=datetime.date(2026, 12, 18), retention_months=36
    )
    make_question(project=project, code="story", text="Tell us.", translations={"bn": {"text": "আমাদের বলুন।"}})
    return EntryLink.objects.create(project=project, partner=partner)


def test_the_consent_box_names_the_host_not_heard(client, link):
    english = client.get(link.get_absolute_url()).content.decode()
    assert f"I agree that {HOST} keeps what I said" in english and "Heard keeps" not in english
    bengali = client.get(link.get_absolute_url() + "?lang=bn").content.decode()
    assert f"আমি রাজি যে {HOST} আমার বলা কথাগুলো রেখে দেবে" in bengali and "Heard" not in bengali


def test_the_notice_gives_the_hosts_contacts_and_how_long_words_are_kept(client, link):
    html = client.get(link.get_absolute_url() + "privacy/").content.decode()
    for text in (
        "How we look after your information",
        f"<bdi>{HOST}</bdi> keeps what you tell us, and is responsible for it.",
        "privacy@host.example.org",
        "020 7946 0100",
        "1 Example Yard, London",
        "Data protection officer, dpo@host.example.org",
        '<bdi dir="ltr">18/12/2029</bdi>',  # the project's end plus 36 months
        "If you change your mind",
        "Information Commissioner",
    ):
        assert text in html, text


def test_the_notice_is_in_the_residents_language_and_linked_from_the_form_and_thanks_page(client, link):
    bengali = client.get(link.get_absolute_url() + "privacy/?lang=bn").content.decode()
    assert '<html lang="bn"' in bengali and "আমরা কীভাবে আপনার তথ্য সুরক্ষিত রাখি" in bengali
    assert "How long we keep it" not in bengali
    notice = f"{link.get_absolute_url()}privacy/?lang=bn"
    assert notice in client.get(link.get_absolute_url() + "?lang=bn").content.decode()
    assert notice in client.get(link.get_absolute_url() + "thanks/?lang=bn").content.decode()
