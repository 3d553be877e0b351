"""Learn in a browser: host staff write a charter, add a member without an account, run a temperature check
(answering it as a member, the new member answering through their own link without signing in, alongside three
others), see the trend chart, link an outcome to an indicator and see its value, and add a learning entry and
publish it. Every page passes axe."""

from __future__ import annotations

import datetime
import re

from django.core import mail
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
    others = [SteeringMember.objects.create(name=f"Member {n}") for n in range(3)]
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

    page.goto(f"{base}/learn/members/")
    page.get_by_label("Name").fill("Ada Obi")
    page.get_by_label("Member for").select_option("resident")
    page.get_by_label("E-mail address").fill("ada@example.org")
    page.get_by_label("Declared interests").fill("Volunteers at the food bank")
    page.get_by_role("button", name="Add the member").click()
    expect(page.get_by_role("heading", name="Ada Obi")).to_be_visible()
    check_accessibility(page, "steering-member")

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
    mail.outbox.clear()
    page.get_by_role("button", name="Send each member their own link").click()
    (sent,) = [m for m in mail.outbox if m.to == ["ada@example.org"]]
    found = re.search(r"/temperature-check/[\w-]+/", sent.body)
    assert found
    round_page = page.url
    with page.context.browser.new_context() as visitor_context:  # not signed in
        visitor = visitor_context.new_page()
        visitor.goto(base + found.group(0))
        check_accessibility(visitor, "temperature-check-by-link")
        for name, value in SCORES.items():
            visitor.locator(f"#id_{name}_{value - 1}").check()
        visitor.get_by_role("button", name="Send my answers").click()
        expect(visitor.get_by_text("This link has been used")).to_be_visible()
    page.goto(round_page)
    page.get_by_role("button", name="Close the round").click()
    expect(page.get_by_role("cell", name="4.0").first).to_be_visible()
    check_accessibility(page, "temperature-check-results")
    page.goto(f"{base}/learn/checks/")
    expect(page.get_by_role("img", name=re.compile("heading in the right direction"))).to_be_visible()
    check_accessibility(page, "temperature-check-trend")

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


def test_the_steering_groups_own_pages_pass_axe_and_fit_a_phone(page, live_server, partnership):
    base = live_server.url
    SteeringMember.objects.create(name="Tom Reilly", user=partnership["staff"], interests="Employed by the host")
    sign_in(page, base, "tom", PASSWORD)
    page.goto(f"{base}/learn/teams/")
    page.get_by_label("Name").fill("Interpreting core team")
    page.get_by_role("button", name="Make the team").click()
    expect(page.get_by_role("heading", name="Interpreting core team")).to_be_visible()
    page.get_by_label("Member", exact=True).select_option(label="Tom Reilly")
    page.get_by_role("button", name="Add to the team").click()
    expect(page.get_by_role("cell", name="Still in it")).to_be_visible()
    check_accessibility(page, "core-team")
    for path, name in (
        ("/learn/members/", "steering-members"),
        ("/learn/teams/", "core-teams"),
        ("/learn/actions/?whose=all", "meeting-actions"),
        ("/learn/reviews/", "reviews"),
    ):
        page.goto(base + path)
        check_accessibility(page, name)
    page.set_viewport_size({"width": 390, "height": 844})
    for path in ("/learn/members/", "/learn/teams/", "/learn/actions/?whose=all", "/learn/reviews/"):
        page.goto(base + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
