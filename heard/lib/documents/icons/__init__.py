"""Pictures for Easy Read documents: simple, clear icons drawn for Heard (heard/lib/documents/icons/*.svg).

Each is a 64 x 64 SVG with a thick dark outline and at most one accent colour, and no text, so it reads the same
in any language. Pages and PDFs use the SVG inline; Word cannot show SVG, so each has a PNG drawn from the same
SVG (by WeasyPrint and pypdfium2 in `tools/build_icons.py`, run by hand when an icon changes; a test checks every
icon has one). Icons are decoration beside words that say the same thing, so they carry no text alternative.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

ICON_DIR = Path(__file__).resolve().parent
NAMES = sorted(path.stem for path in ICON_DIR.glob("*.svg"))
# A few other words people reach for, so a document builder need not know the file names.
ALIASES = {
    "talk": "people_talking",
    "talking": "people_talking",
    "people": "people_talking",
    "listen": "listening",
    "ear": "listening",
    "gp": "doctor",
    "medicine": "pill",
    "date": "calendar",
    "post": "letter",
    "email": "letter",
    "help": "question",
    "yes": "tick",
    "no": "cross",
    "speech": "language",
    "languages": "language",
    "health": "heart",
    "wellbeing": "heart",
}


def resolve(name: str) -> str:
    """The icon's file name for a name or alias; KeyError (naming the known icons) for anything else."""
    key = ALIASES.get(name, name)
    if key not in NAMES:
        raise KeyError(f"No Easy Read icon called {name!r}: use one of {', '.join(NAMES)}.")
    return key


@cache
def svg(name: str) -> str:
    """The icon as inline SVG text."""
    return (ICON_DIR / f"{resolve(name)}.svg").read_text(encoding="utf-8").strip()


@cache
def png(name: str) -> bytes:
    """The icon as a 256 x 256 PNG (for Word)."""
    return (ICON_DIR / f"{resolve(name)}.png").read_bytes()


ICONS: dict[str, str] = {name: (ICON_DIR / f"{name}.svg").read_text(encoding="utf-8").strip() for name in NAMES}
