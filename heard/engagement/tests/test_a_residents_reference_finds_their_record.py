"""The thanks page gives the resident a short reference that says nothing about the record (not its id); a
partner or host staff member types it into the records list to find the record, and so withdraw consent or
erase it; a partner finds only their own organisation's records."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache

from heard.accounts.models import Role
from heard.core.testing import make_experience, make_organisation, make_project, make_question, make_user
from heard.engagement import public
from heard.engagement.models import EntryLink, Experience


@pytest.fixture
def sent(client, db, monkeypatch):
    cache.clear()
    partner = make_organisation(name="Somali Women's Wellbeing Circle")
    other = make_organisation(name="Bangla Health Link")
    project = make_project(partners=[partner, other], languages=["en"])
    make_question(project=project, code="story", text="Tell us what happened")
    link = EntryLink.objects.create(project=project, partner=partner)
    monkeypatch.setattr(public, "MIN_SECONDS_ON_PAGE", 0)
    started = client.get(link.get_absolute_url()).context["form"].initial["started"]
    data = {"started": started, "website": "", "q_story": "I waited", "consent_store": "on"}
    thanks = client.post(link.get_absolute_url(), data, follow=True).content.decode()
    return {"project": project, "partner": partner, "other": other, "thanks": thanks}


def test_the_thanks_page_shows_a_short_unguessable_reference(sent):
    record = Experience.objects.get()
    assert re.fullmatch(r"R-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{2}", record.receipt or "")
    assert record.receipt is not None
    assert record.receipt in sent["thanks"] and str(record.pk) not in record.receipt


def test_a_reference_made_up_in_the_address_is_not_shown(client, sent):
    link = EntryLink.objects.get()
    html = client.get(f"{link.get_absolute_url()}thanks/?r=R-AAAA-AA").content.decode()
    assert "R-AAAA-AA" not in html


def _records(client, project, reference):
    return client.get(f"/projects/{project.slug}/records/", {"reference": reference}).content.decode()


def test_the_partner_and_host_staff_find_the_record_by_its_reference_however_typed(client, sent):
    record = Experience.objects.get()
    assert record.receipt is not None
    make_experience(project=sent["project"], partner=sent["partner"])  # another record, not to be found
    client.force_login(make_user(role=Role.PARTNER_MEMBER, organisation=sent["partner"]))
    for typed in (record.receipt, record.receipt.lower().replace("-", " "), record.reference):
        html = _records(client, sent["project"], typed)
        assert "1 record<" in html and record.get_absolute_url() in html, typed
    client.force_login(make_user(role=Role.HOST_STAFF, username="staff"))
    assert record.get_absolute_url() in _records(client, sent["project"], record.receipt)


def test_another_partner_cannot_find_the_record_by_its_reference(client, sent):
    record = Experience.objects.get()
    client.force_login(make_user(role=Role.PARTNER_MEMBER, organisation=sent["other"]))
    html = _records(client, sent["project"], record.receipt)
    assert "0 records" in html and record.get_absolute_url() not in html
