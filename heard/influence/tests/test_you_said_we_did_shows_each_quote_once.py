"""Two residents who said the same words are quoted once under a theme on the public "you said, we did" page, and
another resident's words take the second place (walking the loop, the demo showed "I waited three weeks to get an
appointment." twice in a row)."""

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
from heard.influence.models import Recommendation
from heard.partners.models import OrganisationKind
from heard.privacy.models import DataSharingAgreement

pytestmark = pytest.mark.django_db


def test_the_same_words_from_two_residents_are_quoted_once(client):
    partner = make_organisation(name="Estate Voices")
    estate = make_community(name="Estate residents", slug="estate")
    project = make_project(slug="gp-access", partners=[partner], communities=[estate])
    DataSharingAgreement.objects.create(
        organisation=partner, starts_on=datetime.date(2026, 1, 1), scope="redacted_text"
    )
    question = make_question(project=project, code="story", kind="free_text", text="What happened?")
    theme = Theme.objects.create(project=project, name="Getting a GP appointment")
    coder = make_user(role=Role.HOST_STAFF)
    for words in [
        "I waited three weeks to get an appointment.",
        "I waited three  weeks to get an appointment.",
        "No appointments at all",
        "No appointments at all",
        "The phone queue is hopeless",
    ]:
        experience = make_experience(project=project, partner=partner, community=estate, consent_quote=True)
        answer = Answer.objects.create(experience=experience, question=question, text=words, language="en")
        Code.objects.create(answer=answer, theme=theme, coder=coder, applied=True)
    Recommendation.objects.create(
        project=project,
        title="Open online booking",
        organisation=make_organisation(name="ICB", kind=OrganisationKind.COMMISSIONER),
        status="sent",
        sent_on=datetime.date(2026, 6, 1),
        due_on=datetime.date(2099, 6, 29),
    )
    html = client.get("/you-said-we-did/gp-access/").content.decode()
    shown = [html.count(words) for words in ("I waited three", "No appointments at all", "The phone queue")]
    assert max(shown) == 1  # no words twice
    assert sum(shown) == 2  # and the second place goes to different words
