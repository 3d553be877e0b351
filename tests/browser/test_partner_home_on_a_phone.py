"""A partner's first page on a 390 x 844 phone: what to do next in each project, with its three buttons stacked
and reachable, no sideways scrolling, axe clean."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from playwright.sync_api import expect

from heard.accounts.models import Role
from heard.core.testing import PASSWORD, make_organisation, make_project, make_user
from heard.funding.models import PartnershipTask, TaskKind
from tests.browser.support import check_accessibility, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def partner_member(transactional_db: Any) -> None:
    partner = make_organisation(name="Somali Women's Wellbeing Circle", slug="somali-circle")
    project = make_project(name="GP access for Somali-speaking residents", slug="gp-access", partners=[partner])
    PartnershipTask.objects.create(
        project=project,
        title="Hear from residents: Somali Women's Wellbeing Circle",
        kind=TaskKind.ENGAGEMENT,
        owner_organisation=partner,
        due_on=datetime.date(2099, 6, 30),
    )
    make_user(role=Role.PARTNER_MEMBER, organisation=partner, username="amina", first_name="Amina")


def test_a_partners_first_page_says_what_to_do_next_on_a_phone(
    browser: Any, live_server: Any, partner_member: None
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-GB", is_mobile=True)
    page = context.new_page()
    sign_in(page, live_server.url, "amina", PASSWORD)
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", name="What to do next")).to_be_visible()
    expect(page.get_by_text("Next return due 30 June 2099")).to_be_visible()
    for name in ("Add a story", "Upload a return", "Share the residents' form link"):
        button = page.get_by_role("button", name=name).or_(page.get_by_role("link", name=name))
        expect(button.first).to_be_visible()
        box = button.first.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    check_accessibility(page, "partner-home-phone")
    page.get_by_role("link", name="Upload a return").or_(
        page.get_by_role("button", name="Upload a return")
    ).first.click()
    expect(page.get_by_role("heading", name="Returns")).to_be_visible()
    context.close()
