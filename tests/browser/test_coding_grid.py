"""Host staff code what residents said in the grid, by keyboard, without reloading the page; the theme and
codebook pages pass axe too."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from heard.accounts.models import Role
from heard.analysis import actions, engine
from heard.analysis.models import Code
from heard.analysis.tests.conftest import small_model
from heard.core.testing import (
    PASSWORD,
    make_community,
    make_experience,
    make_organisation,
    make_project,
    make_question,
    make_user,
)
from heard.engagement.models import Answer
from tests.browser.support import check_accessibility, sign_in


@pytest.fixture
def coded(transactional_db, monkeypatch: Any):
    monkeypatch.setattr(engine, "national_model", small_model)
    partner = make_organisation(name="Deaf Voices")
    community = make_community(name="Deaf BSL users")
    project = make_project(slug="voices", partners=[partner], communities=[community])
    story = make_question(project=project, code="story")
    for text in [
        "I waited four hours in A&E and nobody told us anything",
        "The receptionist was rude and would not book a BSL interpreter",
    ] * 3:
        record = make_experience(project=project, partner=partner, community=community, consent_quote=True)
        Answer.objects.create(experience=record, question=story, text=text)
    actions.suggest_themes(list(project.experiences.values_list("pk", flat=True)))
    make_user(role=Role.HOST_STAFF, username="tom")
    return project


def test_staff_accept_suggestions_with_the_keyboard(page, live_server, coded):
    base = live_server.url
    sign_in(page, base, "tom", PASSWORD)
    page.goto(f"{base}/analysis/projects/voices/coding/")
    check_accessibility(page, "coding-grid")
    page.keyboard.press("j")
    first = page.locator(".heard-answer").first
    expect(first).to_be_focused()
    page.keyboard.press("a")
    expect(first.locator(".heard-codes .govuk-tag").first).to_be_visible()
    assert Code.objects.filter(applied=True).exists()

    page.goto(f"{base}/analysis/projects/voices/themes/?by=community&suggested=1")
    expect(page.locator("table")).to_contain_text("Deaf BSL users")
    check_accessibility(page, "theme-table")
    page.goto(f"{base}/analysis/projects/voices/codebook/")
    check_accessibility(page, "codebook")
