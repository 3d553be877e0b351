from __future__ import annotations

import pytest
from django.db import connection

from heard.accounts.models import Role
from heard.core.models import AuditEvent, AuditVerb
from heard.core.testing import make_experience, make_organisation, make_project, make_question, make_user
from heard.engagement.models import Answer, Experience
from heard.privacy.actions import raise_safeguarding_flags
from heard.privacy.models import Erasure

SECRET = "Zainab told the nurse about the bruises on 12 Holloway Road"


@pytest.fixture
def world(db):
    org = make_organisation(name="Ours")
    project = make_project(partners=[org])
    question = make_question(project=project, code="story")
    record = make_experience(
        project=project, partner=org, consent_quote=True, consent_contact=True, contact_details="07700 900123"
    )
    Answer.objects.create(
        experience=record,
        question=question,
        text=SECRET + ". My husband hits me.",
        english_text="translation " + SECRET,
    )
    raise_safeguarding_flags([record.pk])
    return {
        "org": org,
        "project": project,
        "record": record,
        "partner": make_user(role=Role.PARTNER_MEMBER, organisation=org),
    }


def test_withdrawing_consent_to_quote_and_contact_is_audited(client, world):
    client.force_login(world["partner"])
    client.post(f"/privacy/records/{world['record'].pk}/consent/", {"action": "quote_and_contact"})
    record = Experience.objects.get(pk=world["record"].pk)
    assert (record.consent_quote, record.consent_contact, record.contact_details) == (False, False, "")
    assert record.consent_withdrawn_on is not None
    assert AuditEvent.objects.filter(verb=AuditVerb.CONSENT_WITHDRAWN).count() == 1
    assert record not in Experience.objects.quotable()


def test_erasing_needs_confirmation(client, world):
    client.force_login(world["partner"])
    html = client.post(f"/privacy/records/{world['record'].pk}/consent/", {"action": "erase"}).content.decode()
    assert "cannot be undone" in html
    assert Experience.objects.filter(pk=world["record"].pk).exists()


def test_erasure_leaves_no_trace_of_the_content_in_the_database(client, world):
    client.force_login(world["partner"])
    response = client.post(f"/privacy/records/{world['record'].pk}/consent/", {"action": "erase", "confirm": "on"})
    assert response.status_code == 302
    assert Erasure.objects.get().reference == world["record"].reference
    assert AuditEvent.objects.filter(verb=AuditVerb.ERASED).count() == 1
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (table names come from the database itself)
            for row in cursor.fetchall():
                text = " ".join(str(v) for v in row)
                assert "Zainab" not in text, table
                assert "07700 900123" not in text, table


def test_another_partner_cannot_erase_our_residents(client, world):
    client.force_login(make_user(role=Role.PARTNER_MEMBER))
    response = client.post(f"/privacy/records/{world['record'].pk}/consent/", {"action": "erase", "confirm": "on"})
    assert response.status_code == 404
    assert Experience.objects.filter(pk=world["record"].pk).exists()
