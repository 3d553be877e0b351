"""At 390 CSS pixels a chart shrinks to the screen (its SVG's viewBox scaled by CSS, no fixed pixel width): no
chart is wider than its box and no chart's box scrolls sideways; the reach map shows partners' and wards' names
on the map itself."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from heard.core.testing import PASSWORD
from tests.browser.support import sign_in
from tests.browser.test_analysis_pages_show_charts import partnership  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PHONE = {"width": 390, "height": 844}

# For each chart on the page: how wide its drawing is, how wide its box, and how far its box scrolls sideways.
MEASURE = """() => [...document.querySelectorAll('figure.doc-chart svg')].map(svg => {
  const box = svg.closest('.heard-chart') || svg.parentElement;
  return {drawn: svg.getBoundingClientRect().width, box: box.clientWidth, scrolls: box.scrollWidth - box.clientWidth};
})"""


@pytest.mark.parametrize(
    "path", ["/place/missing/?project=voices", "/analysis/projects/voices/themes/", "/projects/voices/"]
)
def test_no_chart_scrolls_sideways_on_a_phone(browser: Any, live_server: Any, partnership: None, path: str) -> None:  # noqa: F811
    context = browser.new_context(viewport=PHONE, locale="en-GB", is_mobile=True)
    page = context.new_page()
    sign_in(page, live_server.url, "tom", PASSWORD)
    page.goto(live_server.url + path)
    expect(page.locator("figure.doc-chart svg").first).to_be_visible()
    charts = page.evaluate(MEASURE)
    assert charts
    for chart in charts:
        assert chart["drawn"] <= chart["box"] + 1 and chart["drawn"] <= PHONE["width"], (path, chart)
        assert chart["scrolls"] <= 1, (path, chart)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()


def test_the_map_names_partners_and_wards_on_the_map_on_a_phone(
    browser: Any,
    live_server: Any,
    partnership: None,  # noqa: F811
) -> None:
    context = browser.new_context(viewport=PHONE, locale="en-GB", is_mobile=True)
    page = context.new_page()
    sign_in(page, live_server.url, "tom", PASSWORD)
    page.goto(live_server.url + "/place/map/?project=voices")
    names = page.locator("figure.heard-map text.heard-map__name")
    expect(names.filter(has_text="Estate Access Collective")).to_be_visible()
    expect(names.filter(has_text="Somali Women's Wellbeing Circle")).to_be_visible()
    assert page.locator("figure.heard-map text.heard-map__ward").count() >= 15
    # Readable on the phone: the map is drawn smaller, its names are not (at least 10 CSS pixels high).
    height = page.evaluate("() => document.querySelector('text.heard-map__name').getBoundingClientRect().height")
    assert height >= 10
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()
