"""Full-page screenshots of pages of a running Heard (the demo), at desktop and phone width, and each page's height.

    uv run python tools/screenshots.py http://127.0.0.1:8000 staff NAME=/path/ [NAME=/path/ ...] [--suffix after]

Signs in as the user (the demo's password), saves docs/images/NAME-1280-SUFFIX.png and NAME-390-SUFFIX.png and
prints each page's document.body.scrollHeight and whether it scrolls sideways. Needs Chromium (/usr/bin/chromium).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from playwright.sync_api import sync_playwright

PASSWORD = "heard-demo-2026"  # noqa: S105 (the demo's published password)
WIDTHS = {"1280": {"width": 1280, "height": 900}, "390": {"width": 390, "height": 844}}


def _shrink(path: Path) -> None:
    """256 colours are plenty for a page of text and flat charts: a third of the bytes."""
    from PIL import Image

    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("username")
    parser.add_argument("pages", nargs="+", help="NAME=/path/")
    parser.add_argument("--suffix", default="before")
    parser.add_argument("--out", default="docs/images")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
        for width, viewport in WIDTHS.items():
            context = browser.new_context(viewport=viewport, locale="en-GB", is_mobile=width == "390")
            page = context.new_page()
            page.goto(args.base + "/accounts/sign-in/")
            page.fill("input[name=username]", args.username)
            page.fill("input[name=password]", PASSWORD)
            page.locator("form button[type=submit]").first.click()
            page.wait_for_load_state()
            for spec in args.pages:
                name, path = spec.split("=", 1)
                page.goto(args.base + path)
                page.wait_for_load_state("networkidle")
                height = page.evaluate("document.body.scrollHeight")
                wide = page.evaluate("document.documentElement.scrollWidth")
                target = out / f"{name}-{width}-{args.suffix}.png"
                page.screenshot(path=str(target), full_page=True)
                _shrink(target)
                print(f"{name} at {width}px: {height:,} px tall, {wide} px wide -> {target}")
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
