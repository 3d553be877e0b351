"""A partner downloads their Excel template, fills it, uploads it, fixes the problem Heard reports, and sees the
residents' rows on the project."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import expect

from heard.core.testing import PASSWORD
from heard.engagement.models import Experience
from heard.returns.tests.builders import GOOD_ROW, make_world
from tests.browser.support import check_accessibility, sign_in


@pytest.fixture
def world(transactional_db):
    world = make_world()
    world.partner_user.username = "amina"
    world.partner_user.save()
    return world


def _fill(path: Path, rows: list[dict[str, object]]) -> None:
    """Fills the downloaded template as a partner would, by the codes in its header cells."""
    book = openpyxl.load_workbook(path)
    sheet = book["Residents"]
    columns = {str(c.value)[str(c.value).rindex("[") + 1 : -1]: c.column for c in sheet[1] if c.value}
    for offset, row in enumerate(rows):
        for code, value in row.items():
            sheet.cell(row=2 + offset, column=columns[code], value=value)
    book["Activity"].append(["Coffee morning", "Event", "01/03/2026", "Somali", 12, "Somali-speaking residents"])
    book.save(path)


def test_a_partner_sends_a_return_and_fixes_a_mistake(page, live_server, world, tmp_path):
    base = live_server.url
    sign_in(page, base, "amina", PASSWORD)
    page.goto(f"{base}/returns/{world.project.slug}/")
    check_accessibility(page, "returns")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the template for Somali Welfare Trust").click()
    template = tmp_path / "our-return.xlsx"
    download.value.save_as(template)

    _fill(template, [GOOD_ROW, {**GOOD_ROW, "age_band": "34"}])
    page.get_by_label("Upload the return").set_input_files(str(template))
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator("body")).to_contain_text("'34' is not one of the choices")
    check_accessibility(page, "return-problems")
    assert not Experience.objects.exists()

    _fill(template, [GOOD_ROW, {**GOOD_ROW, "age_band": "25-34"}])
    page.goto(f"{base}/returns/{world.project.slug}/")
    page.get_by_label("Upload the return").set_input_files(str(template))
    page.get_by_role("button", name="Check the file").click()
    page.get_by_role("button", name="Confirm and save").click()
    expect(page.locator("body")).to_contain_text("Saved")
    assert Experience.objects.filter(partner=world.partner).count() == 2

    page.goto(f"{base}/projects/{world.project.slug}/records/")
    expect(page.locator("table")).to_contain_text("Somali Welfare Trust")
    expect(page.locator(".govuk-body").filter(has_text="records")).to_contain_text("2 records")
