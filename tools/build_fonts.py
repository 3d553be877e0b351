"""Build the Noto fonts Heard ships for print (PDF, charts) and for the non-Latin scripts on pages.

Run once by hand when the fonts change (not at run time, not in tests):

    apt-get download fonts-noto-core fonts-noto-cjk
    dpkg-deb -x fonts-noto-core_*.deb deb && dpkg-deb -x fonts-noto-cjk_*.deb deb
    uv run python tools/build_fonts.py deb/usr/share/fonts heard/static/vendor/fonts

Latin (with Greek, Cyrillic and every combining accent), Arabic, Bengali and Ethiopic are the whole Debian
fonts-noto-core 20201225 fonts, only recompressed as WOFF2. Simplified Chinese is Noto Sans CJK SC from
fonts-noto-cjk 20220127, cut down to the 6,763 characters of GB 2312 (everyday Simplified Chinese) plus
punctuation, ASCII and full-width forms, in regular weight only (bold is drawn from it) to keep it to 2.5 MB.
All are under the SIL Open Font Licence 1.1 (LICENSE-OFL.txt).
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

FULL = {
    "noto-sans-400.woff2": "truetype/noto/NotoSans-Regular.ttf",
    "noto-sans-700.woff2": "truetype/noto/NotoSans-Bold.ttf",
    "noto-sans-arabic-400.woff2": "truetype/noto/NotoSansArabic-Regular.ttf",
    "noto-sans-arabic-700.woff2": "truetype/noto/NotoSansArabic-Bold.ttf",
    "noto-sans-bengali-400.woff2": "truetype/noto/NotoSansBengali-Regular.ttf",
    "noto-sans-bengali-700.woff2": "truetype/noto/NotoSansBengali-Bold.ttf",
    "noto-sans-ethiopic-400.woff2": "truetype/noto/NotoSansEthiopic-Regular.ttf",
    "noto-sans-ethiopic-700.woff2": "truetype/noto/NotoSansEthiopic-Bold.ttf",
}
CJK = {
    "noto-sans-sc-400.woff2": "opentype/noto/NotoSansCJK-Regular.ttc",
}


def gb2312() -> str:
    """Every character GB 2312 encodes (its 6,763 hanzi and its punctuation and symbols)."""
    chars = []
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.append(bytes([high, low]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return "".join(chars)


def main(source: Path, target: Path) -> None:
    for name, path in FULL.items():
        font = TTFont(source / path)
        font.flavor = "woff2"
        font.save(target / name)
        print(name, (target / name).stat().st_size)
    text = gb2312() + "".join(chr(c) for c in range(0x20, 0x7F)) + "".join(chr(c) for c in range(0x3000, 0x3040))
    text += "".join(chr(c) for c in range(0xFF01, 0xFF5F))
    for name, path in CJK.items():
        collection = TTCollection(source / path)
        font = next(f for f in collection.fonts if f["name"].getDebugName(1) == "Noto Sans CJK SC")
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.notdef_outline = True
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=text)
        subsetter.subset(font)
        # The family name in the file, so WeasyPrint and the chart drawing (Pillow) both find it as "Noto Sans SC".
        for record in font["name"].names:
            if record.nameID in (1, 16):
                record.string = "Noto Sans SC"
        font.flavor = "woff2"
        font.save(target / name)
        print(name, (target / name).stat().st_size)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
