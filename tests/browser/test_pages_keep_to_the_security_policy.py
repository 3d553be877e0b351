"""Pages work under Heard's Content-Security-Policy: GOV.UK Frontend starts, htmx swaps, the QR code shows, and the
browser reports no blocked script, style or image on the pages people use most."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from heard.analysis import actions, engine
from heard.analysis.models import Code
from heard.analysis.tests.conftest import small_model
from heard.core.testing import PASSWORD
from heard.engagement import public
from heard.engagement.models import EntryLink
from tests.browser.support import sign_in

WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  const where = e.sourceFile + ":" + e.lineNumber;
  window.__violations.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + where);
});
"""


@pytest.fixture
def watched(page: Any) -> tuple[Any, list[str]]:
    problems: list[str] = []
    page.add_init_script(WATCH)
    page.on(
        "console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    return page, problems


def _check(page: Any, problems: list[str], where: str) -> None:
    page.wait_for_load_state("networkidle")
    violations = page.evaluate("window.__violations || []")
    assert violations == [] and problems == [], f"{where}: {violations} {problems}"
    assert "govuk-frontend-supported" in (page.locator("body").get_attribute("class") or ""), where


def test_staff_pages_and_the_residents_form_keep_to_the_policy(
    watched, live_server, partnership, settings, monkeypatch
):
    page, problems = watched
    base = live_server.url
    monkeypatch.setattr(engine, "national_model", small_model)
    project, partner = partnership["project"], partnership["partner"]
    actions.suggest_themes(list(project.experiences.values_list("pk", flat=True)))

    page.goto(base + "/accounts/sign-in/")
    _check(page, problems, "sign-in")
    settings.HEARD_REQUIRE_2FA = True
    sign_in(page, base, "tom", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor sign-in")
    expect(page.get_by_alt_text("QR code for your authenticator app")).to_be_visible()
    assert page.locator("img").first.evaluate("img => img.naturalWidth") > 0, "the QR code (a data: image) loads"
    _check(page, problems, "two-factor set-up")
    # Set up the app from the key on the page, as a person would.
    key = page.locator("code").first.inner_text()
    page.get_by_label("Code from your authenticator app").fill(f"{totp(base64.b32decode(key)):06d}")
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Save your recovery codes")).to_be_visible()
    _check(page, problems, "recovery codes")
    page.get_by_role("button", name="I have saved my codes, continue").click()

    page.goto(f"{base}/projects/{project.slug}/")
    expect(page.locator(".heard-stats")).to_contain_text("residents heard")
    _check(page, problems, "dashboard")

    page.goto(f"{base}/analysis/projects/{project.slug}/coding/")
    rows = page.locator(".heard-answer")
    expect(rows.first).to_be_visible()
    page.keyboard.press("j")  # coding.js
    expect(rows.first).to_be_focused()
    page.keyboard.press("y")  # accepts the first suggestion, even an unsure one: htmx swaps the row in place
    expect(rows.first.locator(".heard-decided .govuk-tag").first).to_be_visible()
    assert Code.objects.filter(applied=True).exists()
    _check(page, problems, "coding grid")

    monkeypatch.setattr(public, "MIN_SECONDS_ON_PAGE", 0)
    link = EntryLink.objects.create(project=project, partner=partner)
    resident = page.context.new_page()
    resident_problems: list[str] = []
    resident.add_init_script(WATCH)
    resident.on("console", lambda m: m.type in ("error", "warning") and resident_problems.append(m.text))
    resident.goto(base + link.get_absolute_url())
    resident.get_by_role("button").last.click()  # nothing filled in: the form asks again
    expect(resident.locator(".govuk-error-summary")).to_be_visible()
    resident.wait_for_load_state("networkidle")
    assert resident.evaluate("window.__violations || []") == [] and resident_problems == []
    assert TOTPDevice.objects.filter(user=partnership["staff"], confirmed=True).count() == 1
