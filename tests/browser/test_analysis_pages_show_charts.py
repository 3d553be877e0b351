"""Who is missing, the themes page, the reach map and the dashboard's reach over time in Chromium at 1280 and 390
CSS pixels: each shows its chart (or map) and its table, passes axe, and never scrolls the page sideways; the
map's partners are reached with the keyboard."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from playwright.sync_api import expect

from heard.accounts.models import Role
from heard.analysis import actions
from heard.analysis.models import AnswerSentiment, Theme
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
from heard.place.actions import locate
from tests.browser.support import check_accessibility, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def partnership(transactional_db: Any) -> None:
    centre = make_organisation(name="Somali Women's Wellbeing Circle", slug="somali-circle", postcode="N7 0AA")
    other = make_organisation(name="Estate Access Collective", slug="estate", postcode="N1 7BT")
    somali, estate = make_community(name="Somali-speaking residents"), make_community(name="Estate residents")
    project = make_project(
        slug="voices", partners=[centre, other], communities=[somali, estate], area_codes=["E09000019"]
    )
    story = make_question(project=project, code="story")
    actions.ensure_national_codebook()
    staff = make_user(role=Role.HOST_STAFF, username="tom")
    themes = list(Theme.objects.filter(name__in=["Timeliness of care", "Staff manner & personal attributes"]))
    for n in range(40):
        experience = make_experience(
            project=project,
            partner=centre if n % 2 else other,
            community=somali if n % 2 else estate,
            postcode="N1 0AA" if n % 3 else "N7 0AA",
            ethnic_group="black_african" if n % 4 else "white_british",
            age_band="35-49" if n % 5 else "65+",
            sex="female",
            disability="not_disabled",
            consent_quote=n < 6,
            collected_on=datetime.date(2026, 1 + n % 4, 5),
        )
        locate(experience, save=True)
        answer = Answer.objects.create(experience=experience, question=story, text=f"I waited {n} weeks to be seen.")
        actions.code_answer(actor=staff, answer=answer, theme=themes[n % 2], applied=True)
        AnswerSentiment.objects.create(answer=answer, decided=5 if n % 3 else 1)


def _fits(page: Any, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("size", WIDTHS)
def test_the_analysis_pages_show_charts_with_their_tables(
    browser: Any, live_server: Any, partnership: None, size: str
) -> None:
    viewport = WIDTHS[size]
    context = browser.new_context(viewport=viewport, locale="en-GB")
    page = context.new_page()
    base = live_server.url
    sign_in(page, base, "tom", PASSWORD)

    page.goto(base + "/place/missing/?project=voices")
    charts = page.locator("figure.doc-chart svg[role=img]")
    expect(charts.first).to_be_visible()
    assert charts.count() >= 4  # 5 ethnic groups, age, sex, disability...
    page.get_by_text("Show the figures as a table").first.click()
    expect(page.locator("figure.doc-chart table").first).to_be_visible()
    expect(page.get_by_text("How evenly groups were heard").first).to_be_visible()
    _fits(page, viewport["width"])
    check_accessibility(page, f"charts-who-is-missing-{size}")

    page.goto(base + "/analysis/projects/voices/themes/")
    expect(page.get_by_role("img", name="The themes most people raised")).to_be_visible()
    expect(page.get_by_role("img", name="How people felt, by group: share of answers")).to_be_visible()
    expect(page.get_by_role("region", name="Themes table")).to_be_visible()
    expect(page.get_by_role("heading", name="What residents said, theme by theme")).to_be_visible()
    _fits(page, viewport["width"])
    check_accessibility(page, f"charts-themes-{size}")

    page.goto(base + "/projects/voices/")
    expect(page.get_by_role("img", name="Residents heard each month, by partner")).to_be_visible()
    _fits(page, viewport["width"])
    check_accessibility(page, f"charts-dashboard-{size}")

    page.goto(base + "/place/map/?project=voices")
    partners = page.locator("#partners + p + ul")
    expect(partners).to_contain_text("Estate Access Collective")
    expect(partners).to_contain_text("Somali Women's Wellbeing Circle")
    dot = page.locator("a.heard-map__centre").first
    dot.focus()
    expect(dot).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#patch")).to_be_visible()
    _fits(page, viewport["width"])
    check_accessibility(page, f"charts-map-{size}")
    context.close()
