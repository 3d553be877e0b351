"""Browser tests live here; the `browser` and `page` fixtures are in the root conftest.py so that every app's
browser tests share one Chromium."""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)
