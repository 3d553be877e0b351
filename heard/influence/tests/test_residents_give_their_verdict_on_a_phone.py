"""Residents open a partner's verdict link or QR code and answer four questions in their language, right to left
where it is written that way, without an account and without giving any personal details; spam and floods are
kept out as on the residents' form."""

from __future__ import annotations

import time

import pytest
from django.core.cache import caches

from heard.core.models import AuditEvent
from heard.core.testing import make_community, make_organisation, make_project
from heard.influence import public_views, verdict_forms
from heard.influence.models.verdicts import Verdict, VerdictLink
from heard.influence.verdict_forms import SIGNER


@pytest.fixture
def link(db):
    caches["shared"].clear()
    partner = make_organisation(name="Arabic Speakers' Health Forum")
    community = make_community(name="Arabic-speaking residents")
    project = make_project(partners=[partner], communities=[community], languages=["en", "ar", "so"])
    return VerdictLink.objects.create(project=project, partner=partner, community=community)


def _answers(**data):
    return {
        "started": SIGNER.sign(str(time.time() - 60)),
        "website": "",
        "listened": "yes",
        "saw_change": "not_yet",
        "again": "yes",
        "influence": "more",
        **data,
    }


def test_a_resident_gives_their_verdict_in_english(client, link):
    page = client.get(link.get_absolute_url()).content.decode()
    assert "Did you feel listened to?" in page
    assert set(client.get(link.get_absolute_url()).context["form"].fields) == {
        "listened",
        "saw_change",
        "again",
        "influence",
        "website",
        "started",
    }
    response = client.post(link.get_absolute_url(), _answers())
    assert response.status_code == 302
    verdict = Verdict.objects.get()
    assert (verdict.project, verdict.partner, verdict.community) == (link.project, link.partner, link.community)
    assert (verdict.listened, verdict.saw_change, verdict.again, verdict.influence) == ("yes", "not_yet", "yes", "more")
    assert (verdict.channel, verdict.language) == ("online", "en")
    assert AuditEvent.objects.for_target(verdict).get().actor is None
    assert "Thank you" in client.get(response["Location"]).content.decode()


def test_a_resident_gives_their_verdict_in_arabic_on_a_right_to_left_page(client, link):
    page = client.get(link.get_absolute_url() + "?lang=ar").content.decode()
    assert '<html lang="ar" dir="rtl"' in page
    assert "هل شعرت أن أحدًا استمع إليك؟" in page  # Did you feel listened to?
    assert "Did you feel listened to?" not in page
    response = client.post(link.get_absolute_url(), _answers(lang="ar", saw_change="no", influence="less"))
    assert response.status_code == 302 and response["Location"].endswith("?lang=ar")
    verdict = Verdict.objects.get()
    assert (verdict.language, verdict.saw_change, verdict.influence) == ("ar", "no", "less")
    thanks = client.get(response["Location"]).content.decode()
    assert 'dir="rtl"' in thanks and "شكرًا" in thanks


def test_no_answer_at_all_is_refused_with_a_message_in_the_residents_language(client, link):
    data = _answers(lang="ar", listened="", saw_change="", again="", influence="")
    html = client.post(link.get_absolute_url(), data).content.decode()
    assert "يرجى الإجابة عن سؤال واحد على الأقل" in html  # Please answer at least one question.
    assert not Verdict.objects.exists()


def test_an_empty_form_sent_at_once_says_what_is_missing_rather_than_too_quick(client, link, monkeypatch):
    # A resident who taps "Send" straight away learns to answer a question (as on the residents' form), not that
    # they were too quick, which says nothing about what to do.
    monkeypatch.setattr(verdict_forms, "MIN_SECONDS_ON_PAGE", 60)  # "at once" however slow the machine
    data = _answers(started=SIGNER.sign(str(time.time())), listened="", saw_change="", again="", influence="")
    html = client.post(link.get_absolute_url(), data).content.decode()
    assert "Please answer at least one question." in html
    assert "very quick" not in html


def test_a_filled_hidden_field_a_forged_timer_or_a_too_quick_answer_is_refused(client, link, monkeypatch):
    assert "Something went wrong" in client.post(link.get_absolute_url(), _answers(website="x")).content.decode()
    assert "out of date" in client.post(link.get_absolute_url(), _answers(started="forged")).content.decode()
    quick = _answers(started=SIGNER.sign(str(time.time())))
    assert "very quick" in client.post(link.get_absolute_url(), quick).content.decode()
    assert not Verdict.objects.exists()


def test_a_made_up_answer_is_refused(client, link):
    html = client.post(link.get_absolute_url(), _answers(listened="<script>")).content.decode()
    assert "Choose from the options given." in html
    assert not Verdict.objects.exists()


def test_one_address_may_send_only_so_many_verdicts_an_hour(client, link, monkeypatch):
    monkeypatch.setattr(public_views, "PER_ADDRESS_PER_HOUR", 2)
    codes = [client.post(link.get_absolute_url(), _answers(), REMOTE_ADDR="203.0.113.9").status_code for _ in range(3)]
    assert codes == [302, 302, 429]
    assert client.post(link.get_absolute_url(), _answers(), REMOTE_ADDR="203.0.113.10").status_code == 302
    assert Verdict.objects.count() == 3


def test_a_link_no_longer_in_use_is_not_found(client, link):
    link.is_active = False
    link.save()
    assert client.get(link.get_absolute_url()).status_code == 404
    assert client.post(link.get_absolute_url(), _answers()).status_code == 404
    assert client.get("/verdict/no-such-link/").status_code == 404
