"""Host staff award a partner its allocation, record the advance, accept its delivery and release the holdback,
in the browser; every page on the way passes axe."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from heard.accounts.models import Role
from heard.core.testing import PASSWORD, make_organisation, make_project, make_user
from heard.funding.models import Allocation, PaymentKind
from heard.returns.models import ReturnUpload, UploadStatus
from tests.browser.support import check_accessibility, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def project(transactional_db):
    circle = make_organisation(name="Somali Women's Wellbeing Circle", slug="circle")
    project = make_project(slug="voices", name="Community voices", partners=[circle, make_organisation(name="Elders")])
    ReturnUpload.objects.create(
        project=project, partner=circle, file_name="circle-return.xlsx", status=UploadStatus.IMPORTED, rows_total=240
    )
    make_user(role=Role.HOST_STAFF, username="tom")
    return project


def test_staff_pay_a_partner_in_advance_and_release_its_holdback(page, live_server, project):
    base = live_server.url
    sign_in(page, base, "tom", PASSWORD)
    page.goto(f"{base}/projects/voices/")
    page.get_by_role("link", name="Funding and payments").click()
    expect(page.get_by_role("heading", name="Funding and payments")).to_be_visible()
    check_accessibility(page, "funding")

    page.get_by_role("link", name="Award an allocation").click()
    check_accessibility(page, "award")
    page.get_by_label("Partner").select_option(label="Somali Women's Wellbeing Circle")
    page.get_by_label("Allocation (£)").fill("9,300")
    page.get_by_label("Advance due on").fill("2026-02-01")
    page.get_by_label("Payments in advance").fill("2")
    page.get_by_role("button", name="Award the allocation").click()
    expect(page.get_by_role("heading", name=re.compile("Somali Women's Wellbeing Circle: £9,300.00"))).to_be_visible()
    check_accessibility(page, "allocation")

    page.get_by_role("button", name=re.compile("Record payment of the advance")).click()
    expect(page.locator("table").first).to_contain_text("Paid")
    expect(page.get_by_text("circle-return.xlsx")).to_be_visible()
    page.get_by_role("button", name="Accept delivery and release the holdback").click()
    expect(page.get_by_text("the holdback is released").first).to_be_visible()
    check_accessibility(page, "allocation-released")

    allocation = Allocation.objects.get(organisation__slug="circle")
    lines = {p.kind: (str(p.amount), p.status) for p in allocation.payments.all() if p.kind != "instalment"}
    assert lines == {PaymentKind.ADVANCE: ("4185.00", "paid"), PaymentKind.HOLDBACK: ("930.00", "released")}
    page.goto(f"{base}/funding/funders/")
    check_accessibility(page, "funders")
