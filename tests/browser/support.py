"""Helpers for browser tests: axe checks with a screenshot, and signing in."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

AXE = Path(__file__).with_name("axe.min.js")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def check_accessibility(page: Any, name: str) -> None:
    """Runs axe-core (WCAG 2.0-2.2 A and AA rules) on the page; saves a screenshot either way."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    # Evaluated through the DevTools protocol: a <script> tag with axe inline would break the page's CSP.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"
    )
    violations = [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]
    ]
    assert violations == [], f"{name}: " + json.dumps(violations, indent=1)


def sign_in(page: Any, base_url: str, username: str, password: str) -> None:
    page.goto(base_url + "/accounts/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
