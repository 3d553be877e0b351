"""Word's chart pictures (drawn by Pillow) shape Arabic and Bengali, and a label mixing English with Arabic or
Bengali is drawn in pieces, each in a shipped font that has its letters (no empty boxes), in the order a browser
shows them."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
from fontTools.ttLib import TTFont
from PIL import ImageDraw, ImageFont, features

from heard.lib.documents import fonts, rasterchart, svgchart, textruns
from heard.lib.documents.model import ChartSpec, Series

MIXED = [
    "Somali community عربي 2026 (12%)",
    "Bengali: স্বাস্থ্যসেবা",
    "Urdu: اردو",
    "Yoruba: ọ̀dọ̀",
    "Chinese: 医疗服务",
    "العربية: الطبيب",
]


@cache
def cmap(path: str) -> frozenset[int]:
    return frozenset(TTFont(path, lazy=True).getBestCmap())


def drawn_words(monkeypatch: pytest.MonkeyPatch, spec: ChartSpec) -> list[tuple[str, str, float, Any]]:
    """Each piece of words Pillow draws for the chart: the words, the font file, x, and the direction."""
    calls: list[tuple[str, str, float, Any]] = []
    original = ImageDraw.ImageDraw.text

    def spy(self: ImageDraw.ImageDraw, xy: Any, text: Any, *args: Any, **kwargs: Any) -> None:
        font = kwargs.get("font")
        calls.append((text, str(getattr(font, "path", "")), xy[0], kwargs.get("direction")))
        original(self, xy, text, *args, **kwargs)

    monkeypatch.setattr(ImageDraw.ImageDraw, "text", spy)
    canvas, height = svgchart.layout(spec)
    rasterchart.render(canvas, svgchart.WIDTH, height, 100)
    return calls


def spec() -> ChartSpec:
    return ChartSpec("bar", "Languages", MIXED, [Series("Residents", [float(n + 3) for n in range(len(MIXED))])], "x")


def test_every_letter_of_a_mixed_label_is_drawn_in_a_font_that_has_it(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = drawn_words(monkeypatch, spec())
    for words, font, _, _ in calls:
        missing = {char for char in words if not char.isspace() and ord(char) not in cmap(font)}
        assert not missing, (words, Path(font).name, missing)
    pieces = "".join(words for words, *_ in calls)
    for char in "".join(MIXED):
        assert char in pieces


def test_a_mixed_label_is_drawn_in_pieces_from_left_to_right(monkeypatch: pytest.MonkeyPatch) -> None:
    one = ChartSpec("bar", "Languages", ["Somali community عربي"], [Series("Residents", [5.0])], "x")
    calls = [call for call in drawn_words(monkeypatch, one) if call[0] in ("Somali community ", "عربي")]
    assert [(words, direction) for words, _, _, direction in calls] == [
        ("Somali community ", "ltr"),
        ("عربي", "rtl"),
    ]
    assert calls[0][2] < calls[1][2]


def visual(text: str) -> str:
    """The runs' letters as they sit from left to right (right-to-left runs turned round, brackets mirrored)."""
    mirror = str.maketrans("()[]", ")(][")
    return "".join(run.text[::-1].translate(mirror) if run.rtl else run.text for run in textruns.visual_runs(text))


@pytest.mark.parametrize(
    ("words", "shown"),
    [
        ("Somali community عربي 2026 (12%)", "Somali community (%12) 2026 يبرع"),
        ("العربية: الطبيب", "بيبطلا :ةيبرعلا"),
        ("abc (عربي) def", "abc (يبرع) def"),
        ("عربي (abc) عربي", "يبرع (abc) يبرع"),
        ("Bengali: ডাক্তার", "Bengali: ডাক্তার"),
    ],
)
def test_the_pieces_go_in_the_order_a_browser_shows_them(words: str, shown: str) -> None:
    assert visual(words) == shown


def test_pillow_shapes_arabic_and_bengali_here() -> None:
    assert features.check("raqm"), "Pillow without libraqm draws Arabic backwards and Bengali unjoined in Word"
    file = str(fonts._ttf("noto-sans-bengali-400.woff2"))
    basic = ImageFont.truetype(file, 100, layout_engine=ImageFont.Layout.BASIC)
    shaped = rasterchart._font("noto-sans-bengali-400.woff2", 100)
    assert shaped.getlength("ক্ষমা") < basic.getlength("ক্ষমা")  # the joined letter is one narrower glyph


def test_only_words_a_character_at_a_time_would_garble_need_shaping() -> None:
    for words in ("العربية", "اردو", "ডাক্তার", "ọ̀dọ̀", "Somali عربي"):
        assert textruns.needs_shaping(words), words
    for words in ("English", "Ωμέγα Щука", "医疗服务", "ጥዕና", "1,234 (some not shown): 99%"):
        assert not textruns.needs_shaping(words), words
