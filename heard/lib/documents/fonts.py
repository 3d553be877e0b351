"""The fonts Heard ships (heard/static/vendor/fonts, SIL Open Font Licence 1.1) and the CSS that uses them.

Every script of the languages the residents' pages are offered in has a shipped Noto font, so no page, PDF or
chart falls back to whatever the device has (or to empty boxes):

- Latin, with Greek, Cyrillic and every combining accent (Yoruba's ẹ̀, Twi's ɛ and ɔ): Noto Sans.
- Arabic script (Arabic, Farsi, Urdu): Noto Sans Arabic.
- Bengali: Noto Sans Bengali.
- Ethiopic (Tigrinya, Amharic): Noto Sans Ethiopic.
- Simplified Chinese: Noto Sans SC, cut down to the 6,763 characters of GB 2312.

Pages load small Latin subsets first (`web_css`); print (PDF) and charts use the whole fonts (`print_css`,
`rasterchart`), and a PDF only lists the fonts of the scripts its text uses, so an English report does not
load the Chinese font. `tools/build_fonts.py` says where each file came from.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parents[2] / "static" / "vendor" / "fonts"
FAMILIES = ["Noto Sans", "Noto Sans Arabic", "Noto Sans Bengali", "Noto Sans Ethiopic", "Noto Sans SC"]
CSS_STACK = ", ".join(f'"{family}"' for family in FAMILIES) + ", sans-serif"

LATIN = (
    "U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, U+2000-206F, "
    "U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD"
)
LATIN_EXT = (
    "U+0100-02BA, U+02BD-02C5, U+02C7-02CC, U+02CE-02D7, U+02DD-02FF, U+0304, U+0308, U+0329, U+1D00-1DBF, "
    "U+1E00-1E9F, U+1EF2-1EFF, U+2020, U+20A0-20AB, U+20AD-20C0, U+2113, U+2C60-2C7F, U+A720-A7FF"
)
VIETNAMESE = (
    "U+0102-0103, U+0110-0111, U+0128-0129, U+0168-0169, U+01A0-01A1, U+01AF-01B0, U+0300-0301, U+0303-0304, "
    "U+0308-0309, U+0323, U+0329, U+1EA0-1EF9, U+20AB"
)
ARABIC = "U+0600-06FF, U+0750-077F, U+0870-08FF, U+FB50-FDFF, U+FE70-FEFF"
BENGALI = "U+0980-09FF, U+0964-0965, U+25CC"
ETHIOPIC = "U+1200-139F, U+2D80-2DDF, U+AB00-AB2F"
CHINESE = "U+3000-303F, U+3400-4DBF, U+4E00-9FFF, U+FF00-FFEF"


@dataclass(frozen=True)
class Face:
    family: str
    weight: int
    file: str
    unicode_range: str


# Whole fonts: print, charts, and the non-Latin scripts on pages.
PRINT_FACES = [
    Face("Noto Sans", 400, "noto-sans-400.woff2", ""),
    Face("Noto Sans", 700, "noto-sans-700.woff2", ""),
    Face("Noto Sans Arabic", 400, "noto-sans-arabic-400.woff2", ARABIC),
    Face("Noto Sans Arabic", 700, "noto-sans-arabic-700.woff2", ARABIC),
    Face("Noto Sans Bengali", 400, "noto-sans-bengali-400.woff2", BENGALI),
    Face("Noto Sans Bengali", 700, "noto-sans-bengali-700.woff2", BENGALI),
    Face("Noto Sans Ethiopic", 400, "noto-sans-ethiopic-400.woff2", ETHIOPIC),
    Face("Noto Sans Ethiopic", 700, "noto-sans-ethiopic-700.woff2", ETHIOPIC),
    Face("Noto Sans SC", 400, "noto-sans-sc-400.woff2", CHINESE),
]

# Pages: small Latin subsets (from @fontsource/noto-sans 5.3.0) so an English page loads about 15 kB of font.
WEB_FACES = [
    *(
        Face("Noto Sans", weight, f"noto-sans-{subset}-{weight}-normal.woff2", ranges)
        for weight in (400, 700)
        for subset, ranges in (("latin", LATIN), ("latin-ext", LATIN_EXT), ("vietnamese", VIETNAMESE))
    ),
    # The other scripts join the same family by unicode-range, so GOV.UK Frontend's "Noto Sans", arial,
    # sans-serif draws Bengali, Arabic, Ethiopic and Chinese with Heard's fonts too, not the device's.
    *(Face("Noto Sans", face.weight, face.file, face.unicode_range) for face in PRINT_FACES if face.unicode_range),
    # Chinese ships in one weight: bold Chinese (headings, labels) is drawn from it, made bold by the browser.
    # Without this face a bold Chinese character matched no 700 face and fell to the device's font.
    Face("Noto Sans", 700, "noto-sans-sc-400.woff2", CHINESE),
]


def parse_range(text: str) -> list[tuple[int, int]]:
    """'U+0600-06FF, U+25CC' -> [(0x600, 0x6FF), (0x25CC, 0x25CC)]."""
    spans = []
    for part in text.split(","):
        part = part.strip().removeprefix("U+")
        if not part:
            continue
        low, _, high = part.partition("-")
        spans.append((int(low, 16), int(high or low, 16)))
    return spans


def needed(face: Face, text: str) -> bool:
    """Whether a face's unicode-range covers any character of `text` (a face with no range is always needed)."""
    if not face.unicode_range:
        return True
    spans = parse_range(face.unicode_range)
    return any(low <= ord(char) <= high for char in set(text) for low, high in spans)


