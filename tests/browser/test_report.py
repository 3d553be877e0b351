"""Host staff write a section (autosaved while typing), pick three quotes and publish; the public page shows the
published words and not later draft edits; a partner reads the draft without another partner's residents' words
or where quotes came from. The draft, the publish page, the public page and the standalone HTML pass axe."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from heard.core.testing import PASSWORD
from heard.reporting.models import ChosenQuote, PublishedReport, SectionKind, SectionVersion
from heard.reporting.tests.conftest import build_world
from tests.browser.support import check_accessibility, sign_in


@pytest.fixture
def world(transactional_db: Any) -> dict[str, Any]:
    return build_world()


def test_staff_write_pick_three_quotes_and_publish_and_the_public_page_keeps_the_published_words(
    page: Any, live_server: Any, world: Any, tmp_path: Any
) -> None:
    base = live_server.url
    slug = world["project"].slug
    somali = world["report"].sections.get(kind=SectionKind.COMMUNITY, community=world["somali"])
    sign_in(page, base, world["staff"].username, PASSWORD)

    page.goto(f"{base}/report/sections/{somali.pk}/")
    page.get_by_label("What this section says").fill("Somali-speaking residents told us waiting is hardest.")
    expect(page.locator("#autosave-status")).to_contain_text("Draft saved", timeout=15_000)  # htmx autosave
    page.get_by_role("button", name="Save version").click()
    expect(page.get_by_text("Saved as version")).to_be_visible()
    check_accessibility(page, "report-section")

    page.get_by_role("link", name="Choose quotes").click()
    check_accessibility(page, "report-quote-picker")
    for chosen in range(1, 4):
        page.get_by_test_id("add-quote").first.click()
        expect(page.get_by_text("Chosen for this section.")).to_have_count(chosen)
    # The database is read only once the page says the work is done: the live server shares this connection.
    assert ChosenQuote.objects.filter(section=somali).count() == 3

    page.goto(f"{base}/report/{slug}/draft/")
    check_accessibility(page, "report-draft")
    page.goto(f"{base}/report/{slug}/publish/")
    check_accessibility(page, "report-publish")
    page.get_by_label("I have read the report below").check()
    page.get_by_test_id("publish").click()
    expect(page).to_have_url(re.compile(rf"{re.escape(base)}/reports/[^/]+/$"))
    published = PublishedReport.objects.get()
    expect(page).to_have_url(f"{base}/reports/{published.slug}/")

    page.goto(f"{base}/report/sections/{somali.pk}/")
    page.get_by_label("What this section says").fill("A later draft nobody has published.")
    page.get_by_role("button", name="Save version").click()
    expect(page.get_by_text("Saved as version")).to_be_visible()
    assert SectionVersion.objects.filter(section=somali, text__startswith="A later draft").exists()

    page.context.clear_cookies()
    page.goto(f"{base}/reports/{published.slug}/")
    main = page.locator("main")
    expect(main).to_contain_text("Somali-speaking residents told us waiting is hardest.")
    expect(main).not_to_contain_text("A later draft")
    expect(main).not_to_contain_text("Coffee morning at the mosque")
    check_accessibility(page, "report-public")
    page.set_viewport_size({"width": 390, "height": 844})  # on a phone the contents' links are big enough to tap
    check_accessibility(page, "report-public-phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    standalone = page.request.get(f"{base}/reports/{published.slug}/html/")
    assert standalone.ok
    downloaded = tmp_path / "report.html"
    downloaded.write_bytes(standalone.body())
    page.goto(downloaded.as_uri())  # the downloaded file, opened on its own (not under the site's policy)
    check_accessibility(page, "report-standalone-html")


def test_a_partner_reads_the_draft_without_another_partners_residents_words_or_provenance(
    page: Any, live_server: Any, world: Any
) -> None:
    from heard.reporting import actions

    cross = world["report"].sections.get(kind=SectionKind.CROSS_CUTTING)
    for index in (0, 6):  # one of Ours's residents, one of Theirs's
        actions.choose_quote(actor=world["staff"], section=cross, answer=world["answers"][index])
    base = live_server.url
    sign_in(page, base, world["partner"].username, PASSWORD)
    page.goto(f"{base}/report/{world['project'].slug}/draft/")
    main = page.locator("main")
    expect(main).to_contain_text("The receptionist was kind")
    expect(main).not_to_contain_text("The hospital lost my letters")
    expect(main).not_to_contain_text("Theirs Advice Centre")
    expect(main).not_to_contain_text("Coffee morning at the mosque")
    check_accessibility(page, "report-draft-partner")
