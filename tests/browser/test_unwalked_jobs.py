"""The jobs nobody had walked, at a phone's width (390 px) and a desk's (1280 px), every page through axe and none
wider than the screen: host staff record a partner's grant and its first payment, and the partner finds it from
their first page; host staff record a commissioner's e-mailed response and find the public "you said, we did"
page to share; a commissioner answers through their link; a resident says whether they felt heard; a steering
group member answers a temperature check through their link."""

from __future__ import annotations

import datetime
import os
import re
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import expect

from heard.accounts.models import Role
from heard.core.testing import PASSWORD, make_community, make_organisation, make_project, make_user
from heard.governance import pulse_actions
from heard.governance.models import SteeringMember
from heard.influence.models import Response, Verdict, VerdictLink
from heard.influence.testing import make_recommendation
from heard.partners.models import OrganisationKind
from tests.browser.support import check_accessibility, sign_in

SCREENSHOTS = Path(os.environ.get("HEARD_SCREENSHOTS", "/tmp/heard-screenshots"))
WIDTHS = (390, 1280)


def _look(page: Any, name: str) -> None:
    """axe, a screenshot to look at, and nothing wider than the screen."""
    width = page.viewport_size["width"]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
    check_accessibility(page, f"{name}-{width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name} scrolls sideways at {width} px"


@pytest.fixture
def world(transactional_db) -> dict[str, Any]:
    circle = make_organisation(name="Somali Women's Wellbeing Circle", slug="circle")
    community = make_community(name="Somali-speaking residents", slug="somali")
    project = make_project(slug="voices", name="Community voices", partners=[circle], communities=[community])
    make_organisation(name="Two Boroughs ICB", kind=OrganisationKind.COMMISSIONER)
    make_organisation(name="Healthwatch Two Boroughs", kind=OrganisationKind.HOST)
    return {
        "project": project,
        "circle": circle,
        "community": community,
        "staff": make_user(role=Role.HOST_STAFF, username="tom", first_name="Tom"),
        "partner": make_user(role=Role.PARTNER_MEMBER, organisation=circle, username="hodan"),
    }


@pytest.mark.parametrize("width", WIDTHS)
def test_staff_record_a_grant_and_a_payment_and_the_partner_finds_it(browser, live_server, world, width):
    base = live_server.url
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="en-GB")
    page = context.new_page()
    sign_in(page, base, "tom", PASSWORD)
    page.goto(f"{base}/projects/voices/")
    page.get_by_role("link", name="Funding and payments").click()
    _look(page, "walk-funding")
    page.get_by_role("link", name="Award an allocation").click()
    _look(page, "walk-award")
    page.get_by_label("Partner").select_option(label="Somali Women's Wellbeing Circle")
    page.get_by_label("Allocation (£)").fill("9,300")
    page.get_by_label("Advance due on").fill("2026-02-01")
    page.get_by_label("Payments in advance").fill("2")
    page.get_by_role("button", name="Award the allocation").click()
    expect(page.get_by_role("heading", name=re.compile("£9,300.00"))).to_be_visible()
    _look(page, "walk-allocation")
    record = page.get_by_role("button", name=re.compile("Record payment of the advance"))
    # on the screen as it is, not off it inside the table's sideways scroll
    assert record.evaluate("button => button.getBoundingClientRect().right") <= width
    record.click()
    expect(page.locator("table").first).to_contain_text("Paid")
    _look(page, "walk-allocation-paid")

    page.context.clear_cookies()
    sign_in(page, base, "hodan", PASSWORD)
    page.get_by_role("link", name="Your grant: £9,300.00").click()
    expect(page.get_by_role("heading", name=re.compile("£9,300.00"))).to_be_visible()
    _look(page, "walk-partner-grant")
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_staff_record_an_e_mailed_response_and_share_you_said_we_did(browser, live_server, world, width):
    base = live_server.url
    rec = make_recommendation(
        project=world["project"],
        sent_on=datetime.date(2026, 10, 1),
        addressee_name="Dr Ayo Bello",
        title="Book an interpreter with every GP appointment",
    )
    rec.communities.set([world["community"]])
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="en-GB")
    page = context.new_page()
    sign_in(page, base, "tom", PASSWORD)
    page.goto(f"{base}/influence/")
    _look(page, "walk-influence")
    page.get_by_role("link", name=rec.title).click()
    _look(page, "walk-recommendation-overdue")
    revoke = page.get_by_role("button", name=re.compile("Revoke the link for"))
    # on the screen as it is, not off it inside the table's sideways scroll
    assert revoke.evaluate("button => button.getBoundingClientRect().right") <= width
    page.get_by_role("link", name="Record a response").click()
    _look(page, "walk-record-response")
    page.get_by_role("button", name="Record the response").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    _look(page, "walk-record-response-errors")
    page.get_by_label("Partly accept").check()
    page.get_by_label("Their words").fill("Telephone interpreting this year; face to face next year.")
    page.get_by_label("Date it was received").fill("2026-10-20")
    page.get_by_label("E-mail").check()
    page.get_by_label("Action 1: what they will do").fill("Fund telephone interpreting in every practice")
    page.get_by_label("Action 1: who will do it").fill("Head of Primary Care")
    page.get_by_label("Action 1: by when").fill("2027-03-31")
    page.get_by_role("button", name="Record the response").click()
    expect(page.get_by_text("Response recorded on Dr Ayo Bello's behalf.")).to_be_visible()
    expect(page.get_by_text("Recorded by Tom on their behalf")).to_be_visible()
    _look(page, "walk-recommendation-answered")
    assert Response.objects.get().recorded_by == world["staff"]
    page.get_by_role("link", name="“you said, we did” page").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("You said, we did")
    expect(page.locator("main")).to_contain_text("Telephone interpreting this year")
    _look(page, "walk-you-said")
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_commissioner_answers_through_their_link(browser, live_server, world, width, settings):
    settings.SITE_URL = live_server.url
    rec = make_recommendation(project=world["project"], sent_on=datetime.date.today(), addressee_name="Dr Ayo Bello")
    link = next(line for line in mail.outbox[-1].body.splitlines() if "/respond/" in line).strip()
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.goto(link)
    _look(page, "walk-respond")
    page.get_by_role("button", name="Send your response").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    _look(page, "walk-respond-errors")
    page.get_by_label("Accept", exact=True).check()
    page.get_by_label("Your reasons").fill("We agree.")
    page.get_by_label("Action 1: what you will do").fill("Book interpreters")
    page.get_by_label("Action 1: who will do it").fill("Practice managers")
    page.get_by_label("Action 1: by when").fill("2027-03-31")
    page.get_by_role("button", name="Send your response").click()
    expect(page.get_by_text("Thank you: your response is recorded.")).to_be_visible()
    _look(page, "walk-respond-answered")
    rec.refresh_from_db()
    assert rec.status == "accepted"
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_resident_says_whether_they_felt_heard(browser, live_server, world, width, monkeypatch):
    from heard.influence import verdict_forms

    monkeypatch.setattr(verdict_forms, "MIN_SECONDS_ON_PAGE", 0)
    link = VerdictLink.objects.create(project=world["project"], partner=world["circle"], community=world["community"])
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.goto(live_server.url + link.get_absolute_url())
    _look(page, "walk-verdict")
    page.get_by_role("button", name="Send").click()
    _look(page, "walk-verdict-empty")
    page.get_by_role("group", name="Did you feel listened to?").get_by_label("Partly").check()
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    _look(page, "walk-verdict-thanks")
    assert Verdict.objects.get().listened == "partly"
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_steering_member_answers_a_temperature_check_through_their_link(browser, live_server, world, width):
    member = SteeringMember.objects.create(name="Ada Obi", email="ada@example.org")
    today = datetime.date.today()
    pulse_round = pulse_actions.open_round(
        actor=None, title="Spring check", opens_on=today, closes_on=today + datetime.timedelta(days=7)
    )
    mail.outbox.clear()
    pulse_actions.send_links(actor=None, pulse_round=pulse_round)
    found = next(re.search(r"/temperature-check/[\w-]+/", m.body) for m in mail.outbox if m.to == [member.email])
    assert found
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.goto(live_server.url + found.group(0))
    _look(page, "walk-temperature-check")
    page.get_by_role("button", name="Send my answers").click()
    _look(page, "walk-temperature-check-empty")
    for name, value in {"direction": 4, "value": 4, "focus": 3, "honesty": 5}.items():
        page.locator(f"#id_{name}_{value - 1}").check()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("This link has been used")).to_be_visible()
    _look(page, "walk-temperature-check-done")
    context.close()