def face_css(face: Face, url: str) -> str:
    ranges = f"\n  unicode-range: {face.unicode_range};" if face.unicode_range else ""
    return (
        f'@font-face {{ font-family: "{face.family}"; font-style: normal; font-weight: {face.weight}; '
        f'font-display: fallback;\n  src: url("{url}") format("woff2");{ranges} }}\n'
    )


def web_css() -> str:
    """heard/static/heard/fonts.css, for pages (a test checks the file is this)."""
    header = (
        "/* Noto fonts, SIL Open Font Licence 1.1 (vendor/fonts/LICENSE-OFL.txt; vendor/fonts/README.md says where\n"
        "   each comes from). Generated by heard.lib.documents.fonts.web_css(): do not edit by hand. */\n"
    )
    return header + "".join(face_css(face, f"../vendor/fonts/{face.file}") for face in WEB_FACES)


def print_css(text: str = "") -> str:
    """@font-face rules with file: URLs for WeasyPrint: the whole fonts, only those `text` needs, as TrueType
    (WeasyPrint unpacks WOFF2 in Python each time, about 4 s a font; the TrueType is unpacked once a machine)."""
    return "".join(
        face_css(face, _ttf(face.file).as_uri()).replace('format("woff2")', 'format("truetype")')
        for face in print_faces(text)
    )


def print_faces(text: str) -> list[Face]:
    """The whole fonts a PDF of `text` needs: Latin always, other scripts when `text` has them."""
    return [face for face in PRINT_FACES if needed(face, text)]


# Shipped fonts unpacked to TrueType for WeasyPrint and the charts' pictures (Pillow), once per machine and version.
CACHE_DIR = Path(tempfile.gettempdir()) / "heard-fonts"
SUBSET_ABOVE = 300_000  # bytes: fonts larger than this (Chinese) are cut to the characters a file uses


def embeddable(face: Face, text: str) -> bytes:
    """A face's WOFF2 to put inside a downloaded file: as shipped, or for the big Chinese font only the glyphs
    `text` uses (2.5 MB becomes a few kB)."""
    data = (FONT_DIR / face.file).read_bytes()
    if len(data) <= SUBSET_ABOVE:
        return data
    return _subset(face.file, "".join(sorted(set(text))))


@cache
def _subset(file: str, chars: str) -> bytes:
    import io

    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    font = subset.load_font(str(_ttf(file)), options)  # from TrueType: unpacking WOFF2 each time is slow
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=chars)
    subsetter.subset(font)
    buffer = io.BytesIO()
    subset.save_font(font, buffer, options)
    return buffer.getvalue()


@cache
def _ttf(file: str) -> Path:
    """A shipped WOFF2 font unpacked to TrueType (read quickly by WeasyPrint and Pillow), once per machine and
    version."""
    source = FONT_DIR / file
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:12]
    target = CACHE_DIR / f"{source.stem}-{digest}.ttf"
    if not target.exists():
        from fontTools.ttLib import TTFont

        target.parent.mkdir(parents=True, exist_ok=True)
        font = TTFont(source)
        font.flavor = None
        partial = target.with_suffix(f".{os.getpid()}.{id(font)}.part")
        font.save(partial)
        partial.replace(target)  # atomic, so two processes never read half a file
    return target
