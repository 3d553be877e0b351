"""How wide a chart's words are in Heard's shipped Noto fonts, from each character's advance width.

The widths (thousandths of an em, regular and bold) are read once from the shipped fonts by
`tools/build_font_widths.py` into `font-widths.json`, so drawing a chart opens no font file. A test checks the
table still matches the fonts and that a label's width is never less than Pillow measures with the font itself.
Kerning only brings letters closer, so adding up advances never makes a word narrower than it is drawn.
Characters no shipped font has (and so drawn by a fallback) count a whole em; combining accents count nothing.
"""

from __future__ import annotations

import json
import math
import unicodedata
from functools import cache
from pathlib import Path

WIDTHS_FILE = Path(__file__).resolve().parent / "font-widths.json"
# Noto Sans's part: Latin (with every accent and Vietnamese), Greek, Cyrillic, punctuation and currency signs.
LATIN_GREEK_CYRILLIC = [(0x20, 0x52F), (0x1E00, 0x1EFF), (0x2000, 0x20CF), (0x2100, 0x2199), (0x2212, 0x2215)]
UNKNOWN = 1000  # thousandths of an em: a character no shipped font draws


@cache
def _table() -> dict[str, dict[int, int]]:
    data = json.loads(WIDTHS_FILE.read_text(encoding="utf-8"))
    return {weight: {int(code): width for code, width in table.items()} for weight, table in data.items()}


def _unknown(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return UNKNOWN


def width(text: str, size: float, *, bold: bool = False) -> float:
    """`text`'s width at `size` (the same unit as `size`: SVG user units in charts), on one line."""
    table = _table()["700" if bold else "400"]
    return size * sum(table.get(ord(char)) or _unknown(char) for char in text) / 1000


def measure_fonts() -> dict[str, dict[str, int]]:
    """Every character's advance in the shipped print faces (what `font-widths.json` holds), Noto Sans first so
    it wins for the characters it shares with a script's own font (as on the page, where it is listed first)."""
    from fontTools.ttLib import TTFont

    from heard.lib.documents import fonts

    out: dict[str, dict[str, int]] = {"400": {}, "700": {}}
    for face in fonts.PRINT_FACES:
        if face.family.endswith(" SC"):
            continue  # Chinese characters are all a whole em: UNKNOWN already says so
        font = TTFont(fonts._ttf(face.file), lazy=True)
        scale = 1000 / font["head"].unitsPerEm
        metrics = font["hmtx"].metrics
        spans = fonts.parse_range(face.unicode_range) if face.unicode_range else LATIN_GREEK_CYRILLIC
        cmap = font.getBestCmap()
        table = out[str(face.weight)]
        for low, high in spans:
            for code in range(low, high + 1):
                if code in cmap and str(code) not in table:
                    table[str(code)] = math.ceil(metrics[cmap[code]][0] * scale)
    return out
