"""The audit timeline names kinds of record in plain words ("Resident's record", not "engagement.experience") and
people by their full names (their username only when they have none), for every kind of record it can show."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from django.apps import apps

from heard.accounts.models import Role
from heard.core import audit
from heard.core.auditlabels import PLAIN, plain_kind
from heard.core.models import AuditVerb
from heard.core.testing import make_experience, make_organisation, make_project, make_user

HEARD = Path(__file__).resolve().parents[2]


@pytest.fixture
def timeline(client, db):
    partner = make_organisation(name="Somali Welfare Trust")
    project = make_project(name="GP access", partners=[partner])
    named = make_user(role=Role.HOST_STAFF, username="jsmith", first_name="Jo", last_name="Smith")
    unnamed = make_user(role=Role.HOST_STAFF, username="kiosk")
    audit.record(actor=named, verb=AuditVerb.CHANGED, target=project)
    audit.record(actor=unnamed, verb=AuditVerb.CREATED, target=make_experience(project=project, partner=partner))
    client.force_login(make_user(role=Role.HOST_ADMIN))
    return client


def visible_text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", html))


def test_the_timeline_names_kinds_of_record_in_plain_words(timeline):
    page = visible_text(timeline.get("/audit/").content.decode())
    assert "(Project)" in page and "(Resident's record)" in page
    assert "engagement.project" not in page and "engagement.experience" not in page


def test_the_kind_of_record_filter_lists_plain_words(timeline):
    html = timeline.get("/audit/").content.decode()
    assert '<option value="engagement.experience">Resident&#x27;s record</option>' in html
    filtered = visible_text(timeline.get("/audit/?type=engagement.project").content.decode())
    assert "(Project)" in filtered and "(Resident's record)" not in filtered


def test_the_timeline_names_people_by_full_name_and_username_only_without_one(timeline):
    page = visible_text(timeline.get("/audit/").content.decode())
    assert "Jo Smith" in page and "jsmith" not in page
    assert "kiosk" in page
    assert "Jo Smith" in visible_text(timeline.get("/audit/?actor=Smith").content.decode())


def test_every_kind_of_record_has_a_plain_name():
    for model in apps.get_models():
        if not model.__module__.startswith("heard."):
            continue
        label = model._meta.label_lower
        name = plain_kind(label)
        assert name and "." not in name and "_" not in name and name[0].isupper(), label
    assert plain_kind("engagement.experience") == "Resident's record"
    assert plain_kind("something.made_up") == "Made up"


def test_every_plain_name_is_for_a_kind_of_record_that_exists():
    for label in PLAIN:
        assert apps.get_model(label) is not None


def test_every_kind_of_record_named_in_an_audit_call_is_a_model():
    """A `target_type="..."` written by hand must be a real model's label, so it gets its plain name."""
    written = set()
    for path in HEARD.rglob("*.py"):
        if "tests" not in path.parts and "migrations" not in path.parts:
            written |= set(re.findall(r'target_type="([a-z_]+\.[a-z_]+)"', path.read_text()))
    assert written
    for label in sorted(written):
        assert apps.get_model(label) is not None, label
