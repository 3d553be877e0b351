"""On a phone (390 x 844 CSS pixels) no page any role can open is wider than the screen: wide tables scroll inside
their own labelled container, long words wrap, and the top navigation collapses behind a "Menu" button."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from heard.core.tests.matrix import ROLES, build_world, routes
from heard.core.tests.test_every_page_for_every_role import PAGES, _values

PHONE = {"width": 390, "height": 844}
# Django's own admin is not Heard's design; downloads are not pages.
SKIP_PREFIXES = ("/django-admin/",)


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=PHONE, locale="en-GB", is_mobile=True, has_touch=True)
    context.set_default_timeout(15_000)
    yield context
    context.close()


def _pages_for(role: str, world: Any) -> list[str]:
    column = ROLES.index(role)
    found = []
    for route in routes():
        row = PAGES.get(route.name)
        if not row or "get" not in row or row["get"].split()[column] != "200":
            continue
        path = route.path(_values(route, world))
        if not path.startswith(SKIP_PREFIXES):
            found.append(path)
    return found


def _wider_than_the_screen(page: Any) -> list[str]:
    """The elements that stick out past the right edge (for the failure message)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > 391 && !e.closest('[role=region], .heard-scroll'))
            .slice(0, 5).map(e => e.tagName.toLowerCase() + '.' + String(e.className).split(' ').join('.')
              + ' ' + Math.round(e.getBoundingClientRect().right) + 'px')"""
    )


@pytest.mark.parametrize("role", [r for r in ROLES if r not in ("other_partner", "outsider")])
def test_no_page_is_wider_than_a_phone_screen(role: str, phone: Any, live_server: Any, tmp_path: Any) -> None:
    world = build_world(str(tmp_path))
    user = world.users[role]
    if user is not None:
        client = Client()
        client.force_login(user)
        phone.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
    page = phone.new_page()
    page.on("pageerror", lambda error: script_errors.append(str(error)))
    script_errors: list[str] = []
    too_wide = {}
    visited = 0
    for path in _pages_for(role, world):
        try:
            response = page.goto(live_server.url + path)
        except PlaywrightError as error:  # a download (CSV, PDF, Word) is not a page
            if "Download is starting" in str(error):
                continue
            raise
        if response is None or "text/html" not in response.headers.get("content-type", ""):
            continue
        if not page.locator("meta[name=viewport]").count():
            continue  # a fragment that htmx swaps into a page (an upload's progress), not a page of its own
        visited += 1
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[path] = (width, _wider_than_the_screen(page))
    assert visited > 0
    assert script_errors == []
    assert too_wide == {}, f"{role}: pages wider than 390px: {too_wide}"


def test_the_top_navigation_folds_behind_a_menu_button_on_a_phone(phone: Any, live_server: Any, tmp_path: Any) -> None:
    world = build_world(str(tmp_path))
    client = Client()
    client.force_login(world.users["host_staff"])
    phone.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = phone.new_page()
    page.goto(live_server.url + "/projects/")
    menu = page.get_by_role("button", name="Menu")
    navigation = page.locator("#navigation")
    expect(menu).to_be_visible()
    expect(navigation).to_be_hidden()
    menu.click()
    expect(navigation).to_be_visible()
    expect(menu).to_have_attribute("aria-expanded", "true")
