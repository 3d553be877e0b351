"""A resident opens a partner's link on a phone, switches to Arabic (right to left), fixes a mistake and sends
their story, all in Arabic; every page passes axe."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from heard.core.testing import make_community, make_organisation, make_project, make_question
from heard.engagement.models import EntryLink, Experience
from tests.browser.support import check_accessibility

SCREENSHOTS = Path(os.environ.get("HEARD_SCREENSHOTS", "/tmp/heard-screenshots"))


@pytest.fixture
def link(transactional_db):
    partner = make_organisation(name="Arabic Community Health Forum")
    project = make_project(
        name="Diverse Communities Health Voice", partners=[partner], languages=["en", "so", "ar", "tr"]
    )
    make_question(
        project=project,
        code="story",
        text="Tell us about a recent time you used a service.",
        translations={"ar": {"text": "أخبرنا عن آخر مرة استخدمت فيها خدمة صحية."}},
    )
    return EntryLink.objects.create(project=project, partner=partner, community=make_community())


def test_a_resident_answers_in_arabic_on_a_phone(browser, live_server, link, monkeypatch):
    from heard.engagement import public

    monkeypatch.setattr(public, "MIN_SECONDS_ON_PAGE", 0)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = phone.new_page()
    page.goto(live_server.url + link.get_absolute_url())
    page.get_by_role("link", name="العربيّة").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", level=1)).to_have_text("أخبرنا بما حدث")
    page.screenshot(path=str(SCREENSHOTS / "public-entry-ar.png"), full_page=True)
    check_accessibility(page, "public-entry-ar")

    page.get_by_label("أخبرنا عن آخر مرة استخدمت فيها خدمة صحية.").fill("انتظرت ثلاثة أسابيع لموعد مع الطبيب.")
    page.get_by_label("عمرك").select_option("35-49")
    page.get_by_role("button", name="إرسال").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("هناك مشكلة")
    expect(page.locator(".govuk-error-summary")).to_contain_text("ضع علامة في هذا المربع")
    page.screenshot(path=str(SCREENSHOTS / "public-entry-ar-errors.png"), full_page=True)
    check_accessibility(page, "public-entry-ar-errors")

    page.get_by_label("أوافق على أن تحتفظ Arabic Community Health Forum بما قلته").check()
    page.get_by_role("button", name="إرسال").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("شكرًا لك")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    page.screenshot(path=str(SCREENSHOTS / "public-thanks-ar.png"), full_page=True)
    check_accessibility(page, "public-thanks-ar")
    phone.close()

    record = Experience.objects.get()
    assert (record.age_band, record.consent_store, record.channel) == ("35-49", True, "online")
    answer = record.answers.get()
    assert (answer.text, answer.language) == ("انتظرت ثلاثة أسابيع لموعد مع الطبيب.", "ar")
