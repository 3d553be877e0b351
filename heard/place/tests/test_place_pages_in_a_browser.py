"""The who-is-missing page, the reach map (with a 2-mile patch) and the place data page open in headless
Chromium and pass axe; screenshots go to test-artifacts/. Skipped when Chromium is not installed."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from heard.accounts.models import Role
from heard.core.testing import PASSWORD, make_experience, make_organisation, make_project, make_user
from heard.place.actions import locate
from tests.browser.support import check_accessibility, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def partnership(transactional_db):
    centre = make_organisation(name="Somali Women's Wellbeing Circle", slug="somali-circle", postcode="N7 0AA")
    make_organisation(name="Holloway Mosque", kind="stakeholder", latitude=51.556, longitude=-0.12)
    project = make_project(slug="voices", partners=[centre], area_codes=["E09000019"])
    for n in range(40):
        experience = make_experience(
            project=project,
            partner=centre,
            postcode="N1 0AA" if n % 3 else "N7 0AA",
            ethnic_group="black_african" if n % 4 else "white_british",
            age_band="35-49",
            sex="female",
            disability="not_disabled",
        )
        locate(experience, save=True)
    make_user(role=Role.STEERING_MEMBER, username="grace")


def test_the_steering_group_opens_who_is_missing_and_the_map(page, live_server, partnership):
    base = live_server.url
    sign_in(page, base, "grace", PASSWORD)
    page.goto(base + "/place/missing/?project=voices")
    expect(page.get_by_role("heading", level=1)).to_have_text("Who is missing")
    expect(page.locator(".govuk-inset-text")).to_contain_text("of Islington but")
    check_accessibility(page, "place-who-is-missing")

    page.get_by_role("link", name="See reach on a map").click()
    expect(page.locator("svg path")).to_have_count(17)
    page.get_by_role("link", name="Somali Women's Wellbeing Circle: its 2-mile patch").first.click()
    expect(page.locator("#patch")).to_contain_text("Holloway Mosque")
    check_accessibility(page, "place-map-patch")

    page.goto(base + "/place/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Place data")
    check_accessibility(page, "place-data")
