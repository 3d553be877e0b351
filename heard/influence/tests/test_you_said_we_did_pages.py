"""The public "you said, we did" pages pair what residents said (themes, consented quotes) with what was done (the
organisation's answer, its commitments and the change evidenced); they change as soon as a response or a change is
recorded, never show a quote without consent or one a safeguarding flag holds back, protect every count, and are
shown in the project's languages, right to left in Arabic."""

from __future__ import annotations

import datetime

import pytest

from heard.accounts.models import Role
from heard.analysis.models import Code, Theme
from heard.core.testing import (
    make_community,
    make_experience,
    make_organisation,
    make_project,
    make_question,
    make_user,
)
from heard.engagement.models import Answer
from heard.influence.models import Commitment, Evidence, Recommendation, Response, Verdict
from heard.partners.models import OrganisationKind
from heard.privacy.models import DataSharingAgreement, SafeguardingFlag


@pytest.fixture
def world(db):
    partner = make_organisation(name="Estate Voices")
    icb = make_organisation(name="North Central London ICB", kind=OrganisationKind.COMMISSIONER)
    estate = make_community(name="Estate residents", slug="estate")
    other = make_community(name="Somali-speaking residents", slug="somali")
    project = make_project(
        slug="gp-access", partners=[partner], communities=[estate, other], languages=["en", "ar", "so"]
    )
    DataSharingAgreement.objects.create(
        organisation=partner, starts_on=datetime.date(2026, 1, 1), scope="redacted_text"
    )
    question = make_question(project=project, code="story", kind="free_text", text="What happened?")
    theme = Theme.objects.create(project=project, name="Getting a GP appointment")
    coder = make_user(role=Role.HOST_STAFF)
    answers = {}
    for n, (words, quote) in enumerate(
        [
            ("I rang at 8am every day for a week", True),
            ("The phone queue is hopeless, never consented words", False),
            ("I could not get through and I am scared of what might happen at home", True),
            ("The receptionist was kind but no slots", True),
            ("No appointments for three weeks", True),
            ("Waited forever", True),
        ]
    ):
        experience = make_experience(project=project, partner=partner, community=estate, consent_quote=quote)
        answer = Answer.objects.create(experience=experience, question=question, text=words, language="en")
        Code.objects.create(answer=answer, theme=theme, coder=coder, applied=True)
        answers[n] = answer
    SafeguardingFlag.objects.create(experience=answers[2].experience, answer=answers[2], kind="harm", label="Harm")
    recommendation = Recommendation.objects.create(
        project=project,
        title="Open online booking for same-day appointments",
        text="Residents could not get through on the phone.",
        organisation=icb,
        status="sent",
        sent_on=datetime.date(2026, 6, 1),
        due_on=datetime.date(2099, 6, 29),
        notes="Host's private note: chase Dr X",
    )
    recommendation.communities.set([estate])
    Recommendation.objects.create(project=project, title="A draft nobody has seen", organisation=icb)
    return project, recommendation, estate, partner


def _page(client, path="/you-said-we-did/gp-access/", **params):
    response = client.get(path, params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_page_shows_what_residents_said_and_what_was_sent_but_not_drafts_or_notes(client, world):
    html = _page(client)
    assert "Getting a GP appointment" in html
    assert "People who raised this: 5" in html  # 6 people, rounded to the nearest 5
    assert "Open online booking for same-day appointments" in html
    assert "Sent, waiting for an answer" in html
    assert "A draft nobody has seen" not in html
    assert "chase Dr X" not in html


def test_a_quote_without_consent_or_held_back_by_a_flag_is_never_shown(client, world):
    html = _page(client) + _page(client, "/you-said-we-did/gp-access/estate/")
    assert "I rang at 8am every day for a week" in html
    assert "never consented words" not in html
    assert "scared of what might happen at home" not in html


def test_the_page_changes_when_a_response_and_a_change_are_recorded(client, world):
    _project, recommendation, _estate, _partner = world
    before = _page(client, "/you-said-we-did/gp-access/estate/")
    assert "We will open online booking" not in before
    response = Response.objects.create(
        recommendation=recommendation, decision="partly_accepted", reasons="We will open online booking in two areas."
    )
    Commitment.objects.create(
        recommendation=recommendation,
        response=response,
        action="Online booking at 12 practices",
        owner="Primary care lead",
        due_on=datetime.date(2026, 9, 1),
    )
    Evidence.objects.create(recommendation=recommendation, kind="change", text="Online booking opened in June")
    recommendation.status = "changed"
    recommendation.save()
    after = _page(client, "/you-said-we-did/gp-access/estate/")
    assert "We will open online booking in two areas." in after
    assert "Partly accepted" in after
    assert "Online booking at 12 practices" in after
    assert "Online booking opened in June" in after
    assert "Changed" in after


def test_the_page_is_in_arabic_right_to_left(client, world):
    html = _page(client, lang="ar")
    assert '<html lang="ar" dir="rtl"' in html
    assert "قلتم، ففعلنا" in html  # You said, we did
    assert '<span lang="en" dir="auto">Getting a GP appointment</span>' in html


def test_verdict_counts_under_5_are_suppressed_on_the_public_page(client, world):
    project, recommendation, estate, partner = world
    for _ in range(3):
        Verdict.objects.create(
            project=project,
            partner=partner,
            community=estate,
            recommendation=recommendation,
            channel="online",
            given_on=datetime.date(2026, 7, 1),
            listened="yes",
        )
    html = _page(client, "/you-said-we-did/gp-access/estate/")
    assert "Felt listened to: &lt;5 of &lt;5" in html
    assert ">3<" not in html


def test_a_project_with_nothing_sent_or_a_community_not_in_it_is_not_found(client, world):
    make_project(slug="quiet")
    assert client.get("/you-said-we-did/quiet/").status_code == 404
    assert client.get("/you-said-we-did/gp-access/nowhere/").status_code == 404
    assert client.get("/you-said-we-did/no-such-project/").status_code == 404
