"""Host staff code what residents said in the grid, by keyboard, without reloading the page; the theme and
codebook pages pass axe too."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from heard.accounts.models import Role
from heard.analysis import actions, engine
from heard.analysis.models import Code, Suggestion, Theme
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
    page.keyboard.press("y")  # the first row's only suggestion is unsure, so "a" would leave it: a person chooses
    expect(first.locator(".heard-decided .govuk-tag").first).to_be_visible()
    assert Code.objects.filter(applied=True).exists()

    page.goto(f"{base}/analysis/projects/voices/themes/?by=community&suggested=1")
    expect(page.locator("table.heard-theme-table")).to_contain_text("Deaf BSL users")
    check_accessibility(page, "theme-table")
    page.goto(f"{base}/analysis/projects/voices/codebook/")
    check_accessibility(page, "codebook")


@pytest.fixture
def suggested(transactional_db):
    actions.ensure_national_codebook()
    partner = make_organisation(name="Deaf Voices")
    project = make_project(slug="voices", partners=[partner])
    story = make_question(project=project, code="story")
    record = make_experience(project=project, partner=partner)
    answer = Answer.objects.create(experience=record, question=story, text="Waited four hours and no interpreter")
    for name, confidence in [
        ("Timeliness of care", 0.93),
        ("Transport to/ from services", 0.72),
        ("Appointment arrangements", 0.41),
    ]:
        Suggestion.objects.create(answer=answer, theme=Theme.objects.get(name=name), confidence=confidence)
    make_user(role=Role.HOST_STAFF, username="tom")
    return answer


def _decided(answer: Answer) -> dict[str, bool]:
    return dict(Code.objects.filter(answer=answer).values_list("theme__name", "applied"))


def test_staff_accept_reject_and_add_themes_with_one_key_each(page, live_server, suggested):
    base = live_server.url
    sign_in(page, base, "tom", PASSWORD)
    page.goto(f"{base}/analysis/projects/voices/coding/")
    expect(page.locator("#coding-keys")).to_contain_text("reject")
    row = page.locator(".heard-answer").first
    expect(row.locator(".heard-confidence").first).to_have_text("very likely (93% confidence)")
    expect(row.locator(".heard-confidence").first).to_have_attribute("title", "93% confidence")

    page.keyboard.press("j")
    page.keyboard.press("y")  # accepts the first suggestion
    expect(row.locator(".heard-decided").first).to_contain_text("Timeliness of care")
    expect(page.locator(".heard-answer").first).to_be_focused()
    page.keyboard.press("n")  # rejects the next one
    expect(page.locator(".heard-rejected")).to_contain_text("Transport to/ from services")
    assert _decided(suggested) == {"Timeliness of care": True, "Transport to/ from services": False}
    expect(page.locator(".heard-suggestion-name")).to_have_text(["Appointment arrangements"])

    page.keyboard.press("t")
    page.keyboard.type("Staff manner & personal attributes")
    page.keyboard.press("Enter")  # no Tab needed
    expect(page.locator(".heard-decided").first).to_contain_text("Staff manner & personal attributes")
    assert _decided(suggested)["Staff manner & personal attributes"] is True
    check_accessibility(page, "coding-grid-decided")


def test_the_accept_all_key_leaves_unsure_suggestions(page, live_server, suggested):
    base = live_server.url
    sign_in(page, base, "tom", PASSWORD)
    page.goto(f"{base}/analysis/projects/voices/coding/")
    unsure = page.locator(".heard-suggestion", has_text="Appointment arrangements")
    expect(unsure.locator(".heard-confidence")).to_contain_text("unsure")
    expect(unsure.locator(".heard-preselected")).to_have_count(0)
    page.keyboard.press("j")
    page.keyboard.press("a")
    expect(page.locator(".heard-suggestion-name")).to_have_text(["Appointment arrangements"])
    assert _decided(suggested) == {"Timeliness of care": True, "Transport to/ from services": True}


def test_the_grid_codes_without_javascript(browser, live_server, suggested):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    sign_in(page, live_server.url, "tom", PASSWORD)
    page.goto(f"{live_server.url}/analysis/projects/voices/coding/")
    page.get_by_role("button", name="Reject Transport to/ from services").click()
    page.get_by_label("Add a theme to").fill("Timeliness of care")
    page.get_by_label("Add a theme to").press("Enter")
    expect(page.locator(".heard-rejected")).to_contain_text("Transport to/ from services")
    assert _decided(suggested) == {"Timeliness of care": True, "Transport to/ from services": False}
    context.close()
