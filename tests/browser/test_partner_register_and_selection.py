"""Host staff add a partner, its Safeguarding policy (a real upload), mark it checked, score the partner and find
it ranked. Every page passes axe."""

from __future__ import annotations

from playwright.sync_api import expect

from heard.core.testing import PASSWORD, PDF_BYTES
from heard.partners.models import Assessment, Organisation, Policy
from tests.browser.support import check_accessibility, sign_in


def test_staff_add_a_partner_with_a_policy_and_score_it(page, live_server, partnership, tmp_path):
    base = live_server.url
    sign_in(page, base, "tom", PASSWORD)
    page.goto(f"{base}/partners/")
    page.get_by_role("link", name="Add an organisation").click()
    page.get_by_label("Name", exact=True).fill("Kurdish Advice Centre")
    page.get_by_label("Annual turnover").select_option("10k_100k")
    page.get_by_label("Volunteers").fill("12")
    check_accessibility(page, "organisation-form")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Kurdish Advice Centre")).to_be_visible()
    check_accessibility(page, "partner-register")

    page.get_by_role("link", name="Add a policy").click()
    page.get_by_label("Which policy").select_option("safeguarding")
    page.get_by_label("Date issued").fill("2026-01-10")
    page.get_by_label("Review or expiry date").fill("2028-01-10")
    policy_file = tmp_path / "Safeguarding policy.pdf"
    policy_file.write_bytes(PDF_BYTES)
    page.get_by_label("The policy document").set_input_files(str(policy_file))
    check_accessibility(page, "policy-form")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Safeguarding policy added.")).to_be_visible()
    page.get_by_role("button", name="Mark as checked (Safeguarding)").click()
    expect(page.get_by_text("Safeguarding policy marked as checked.")).to_be_visible()
    assert Policy.objects.get().checked_on is not None

    page.get_by_role("link", name="Score as a candidate partner").click()
    for criterion in ("Can reach people we don't", "Can do it within the timeframe", "A smaller organisation"):
        page.get_by_role("group", name=criterion).get_by_label("3: fully").check()
    page.get_by_role("group", name="Due diligence in place").get_by_label("1: a little").check()
    page.get_by_role("group", name="Decision").get_by_label("Selected as a partner").check()
    check_accessibility(page, "assessment-form")
    page.get_by_role("button", name="Save the scores").click()
    expect(page.get_by_role("heading", name="Selecting partners")).to_be_visible()
    expect(page.get_by_role("rowheader", name="Kurdish Advice Centre")).to_be_visible()
    check_accessibility(page, "selection")
    organisation = Organisation.objects.get(name="Kurdish Advice Centre")
    assert Assessment.objects.get(organisation=organisation).decision == "selected"
