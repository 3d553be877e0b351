"""A host staff member signs in, opens the dashboard, an activity and a resident's record; a partner records
what a resident said. Every page passes axe."""

from __future__ import annotations

from playwright.sync_api import expect

from heard.core.testing import (
    PASSWORD,
)
from heard.engagement.models import Experience
from tests.browser.support import check_accessibility, sign_in


def test_host_staff_walk_through_the_dashboard_an_activity_and_a_record(page, live_server, partnership):
    base = live_server.url
    sign_in(page, base, "tom", PASSWORD)
    check_accessibility(page, "projects")

    page.get_by_role("link", name="Diverse Communities Health Voice").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Diverse Communities Health Voice")
    expect(page.locator(".heard-stats")).to_contain_text("residents heard")
    check_accessibility(page, "dashboard")

    page.get_by_role("link", name="Hear", exact=True).click()
    page.get_by_role("link", name="Coffee morning").click()
    expect(page.locator(".govuk-summary-list")).to_contain_text("People who took part")
    check_accessibility(page, "activity")

    page.get_by_role("link", name=partnership["record"].reference).click()
    expect(page.locator("blockquote[lang=so]")).to_have_text("Dhakhtarku ima dhageysan, turjubaan ma jirin.")
    expect(page.get_by_text("The doctor did not listen to me")).to_be_visible()
    check_accessibility(page, "record")

    for section in ("Partners", "Understand", "Report", "Influence", "Learn"):
        page.get_by_role("link", name=section, exact=True).click()
        expect(page.locator("h1")).to_be_visible()
        check_accessibility(page, section.lower())


def test_a_partner_records_a_residents_words_after_fixing_a_mistake(page, live_server, partnership):
    base = live_server.url
    sign_in(page, base, "hodan", PASSWORD)
    page.goto(f"{base}/projects/{partnership['project'].slug}/records/new/")
    page.get_by_label("Tell us about a recent time you used a service.").fill("Waited three weeks for the GP.")
    page.get_by_label("Postcode (optional)").fill("n19ar")
    page.get_by_role("button", name="Save record").click()

    # Consent to store was not ticked: a summary links to the field and what was typed is still there.
    expect(page.locator(".govuk-error-summary")).to_contain_text("consent to store")
    assert page.get_by_label("Tell us about a recent time you used a service.").input_value() == (
        "Waited three weeks for the GP."
    )
    check_accessibility(page, "record-form-errors")

    page.get_by_label("Consent to store").check()
    page.get_by_label("Consent method").select_option("verbal")
    page.get_by_role("button", name="Save record").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("saved")
    record = Experience.objects.latest("id")
    assert record.postcode == "N1 9AR"
    assert record.answers.get().text == "Waited three weeks for the GP."


def test_a_resident_answers_on_a_phone_from_a_link(browser, live_server, partnership, monkeypatch):
    from heard.engagement import public
    from heard.engagement.models import EntryLink

    monkeypatch.setattr(public, "MIN_SECONDS_ON_PAGE", 0)
    link = EntryLink.objects.create(project=partnership["project"], partner=partnership["partner"])
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = phone.new_page()
    page.goto(live_server.url + link.get_absolute_url())
    check_accessibility(page, "public-entry-phone")
    page.get_by_label("Tell us about a recent time you used a service.").fill("The GP receptionist was very kind.")
    page.get_by_label(f"I agree that {partnership['partner'].name} keeps what I said").check()
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    check_accessibility(page, "public-entry-thanks")
    phone.close()
    assert Experience.objects.filter(channel="online").count() == 1
