"""A story told in any language is translated inside Heard: the record form keeps the resident's own words, the
language they used, an English translation and who translated it, side by side, through the audited action."""

from __future__ import annotations

import pytest

from heard.accounts.models import Role
from heard.core.models import AuditEvent
from heard.core.testing import make_experience, make_organisation, make_project, make_question, make_user
from heard.engagement.models import Answer

WORDS = "انتظرت ثلاثة أسابيع لموعد مع الطبيب."
ENGLISH = "I waited three weeks for a GP appointment."


@pytest.fixture
def world(db):
    partner = make_organisation(name="Arabic Community Health Forum")
    project = make_project(partners=[partner])
    question = make_question(project=project, code="story", text="Tell us what happened")
    record = make_experience(project=project, partner=partner, consent_method="verbal")
    Answer.objects.create(experience=record, question=question, text=WORDS, language="", language_detected=False)
    return {"partner": partner, "project": project, "record": record}


def _form(record, **answers):
    return {
        "partner": record.partner_id,
        "collected_on": record.collected_on.isoformat(),
        "consent_store": "on",
        "consent_method": "verbal",
        "q_story": WORDS,
        **answers,
    }


def test_a_partner_adds_the_english_translation_language_and_translator(client, world):
    record = world["record"]
    client.force_login(make_user(role=Role.PARTNER_MEMBER, organisation=world["partner"]))
    page = client.get(f"/records/{record.pk}/edit/").content.decode()
    assert "English translation" in page and "Language they used" in page and "Translated by" in page
    data = _form(record, q_story__english=ENGLISH, q_story__language="ar", translated_by="Amira (volunteer)")
    response = client.post(f"/records/{record.pk}/edit/", data)
    assert response.status_code == 302
    answer = Answer.objects.get()
    assert (answer.text, answer.english_text, answer.language, answer.translated_by) == (
        WORDS,
        ENGLISH,
        "ar",
        "Amira (volunteer)",
    )
    assert answer.display_text == ENGLISH  # what theme suggestions and lists read
    event = AuditEvent.objects.filter(target_id=str(record.pk), verb="changed").get()
    assert "story" in event.summary and ENGLISH not in str(event.after) + event.summary


def test_a_translation_without_the_residents_own_words_is_refused(client, world):
    record = world["record"]
    client.force_login(make_user(role=Role.HOST_STAFF))
    html = client.post(f"/records/{record.pk}/edit/", _form(record, q_story="", q_story__english=ENGLISH))
    assert "Write their own words above the translation too." in html.content.decode()
    assert Answer.objects.get().english_text == ""
