"""Fonts: every character of every offered language (the translation catalogues themselves, and samples in each
script) has a glyph in the Heard font that the CSS gives it, in print and on pages, so nothing shows as empty
boxes; and the pages' fonts.css is the one the code generates."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from heard.lib.documents import examples, fonts

HEARD = Path(fonts.__file__).resolve().parents[2]


@cache
def cmap(file: str) -> frozenset[int]:
    return frozenset(TTFont(fonts.FONT_DIR / file).getBestCmap())


def missing(text: str, faces: list[fonts.Face], families: list[str]) -> set[str]:
    """Characters no face draws, taking faces as a browser or WeasyPrint does: by family order, then by
    unicode-range, then by whether the font has the glyph."""
    out = set()
    for char in set(text):
        if unicodedata.category(char) in {"Cc", "Zl", "Zp"} or char in "\u200c\u200d\u200e\u200f\ufeff":
            continue
        if not any(
            face.family == family and fonts.needed(face, char) and ord(char) in cmap(face.file)
            for family in families
            for face in faces
        ):
            out.add(f"{char} U+{ord(char):04X}")
    return out


def catalogue_text(language_dir: Path) -> str:
    po = (language_dir / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    strings = re.findall(r'^(?:msgstr(?:\[\d\])?\s+)?"(.*)"\s*$', po, re.M)
    return "".join(strings).replace("\\n", "\n").replace('\\"', '"')


CATALOGUES = sorted(p for p in (HEARD / "locale").iterdir() if (p / "LC_MESSAGES" / "django.po").exists())


@pytest.mark.parametrize("language", CATALOGUES, ids=lambda p: p.name)
def test_every_character_of_a_translation_has_a_shipped_glyph_in_print_and_on_pages(language: Path) -> None:
    text = catalogue_text(language)
    assert missing(text, fonts.PRINT_FACES, fonts.FAMILIES) == set()
    assert missing(text, fonts.WEB_FACES, ["Noto Sans"]) == set()


def test_samples_in_every_script_have_a_shipped_glyph() -> None:
    text = examples.many_scripts_document().plain_text()
    for script in ("ডাক্তার", "ሓኪም", "我需要", "ترجمان", "ọ̀dọ̀", "ɔkyerɛ", "hewceyê"):
        assert script in text
    assert missing(text, fonts.PRINT_FACES, fonts.FAMILIES) == set()
    assert missing(text, fonts.WEB_FACES, ["Noto Sans"]) == set()


def test_the_check_finds_a_character_no_font_has() -> None:
    assert missing("Ꭰ", fonts.PRINT_FACES, fonts.FAMILIES) == {"Ꭰ U+13A0"}  # Cherokee: not shipped


def test_a_pdf_lists_only_the_fonts_its_words_need() -> None:
    english = {face.file for face in fonts.print_faces("Hello")}
    assert english == {"noto-sans-400.woff2", "noto-sans-700.woff2"}
    both = {face.file for face in fonts.print_faces("Hello مرحبا 你好")}
    assert {"noto-sans-arabic-400.woff2", "noto-sans-sc-400.woff2"} < both
    assert not any("bengali" in file or "ethiopic" in file for file in both)


def test_the_pages_fonts_css_is_the_generated_one() -> None:
    assert (HEARD / "static" / "heard" / "fonts.css").read_text(encoding="utf-8") == fonts.web_css()


def test_every_shipped_font_file_is_listed_and_licensed() -> None:
    listed = {face.file for face in [*fonts.PRINT_FACES, *fonts.WEB_FACES]}
    shipped = {path.name for path in fonts.FONT_DIR.glob("*.woff2")}
    assert shipped == listed
    readme = (fonts.FONT_DIR / "README.md").read_text(encoding="utf-8")
    assert "SIL Open Font License" in (fonts.FONT_DIR / "LICENSE-OFL.txt").read_text(encoding="utf-8")
    for file in shipped:
        assert file in readme


def test_the_base_templates_load_the_fonts() -> None:
    for template in ("templates/base.html", "engagement/templates/engagement/public_base.html"):
        assert "heard/fonts.css" in (HEARD / template).read_text(encoding="utf-8")
