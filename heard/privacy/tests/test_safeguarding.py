from __future__ import annotations

import pytest

from heard.accounts.models import Role
from heard.core.models import AuditEvent, AuditVerb
from heard.core.testing import make_experience, make_organisation, make_project, make_question, make_user
from heard.engagement.models import Answer
from heard.lib.safeguarding import find_concerns
from heard.privacy.actions import raise_safeguarding_flags
from heard.privacy.models import FlagStatus, FlagView, SafeguardingFlag


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Some days I want to end it all.", "self_harm"),
        ("I have thought about killing myself since the diagnosis", "self_harm"),
        ("My husband hits me when he drinks.", "domestic_abuse"),
        ("He took my passport and I am not allowed out.", "domestic_abuse"),
        ("The children are left alone all night while she works.", "child_at_risk"),
        ("My carer steals from my purse.", "abuse"),
        ("Nobody came for three days and I had no food.", "neglect"),
        ("Mum was left lying in her own urine.", "neglect"),
    ],
)
def test_it_spots_words_that_suggest_a_risk_of_harm(text, kind):
    assert kind in [c.kind for c in find_concerns(text)]


@pytest.mark.parametrize(
    "text",
    [
        "I waited three hours in A&E and the staff were rude.",
        "The suicide prevention leaflet was only in English.",
        "The receptionist was abrupt with my son.",
        "Could not get a GP appointment for two weeks.",
    ],
)
def test_it_leaves_ordinary_complaints_alone(text):
    assert find_concerns(text) == []


@pytest.fixture
def flagged(db):
    ours, theirs = make_organisation(name="Ours"), make_organisation(name="Theirs")
    project = make_project(partners=[ours, theirs])
    question = make_question(project=project, code="story")
    record = make_experience(project=project, partner=ours)
    Answer.objects.create(
        experience=record,
        question=question,
        text="Qoraal",
        language="so",
        english_text="My husband hits me and I am afraid to go home.",
    )
    other = make_experience(project=project, partner=theirs)
    Answer.objects.create(experience=other, question=question, text="I want to end it all.")
    flags = raise_safeguarding_flags([record.pk, other.pk])
    return {"ours": ours, "theirs": theirs, "record": record, "other": other, "flags": flags}


def test_flags_are_raised_from_the_translation_too_and_only_once(flagged):
    assert {f.kind for f in flagged["flags"]} == {"domestic_abuse", "self_harm"}
    assert raise_safeguarding_flags([flagged["record"].pk, flagged["other"].pk]) == []
    assert SafeguardingFlag.objects.count() == 2


def test_saving_a_record_through_the_form_raises_a_flag(client, db, django_capture_on_commit_callbacks):
    org = make_organisation()
    project = make_project(partners=[org])
    make_question(project=project, code="story", text="Story")
    client.force_login(make_user(role=Role.PARTNER_MEMBER, organisation=org))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/projects/{project.slug}/records/new/",
            {
                "partner": org.pk,
                "collected_on": "2026-03-02",
                "consent_store": "on",
                "consent_method": "verbal",
                "q_story": "The kids are left alone all day",
            },
        )
    assert SafeguardingFlag.objects.get().kind == "child_at_risk"


def test_flags_reach_the_right_safeguarding_leads_only(client, flagged):
    host_lead = make_user(role=Role.HOST_STAFF, is_safeguarding_lead=True)
    our_lead = make_user(role=Role.PARTNER_MEMBER, organisation=flagged["ours"], is_safeguarding_lead=True)
    our_member = make_user(role=Role.PARTNER_MEMBER, organisation=flagged["ours"])
    host_admin = make_user(role=Role.HOST_ADMIN)
    ours = next(f for f in flagged["flags"] if f.experience == flagged["record"])
    theirs = next(f for f in flagged["flags"] if f.experience == flagged["other"])

    client.force_login(host_lead)
    assert client.get(f"/privacy/safeguarding/{theirs.pk}/").status_code == 200
    client.force_login(our_lead)
    assert client.get(f"/privacy/safeguarding/{ours.pk}/").status_code == 200
    assert client.get(f"/privacy/safeguarding/{theirs.pk}/").status_code == 404
    html = client.get("/privacy/safeguarding/").content.decode()
    assert ours.label in html and theirs.label not in html
    for user in (our_member, host_admin):
        client.force_login(user)
        assert client.get("/privacy/safeguarding/").status_code == 403
        assert client.get(f"/privacy/safeguarding/{ours.pk}/").status_code == 404


def test_who_looked_and_what_they_decided_is_recorded(client, flagged):
    lead = make_user(role=Role.HOST_STAFF, is_safeguarding_lead=True)
    flag = flagged["flags"][0]
    client.force_login(lead)
    client.get(f"/privacy/safeguarding/{flag.pk}/")
    assert FlagView.objects.get(flag=flag).viewer == lead
    response = client.post(
        f"/privacy/safeguarding/{flag.pk}/", {"status": "referred", "notes": "Called the partner.", "words": "never"}
    )
    assert response.status_code == 302
    flag.refresh_from_db()
    assert (flag.status, flag.decided_by) == (FlagStatus.REFERRED, lead)
    event = AuditEvent.objects.get(verb=AuditVerb.DECIDED)
    assert event.after == {"status": "referred", "decision_notes": "Called the partner.", "words": "never"}
    assert event.before == {"status": "open", "decision_notes": "", "words": ""}
    assert "afraid" not in str(AuditEvent.objects.values_list("before", "after", "summary"))
