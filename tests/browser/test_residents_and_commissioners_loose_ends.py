"""The loose ends of "you said, we did", walked in Chromium at 390 px and 1280 px with axe on every page:

- a resident gives their verdict in Somali on a phone, and the thanks page leads on to "you said, we did" for their
  community, in Somali, which says in Somali which words are in English;
- host staff record a commissioner's later response (a revised decision), and the public page shows both answers;
- the award form asks when the advance is due;
- host staff give a recommendation's summary in Somali, and residents read it there.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from heard.accounts.models import Role
from heard.core.testing import PASSWORD, make_community, make_organisation, make_project, make_user
from heard.influence import actions
from heard.influence.models import RecommendationStatus, Verdict, VerdictLink
from heard.influence.testing import make_recommendation
from tests.browser.support import check_accessibility, sign_in

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(os.environ.get("HEARD_SCREENSHOTS", "/tmp/heard-screenshots"))
SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


@pytest.fixture
def world(transactional_db):
    partner = make_organisation(name="Somali Women's Wellbeing Circle", slug="circle")
    community = make_community(name="Somali-speaking residents", slug="somali")
    project = make_project(
        name="Community voices",
        slug="voices",
        partners=[partner],
        communities=[community],
        languages=["en", "so", "es"],
    )
    staff = make_user(role=Role.HOST_STAFF, username="tom", first_name="Tom", last_name="Reed")
    rec = make_recommendation(
        project=project, sent_on=datetime.date(2026, 10, 1), title="Interpreters at every GP practice"
    )
    actions.record_response(
        actor=staff,
        rec=rec,
        decision="declined",
        reasons="There is no money for interpreters this year.",
        received_on=datetime.date(2026, 10, 20),
        channel="email",
        name="Sam Lee",
    )
    link = VerdictLink.objects.create(project=project, partner=partner, community=community)
    return project, rec, link


def _fits(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_a_resident_goes_on_from_the_thanks_page_to_you_said_we_did_in_somali(
    browser, live_server, world, monkeypatch, size
):
    from heard.influence import verdict_forms

    monkeypatch.setattr(verdict_forms, "MIN_SECONDS_ON_PAGE", 0)
    project, _rec, link = world
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=SIZES[size], is_mobile=size == "phone", has_touch=size == "phone")
    page = context.new_page()
    page.goto(live_server.url + link.get_absolute_url() + "?lang=so")
    page.get_by_role("group", name="Ma dareentay in lagu dhageystay?").get_by_label("Haa", exact=True).check()
    page.get_by_role("button", name="Dir").click()
    expect(page.get_by_role("heading", name="Waxa xiga")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / f"verdict-thanks-so-{size}.png"), full_page=True)
    check_accessibility(page, f"verdict-thanks-so-{size}")
    _fits(page, SIZES[size]["width"])

    page.get_by_role("link", name="Waad sheegteen, waan samaynay").click()
    expect(page).to_have_url(f"{live_server.url}/you-said-we-did/{project.slug}/somali/?lang=so")
    expect(page.locator("#in-english")).to_contain_text("Erayada qaar ee boggan waa Ingiriisi")
    expect(page.locator("main")).to_contain_text("Interpreters at every GP practice")
    page.screenshot(path=str(SCREENSHOTS / f"you-said-so-{size}.png"), full_page=True)
    check_accessibility(page, f"you-said-so-{size}")
    _fits(page, SIZES[size]["width"])
    context.close()
    assert Verdict.objects.get().language == "so"


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_staff_record_a_later_response_and_the_public_page_shows_both(browser, live_server, world, size):
    project, rec, _link = world
    context = browser.new_context(viewport=SIZES[size], is_mobile=size == "phone", has_touch=size == "phone")
    page = context.new_page()
    sign_in(page, live_server.url, "tom", PASSWORD)
    page.goto(live_server.url + rec.get_absolute_url())
    page.get_by_role("link", name="Record a later response").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a later response")
    check_accessibility(page, f"record-later-response-{size}")
    _fits(page, SIZES[size]["width"])
    page.get_by_label("Accept", exact=True).check()
    page.get_by_label("Their words").fill("The winter fund pays for interpreters after all.")
    page.get_by_label("Date it was received").fill("2026-11-20")
    page.get_by_label("Letter").check()
    page.get_by_role("button", name="Record the response").click()
    expect(page.locator(".heard-timeline")).to_contain_text("revising their response of 20 October 2026 (declined)")
    page.screenshot(path=str(SCREENSHOTS / f"later-response-{size}.png"), full_page=True)
    check_accessibility(page, f"later-response-recorded-{size}")
    rec.refresh_from_db()
    assert rec.status == RecommendationStatus.ACCEPTED

    page.goto(f"{live_server.url}/you-said-we-did/{project.slug}/?lang=es")
    expect(page.locator("main")).to_contain_text("Su respuesta posterior")
    expect(page.locator("#in-english")).to_contain_text("Algunas palabras de esta página están en inglés")
    page.screenshot(path=str(SCREENSHOTS / f"you-said-es-{size}.png"), full_page=True)
    check_accessibility(page, f"you-said-es-{size}")
    _fits(page, SIZES[size]["width"])
    context.close()


def test_the_award_form_on_a_phone_asks_when_the_advance_is_due(browser, live_server, world):
    project, _rec, _link = world
    context = browser.new_context(viewport=SIZES["phone"], is_mobile=True, has_touch=True)
    page = context.new_page()
    sign_in(page, live_server.url, "tom", PASSWORD)
    page.goto(f"{live_server.url}/funding/projects/{project.slug}/award/")
    expect(page.get_by_label("Advance due on")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "award-phone.png"), full_page=True)
    check_accessibility(page, "award-phone")
    _fits(page, SIZES["phone"]["width"])
    context.close()


def test_staff_give_a_somali_summary_on_a_phone_and_residents_read_it(browser, live_server, world):
    project, rec, _link = world
    context = browser.new_context(viewport=SIZES["phone"], is_mobile=True, has_touch=True)
    page = context.new_page()
    sign_in(page, live_server.url, "tom", PASSWORD)
    page.goto(live_server.url + rec.get_absolute_url())
    page.get_by_role("link", name="Edit").click()
    page.get_by_label("Plain-words summary in Somali (optional)").fill("Turjubaan ha laga helo rug caafimaad kasta.")
    page.screenshot(path=str(SCREENSHOTS / "summary-so-form-phone.png"), full_page=True)
    check_accessibility(page, "summary-so-form-phone")
    _fits(page, SIZES["phone"]["width"])
    page.get_by_role("button", name="Save as a draft").click()
    page.goto(f"{live_server.url}/you-said-we-did/{project.slug}/?lang=so")
    expect(page.locator("main p[lang=so]")).to_have_text("Turjubaan ha laga helo rug caafimaad kasta.")
    check_accessibility(page, "summary-so-you-said-phone")
    context.close()
