"""Host staff may give a recommendation's plain-words summary in each of the project's residents' languages, on its
form; "you said, we did" in that language shows it (marked with its language) instead of the English, and the
English where none was given. The edit is audited like any other."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from heard.accounts.models import Role
from heard.core.models import AuditEvent, AuditVerb
from heard.core.testing import make_organisation, make_project, make_user
from heard.influence.testing import make_recommendation

pytestmark = pytest.mark.django_db

SOMALI = "Turjubaan ha laga helo rug caafimaad kasta."


@pytest.fixture
def rec():
    project = make_project(slug="voices", partners=[make_organisation()], languages=["en", "so", "ar", "bfi", "other"])
    return make_recommendation(
        project=project,
        sent_on=datetime.date(2026, 10, 1),
        title="Interpreters at every GP practice",
        text="Every practice should book an interpreter when one is needed.",
    )


def _edit(client, rec, **extra: str):
    form = {
        "title": rec.title,
        "text": rec.text,
        "organisation": rec.organisation_id,
        "addressee_name": rec.addressee_name,
        "addressee_email": rec.addressee_email,
        "senior_name": rec.senior_name,
        "senior_email": rec.senior_email,
        "priority": rec.priority,
        **extra,
    }
    return client.post(reverse("influence:edit", args=[rec.pk]), form)


def test_the_form_offers_a_box_for_each_residents_language_and_saves_what_is_given(client, rec):
    client.force_login(make_user(role=Role.HOST_STAFF))
    page = client.get(reverse("influence:edit", args=[rec.pk])).content.decode()
    assert "<bdi>Plain-words summary in Somali</bdi>" in page  # "(optional)" follows, once, as for any field
    assert "<bdi>Plain-words summary in Arabic</bdi>" in page
    assert "British Sign Language" not in page and "summary_other" not in page
    assert _edit(client, rec, summary_so=f"  {SOMALI}  ", summary_ar="").status_code == 302
    rec.refresh_from_db()
    assert rec.summary_translations == {"so": SOMALI}
    event = AuditEvent.objects.filter(verb=AuditVerb.CHANGED).latest("pk")
    assert event.after is not None and event.after["summary_translations"] == {"so": SOMALI}
    again = client.get(reverse("influence:edit", args=[rec.pk])).content.decode()
    assert SOMALI in again


def test_you_said_we_did_shows_the_summary_in_the_residents_language_where_given(client, rec):
    rec.summary_translations = {"so": SOMALI}
    rec.save()
    somali = client.get("/you-said-we-did/voices/?lang=so").content.decode()
    assert f'<p class="govuk-body" lang="so" dir="auto">{SOMALI}</p>' in somali
    assert "Every practice should book an interpreter" not in somali
    arabic = client.get("/you-said-we-did/voices/?lang=ar").content.decode()
    assert 'lang="en" dir="auto">Every practice should book an interpreter when one is needed.</p>' in arabic
    english = client.get("/you-said-we-did/voices/").content.decode()
    assert SOMALI not in english
