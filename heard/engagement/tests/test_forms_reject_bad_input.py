"""Every form rejects invalid data with a clear message, linked from an error summary, and keeps what the
person typed."""

from __future__ import annotations

import pytest

from heard.accounts.models import Role
from heard.core.models import AuditEvent
from heard.core.testing import make_community, make_organisation, make_project, make_question, make_user
from heard.engagement.models import Experience


@pytest.fixture
def partner_world(db):
    org = make_organisation(name="Our group")
    community = make_community(name="Somali-speaking residents")
    project = make_project(partners=[org], communities=[community])
    make_question(project=project, code="story", text="Tell us what happened")
    user = make_user(role=Role.PARTNER_MEMBER, organisation=org)
    return project, org, user


def test_a_record_without_consent_to_store_is_refused_and_the_words_are_kept(client, partner_world):
    project, org, user = partner_world
    client.force_login(user)
    response = client.post(
        f"/projects/{project.slug}/records/new/",
        {"partner": org.pk, "collected_on": "2026-03-02", "q_story": "The GP would not see me", "postcode": "n19ar"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert 'href="#id_consent_store"' in html
    assert "consent to store" in html
    assert "The GP would not see me" in html  # what they typed is still there
    assert Experience.objects.count() == 0


def test_a_bad_postcode_and_a_future_date_get_plain_messages(client, partner_world):
    project, org, user = partner_world
    client.force_login(user)
    response = client.post(
        f"/projects/{project.slug}/records/new/",
        {
            "partner": org.pk,
            "collected_on": "2999-01-01",
            "consent_store": "on",
            "consent_method": "verbal",
            "postcode": "NOT A POSTCODE",
        },
    )
    html = response.content.decode()
    assert "Enter a UK postcode like N1 9AR" in html
    assert "The date heard must be today or in the past." in html
    assert 'value="NOT A POSTCODE"' in html
    assert 'aria-describedby="id_postcode-hint id_postcode-error"' in html


def test_a_valid_record_is_saved_with_its_answer_and_audited(client, partner_world):
    project, org, user = partner_world
    client.force_login(user)
    response = client.post(
        f"/projects/{project.slug}/records/new/",
        {
            "partner": org.pk,
            "collected_on": "2026-03-02",
            "consent_store": "on",
            "consent_method": "verbal",
            "postcode": "n19ar",
            "q_story": "Waited three weeks",
            "ethnic_group": "black_african",
        },
    )
    assert response.status_code == 302
    record = Experience.objects.get()
    assert record.postcode == "N1 9AR"
    assert record.answers.get().text == "Waited three weeks"
    event = AuditEvent.objects.for_target(record).get()
    assert event.actor == user
    assert (event.after or {})["ethnic_group"] == "black_african"
    assert "Waited three weeks" not in str(event.after)  # residents' words stay out of the audit trail


def test_contact_details_without_consent_to_contact_are_refused(client, partner_world):
    project, org, user = partner_world
    client.force_login(user)
    html = client.post(
        f"/projects/{project.slug}/records/new/",
        {
            "partner": org.pk,
            "collected_on": "2026-03-02",
            "consent_store": "on",
            "consent_method": "verbal",
            "contact_details": "07700 900123",
        },
    ).content.decode()
    assert "Only keep contact details when the resident agreed to be contacted." in html


def test_an_activity_without_a_title_or_method_is_refused(client, partner_world):
    project, org, user = partner_world
    client.force_login(user)
    response = client.post(
        f"/projects/{project.slug}/activities/new/",
        {"partner": org.pk, "held_on": "2026-03-02", "people_count": "-3", "location": "Library"},
    )
    html = response.content.decode()
    assert "There is a problem" in html
    assert 'href="#id_title"' in html and 'href="#id_method"' in html
    assert 'value="Library"' in html


def test_an_organisation_needs_a_name_and_a_real_postcode(client, db):
    client.force_login(make_user(role=Role.HOST_STAFF))
    html = client.post(
        "/partners/new/", {"kind": "partner", "sector": "community", "postcode": "12345", "email": "not-an-email"}
    ).content.decode()
    assert 'href="#id_name"' in html
    assert "Enter a full UK postcode, like N1 9AR." in html
    assert "Enter a valid email address." in html
    assert 'value="not-an-email"' in html
