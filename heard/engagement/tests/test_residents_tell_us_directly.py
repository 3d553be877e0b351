"""Residents open a partner's link or QR code and tell their story without an account, in their language; spam
and floods are kept out."""

from __future__ import annotations

import time

import pytest
from django.core.cache import cache

from heard.accounts.models import Role
from heard.core.models import AuditEvent
from heard.core.testing import make_community, make_organisation, make_project, make_question, make_user
from heard.engagement import public
from heard.engagement.models import EntryLink, Experience


@pytest.fixture
def link(db):
    cache.clear()
    partner = make_organisation(name="Somali Women's Wellbeing Circle")
    community = make_community(name="Somali-speaking residents")
    project = make_project(partners=[partner], communities=[community], languages=["en", "so"])
    make_question(
        project=project,
        code="story",
        text="Tell us what happened",
        translations={"so": {"text": "Noo sheeg waxa dhacay"}},
    )
    return EntryLink.objects.create(project=project, partner=partner, community=community)


def _form(client, link, **data):
    page = client.get(link.get_absolute_url())
    started = page.context["form"].initial["started"]
    return {"started": started, "website": "", "q_story": "I waited three weeks", "consent_store": "on", **data}


def _post(client, link, data, monkeypatch):
    monkeypatch.setattr(public, "MIN_SECONDS_ON_PAGE", 0)
    return client.post(link.get_absolute_url(), data)


def test_a_resident_tells_their_story_in_somali_without_signing_in(client, link, monkeypatch):
    page = client.get(link.get_absolute_url() + "?lang=so").content.decode()
    assert "Noo sheeg waxa dhacay" in page
    assert '<html lang="so"' in page
    data = _form(client, link, q_story="Dhakhtarku ima dhageysan", lang="so", postcode="n7", consent_quote="on")
    response = _post(client, link, data, monkeypatch)
    assert response.status_code == 302
    record = Experience.objects.get()
    assert (record.partner, record.community, record.channel) == (link.partner, link.community, "online")
    assert (record.consent_store, record.consent_quote, record.consent_method) == (True, True, "online")
    assert record.postcode == "N7"
    answer = record.answers.get()
    assert (answer.text, answer.language) == ("Dhakhtarku ima dhageysan", "so")
    assert AuditEvent.objects.for_target(record).get().actor is None
    assert "Mahadsanid" in client.get(response["Location"]).content.decode()  # Thank you


def test_without_consent_to_store_nothing_is_kept_and_the_words_stay_on_the_page(client, link, monkeypatch):
    data = _form(client, link)
    del data["consent_store"]
    html = _post(client, link, data, monkeypatch).content.decode()
    assert "Tick this box so that we can keep what you told us." in html
    assert "I waited three weeks" in html
    assert not Experience.objects.exists()


def test_a_filled_hidden_field_or_a_too_quick_answer_is_refused(client, link, monkeypatch):
    assert (
        "Something went wrong"
        in _post(client, link, _form(client, link, website="http://spam"), monkeypatch).content.decode()
    )
    data = _form(client, link)
    monkeypatch.setattr(public, "MIN_SECONDS_ON_PAGE", 60)
    assert "That was very quick" in client.post(link.get_absolute_url(), data).content.decode()
    data["started"] = "forged"
    monkeypatch.setattr(public, "MIN_SECONDS_ON_PAGE", 0)
    assert "out of date" in client.post(link.get_absolute_url(), data).content.decode()
    assert not Experience.objects.exists()


def test_one_address_can_only_send_so_many_an_hour(client, link, monkeypatch):
    monkeypatch.setattr(public, "PER_ADDRESS_PER_HOUR", 2)
    for _ in range(2):
        assert _post(client, link, _form(client, link), monkeypatch).status_code == 302
    assert _post(client, link, _form(client, link), monkeypatch).status_code == 429
    assert Experience.objects.count() == 2


def test_a_closed_link_is_not_found(client, link):
    link.is_active = False
    link.save()
    assert client.get(link.get_absolute_url()).status_code == 404


def test_partners_make_links_with_a_qr_code_for_their_own_residents(client, link):
    member = make_user(role=Role.PARTNER_MEMBER, organisation=link.partner)
    client.force_login(member)
    client.post(f"/projects/{link.project.slug}/links/", {"partner": link.partner.pk})
    assert EntryLink.objects.filter(partner=link.partner).count() == 2
    html = client.get(f"/projects/{link.project.slug}/links/").content.decode()
    assert "data:image/svg+xml" in html and link.token in html
    other = make_user(role=Role.PARTNER_MEMBER)
    client.force_login(other)
    assert client.get(f"/projects/{link.project.slug}/links/").status_code == 404


def test_the_timer_field_is_signed():
    signed = public._SIGNER.sign(str(time.time()))
    assert signed.count(":") >= 2


def test_the_projects_own_questions_are_styled_like_the_rest_of_the_form(client, link):
    make_question(project=link.project, code="listened", kind="rating", text="How well did staff listen?")
    make_question(project=link.project, code="used", kind="multiple_choice", text="Which?", choices=[["gp", "GP"]])
    html = client.get(link.get_absolute_url()).content.decode()
    assert 'class="govuk-textarea"' in html
    assert html.count('class="govuk-radios__input"') == 5
    assert 'class="govuk-checkboxes__input" id="id_q_used_0"' in html
