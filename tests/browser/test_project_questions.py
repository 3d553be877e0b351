"""Host staff change a question residents have answered: the page says it is frozen, saving makes version 2, and
the list shows it. Every page passes axe."""

from __future__ import annotations

from playwright.sync_api import expect

from heard.core.testing import PASSWORD
from heard.engagement.models import Question
from tests.browser.support import check_accessibility, sign_in


def test_staff_change_an_answered_question_and_get_a_new_version(page, live_server, partnership):
    base = live_server.url
    sign_in(page, base, "tom", PASSWORD)
    page.goto(f"{base}{partnership['project'].get_absolute_url()}")
    page.get_by_role("link", name="The project's questions").click()
    expect(page.get_by_role("heading", name="Questions", exact=True)).to_be_visible()
    check_accessibility(page, "questions")
    page.set_viewport_size({"width": 390, "height": 844})  # "Change" and "Stop asking" are big enough to tap
    check_accessibility(page, "questions-phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("link", name="Change story").click()
    expect(page.get_by_text("so it is frozen")).to_be_visible()
    check_accessibility(page, "question-form")
    page.get_by_label("Question", exact=True).fill("Tell us about the last time you saw a doctor or nurse.")
    page.get_by_role("button", name="Save question").click()
    expect(page.get_by_text("Saved as version 2")).to_be_visible()
    expect(page.get_by_text("(version 2)")).to_be_visible()
    assert Question.objects.get(is_active=True).version == 2
    page.get_by_role("link", name="Add a question").click()
    page.get_by_label("Question", exact=True).fill("Were you offered an interpreter?")
    page.get_by_label("Kind of answer").select_option("single_choice")
    page.get_by_role("button", name="Save question").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    check_accessibility(page, "question-form-errors")
    page.get_by_label("Answers to choose from").fill("Yes\nNo")
    page.get_by_role("button", name="Save question").click()
    expect(page.get_by_role("cell", name="Were you offered an interpreter? Yes · No")).to_be_visible()
