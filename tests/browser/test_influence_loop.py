"""The influence loop in a browser: a finding of the published report becomes a recommendation, host staff send
it, the commissioner responds through the link in the e-mail (no account), commits to an action and evidences a
change, and the recommendation's page shows it changed. Every page passes axe."""

from __future__ import annotations

from django.core import mail
from playwright.sync_api import expect

from heard.core.testing import PASSWORD, make_organisation
from heard.influence.models import Recommendation
from heard.partners.models import OrganisationKind
from heard.reporting.models import PublishedReport, Report
from tests.browser.support import check_accessibility, sign_in

FINDING = "Residents who need an interpreter often go without one at the GP."


def test_a_finding_becomes_a_recommendation_that_is_answered_and_changes_something(
    page, live_server, partnership, settings
):
    base = live_server.url
    settings.SITE_URL = base  # the e-mailed link points at this server
    project = partnership["project"]
    make_organisation(name="Two Boroughs ICB", kind=OrganisationKind.COMMISSIONER)
    report = Report.objects.create(project=project, title="What we heard")
    PublishedReport.objects.create(report=report, number=1, title="What we heard", documents={}, findings=[FINDING])

    sign_in(page, base, "tom", PASSWORD)
    page.goto(f"{base}/influence/")
    check_accessibility(page, "influence-list-empty")
    page.get_by_role("link", name="Make a recommendation").click()
    page.get_by_role("link", name=project.name).click()
    page.get_by_text("Start from one of the report's findings").click()
    page.get_by_role("link", name=FINDING).click()
    expect(page.get_by_label("Text")).to_have_value(FINDING)
    check_accessibility(page, "influence-form")
    page.get_by_label("Title").fill("Book an interpreter with every GP appointment")
    page.get_by_label("Addressed to").select_option(label="Two Boroughs ICB")
    page.get_by_label("Name of the person it goes to").fill("Dr Ayo Bello")
    page.get_by_label("Their e-mail address").fill("ayo@icb.example.org")
    page.get_by_role("button", name="Save as a draft").click()
    expect(page.get_by_text("Recommendation saved as a draft.")).to_be_visible()
    page.get_by_role("button", name="Send it").click()
    expect(page.get_by_text("A response is due by")).to_be_visible()
    check_accessibility(page, "influence-recommendation-sent")

    link = next(line for line in mail.outbox[-1].body.splitlines() if "/respond/" in line).strip()
    assert mail.outbox[-1].to == ["ayo@icb.example.org"]
    page.context.clear_cookies()  # the commissioner has no account
    page.goto(link)
    check_accessibility(page, "influence-respond")
    page.get_by_label("Partly accept").check()
    page.get_by_label("Your reasons").fill("Telephone interpreting this year; face to face next year.")
    page.get_by_label("Action 1: what you will do").fill("Fund telephone interpreting in every practice")
    page.get_by_label("Action 1: who will do it").fill("Head of Primary Care")
    page.get_by_label("Action 1: by when").fill("2027-03-31")
    page.get_by_role("button", name="Send your response").click()
    expect(page.get_by_text("Thank you: your response is recorded.")).to_be_visible()
    check_accessibility(page, "influence-respond-answered")
    page.get_by_label("Evidence of change").check()
    page.get_by_label("What has happened").fill("Every practice now has telephone interpreting.")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_text("Thank you: what you told us is recorded.")).to_be_visible()

    rec = Recommendation.objects.get()
    assert rec.status == "changed"
    sign_in(page, base, "tom", PASSWORD)
    page.goto(f"{base}{rec.get_absolute_url()}")
    expect(page.get_by_text("Changed (evidenced)").first).to_be_visible()
    expect(page.get_by_text("Every practice now has telephone interpreting.").first).to_be_visible()
    check_accessibility(page, "influence-recommendation-changed")
    page.goto(f"{base}/influence/board-pack/")
    check_accessibility(page, "influence-board-pack")
