"""Learn in a browser: host staff write a charter, run a temperature check (answering it as a member, alongside
four others), link an outcome to an indicator and see its value, and add a learning entry and publish it. Every
page passes axe."""

from __future__ import annotations

import datetime

from playwright.sync_api import expect

from heard.core.testing import PASSWORD
from heard.governance import pulse_actions
from heard.governance.models import CharterVersion, PulseRound, SteeringMember
from tests.browser.support import check_accessibility, sign_in

SCORES = {"direction": 4, "value": 4, "focus": 3, "honesty": 5}


def test_staff_write_a_charter_run_a_check_measure_an_outcome_and_publish_learning(page, live_server, partnership):
    base = live_server.url
    project = partnership["project"]
    SteeringMember.objects.create(name="Tom Reilly", user=partnership["staff"])
    others = [SteeringMember.objects.create(name=f"Member {n}") for n in range(4)]
    sign_in(page, base, "tom", PASSWORD)

    page.goto(f"{base}/learn/?project={project.slug}")
    check_accessibility(page, "learn-stage")
    page.get_by_role("link", name="The charter").click()
    page.get_by_label("Purpose").fill("To make sure residents' voices shape health and care.")
    page.get_by_label("How decisions are made").fill("By consensus.")
    page.get_by_role("button", name="Save a new version").click()
    expect(page.get_by_role("heading", name="Charter version 1")).to_be_visible()
    check_accessibility(page, "charter-version")
    assert CharterVersion.objects.get().purpose.startswith("To make sure")

    page.goto(f"{base}/learn/checks/")
    today = datetime.date.today()
    page.get_by_label("Title").fill("Spring check")
    page.get_by_label("Opens on").fill(today.isoformat())
    page.get_by_label("Closes on").fill((today + datetime.timedelta(days=7)).isoformat())
    page.get_by_role("button", name="Open the round").click()
    expect(page.get_by_role("heading", name="Spring check")).to_be_visible()
    pulse_round = PulseRound.objects.get()
    for member in others:
        pulse_actions.answer_round(member=member, pulse_round=pulse_round, scores=SCORES)
    check_accessibility(page, "temperature-check-answer")
    for name, value in SCORES.items():
        page.locator(f"#id_{name}_{value - 1}").check()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("You have answered this round")).to_be_visible()
    page.get_by_role("button", name="Close the round").click()
    expect(page.get_by_role("cell", name="4.0").first).to_be_visible()
    check_accessibility(page, "temperature-check-results")

    page.goto(f"{base}/learn/change/?project={project.slug}")
    page.get_by_label("The bold challenge").fill("Residents who are seldom asked shape local services.")
    page.get_by_role("button", name="Start the theory of change").click()
    page.get_by_label("Type").select_option("outcome")
    page.get_by_label("Statement").fill("More residents heard")
    page.get_by_role("button", name="Add", exact=True).click()
    page.get_by_text("Add an indicator to").click()
    page.get_by_label("Indicator (computed from Heard's records)").select_option("residents_heard")
    page.get_by_role("button", name="Add the indicator").click()
    expect(page.locator('[data-indicator="residents_heard"]')).to_have_text("12")
    check_accessibility(page, "theory-of-change")

    page.goto(f"{base}/learn/story/?project={project.slug}")
    page.get_by_label("When").fill("2026-03-12")
    page.get_by_label("Title").fill("Evening sessions")
    page.get_by_label("What we tried").fill("Sessions after 6pm for carers.")
    page.get_by_role("button", name="Add the entry").click()
    page.get_by_role("button", name="Publish “Evening sessions”").click()
    check_accessibility(page, "story-of-change")
    page.goto(f"{base}/story-of-change/")
    expect(page.get_by_role("link", name="Evening sessions")).to_be_visible()
    check_accessibility(page, "public-story-of-change")
