"""The end of the loop in a browser: the public "you said, we did" page shows the organisation's answer and the
change evidenced, in English and in Arabic (right to left); then a resident gives their verdict on a 390 px wide
phone. axe finds no violations on any page."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

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
from heard.influence.models import Evidence, Recommendation, Response, Verdict, VerdictLink
from heard.partners.models import OrganisationKind
from heard.privacy.models import DataSharingAgreement
from tests.browser.support import check_accessibility

SCREENSHOTS = Path(os.environ.get("HEARD_SCREENSHOTS", "/tmp/heard-screenshots"))


@pytest.fixture
def loop(transactional_db):
    partner = make_organisation(name="Arabic Community Health Forum")
    icb = make_organisation(name="North Central London ICB", kind=OrganisationKind.COMMISSIONER)
    community = make_community(name="Arabic-speaking residents", slug="arabic-speaking")
    project = make_project(
        name="Diverse Communities Health Voice",
        slug="dchv",
        partners=[partner],
        communities=[community],
        languages=["en", "ar", "so"],
    )
    DataSharingAgreement.objects.create(
        organisation=partner, starts_on=datetime.date(2026, 1, 1), scope="redacted_text"
    )
    question = make_question(project=project, code="story", kind="free_text", text="What happened?")
    theme = Theme.objects.create(project=project, name="Interpreters")
    coder = make_user()
    for n in range(6):
        experience = make_experience(project=project, partner=partner, community=community, consent_quote=True)
        answer = Answer.objects.create(
            experience=experience, question=question, language="en", text=f"There was no interpreter, visit {n}"
        )
        Code.objects.create(answer=answer, theme=theme, coder=coder, applied=True)
    recommendation = Recommendation.objects.create(
        project=project,
        title="Book an interpreter with every appointment",
        organisation=icb,
        status="changed",
        sent_on=datetime.date(2026, 6, 1),
    )
    recommendation.communities.set([community])
    Response.objects.create(
        recommendation=recommendation, decision="partly_accepted", reasons="We will start with GP practices."
    )
    Evidence.objects.create(
        recommendation=recommendation, kind="change", text="Interpreters are now booked with GP appointments"
    )
    link = VerdictLink.objects.create(
        project=project, partner=partner, community=community, recommendation=recommendation
    )
    return project, link


def test_you_said_we_did_in_english_and_arabic_then_a_verdict_on_a_phone(browser, live_server, loop, monkeypatch):
    from heard.influence import verdict_forms

    monkeypatch.setattr(verdict_forms, "MIN_SECONDS_ON_PAGE", 0)
    project, link = loop
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    desktop = browser.new_context(viewport={"width": 1200, "height": 900})
    page = desktop.new_page()
    page.goto(f"{live_server.url}/you-said-we-did/{project.slug}/arabic-speaking/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("You said, we did")
    expect(page.locator("main")).to_contain_text("We will start with GP practices.")
    expect(page.locator("main")).to_contain_text("Interpreters are now booked with GP appointments")
    expect(page.locator("main")).to_contain_text("There was no interpreter")
    page.screenshot(path=str(SCREENSHOTS / "you-said-en.png"), full_page=True)
    check_accessibility(page, "you-said-en")

    page.get_by_role("link", name="العربيّة").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", level=1)).to_contain_text("قلتم، ففعلنا")
    expect(page.locator("main")).to_contain_text("مقبولة جزئيًا")  # Partly accepted
    expect(page.locator("main")).to_contain_text("Interpreters are now booked with GP appointments")
    page.screenshot(path=str(SCREENSHOTS / "you-said-ar.png"), full_page=True)
    check_accessibility(page, "you-said-ar")
    desktop.close()

    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = phone.new_page()
    page.goto(live_server.url + link.get_absolute_url())
    page.get_by_role("link", name="العربيّة").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", level=1)).to_have_text("هل سُمع صوتك؟")
    check_accessibility(page, "verdict-ar")
    page.get_by_role("group", name="هل شعرت أن أحدًا استمع إليك؟").get_by_label("نعم").check()
    page.get_by_role("group", name="هل ستشارك مرة أخرى؟").get_by_label("ربما").check()
    page.screenshot(path=str(SCREENSHOTS / "verdict-ar-phone.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("button", name="إرسال").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("شكرًا لك")
    check_accessibility(page, "verdict-thanks-ar")
    phone.close()

    verdict = Verdict.objects.get()
    assert (verdict.listened, verdict.again, verdict.language) == ("yes", "maybe", "ar")
    assert verdict.recommendation is not None and verdict.community is not None
