"""A chart's words as runs a drawing library can shape: which words need shaping, the order their pieces go in
(the Unicode bidirectional algorithm for one left-to-right line) and the shipped font each piece is drawn in.

WeasyPrint lays an SVG <text> out one character at a time, so Arabic, Urdu and Farsi come out in the wrong order
and unjoined, and Bengali loses its joined letters; `needs_shaping` says which words the PDF lays out as HTML text
instead (`printchart`). Pillow shapes a piece with libraqm but draws it in one font, so a label mixing Latin
letters with Arabic or Bengali is cut into runs of one font and one direction, drawn in visual order
(`rasterchart`). A chart's lines are always left to right (its <svg> says direction="ltr", as on the page).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

from heard.lib.documents import fonts

# Scripts whose letters change shape or order when joined: Hebrew, Arabic, Syriac, Thaana, N'Ko, the Indic
# scripts (Devanagari to Sinhala, Bengali among them), Thai, Lao, Tibetan, Myanmar, Khmer, and the Arabic and
# Hebrew presentation forms.
COMPLEX = [
    (0x0590, 0x08FF),
    (0x0900, 0x0DFF),
    (0x0E00, 0x0FFF),
    (0x1000, 0x109F),
    (0x1780, 0x17FF),
    (0xFB1D, 0xFDFF),
    (0xFE70, 0xFEFF),
]
JOINERS = {"\u200c", "\u200d"}
NEUTRAL = {"B", "S", "WS", "ON", "BN", "LRI", "RLI", "FSI", "PDI", "LRE", "RLE", "LRO", "RLO", "PDF"}


def needs_shaping(words: str) -> bool:
    """Whether drawing `words` a character at a time would garble them: a right-to-left letter, a letter of a
    script that joins, a combining mark (Yoruba's ọ̀) or a joiner."""
    for char in words:
        code = ord(char)
        if code < 0x0300:
            continue
        if any(low <= code <= high for low, high in COMPLEX) or char in JOINERS or unicodedata.combining(char):
            return True
        if unicodedata.bidirectional(char) in ("R", "AL", "AN"):
            return True
    return False


def levels(text: str) -> list[int]:
    """Each character's embedding level in a left-to-right line (0 left to right, 1 right to left, 2 numbers
    inside right-to-left words): the Unicode bidirectional algorithm's weak, neutral and implicit rules, with no
    explicit embeddings (a chart's labels have none)."""
    kinds = [unicodedata.bidirectional(char) or "L" for char in text]
    for i, kind in enumerate(kinds):  # W1: a mark takes the kind of the character it sits on
        if kind == "NSM":
            kinds[i] = kinds[i - 1] if i else "L"
    strong = "L"
    for i, kind in enumerate(kinds):  # W2, W3: digits after Arabic letters are Arabic numbers; AL is R
        if kind in ("L", "R", "AL"):
            strong = kind
        if kind == "EN" and strong == "AL":
            kinds[i] = "AN"
        if kind == "AL":
            kinds[i] = "R"
    for i in range(1, len(kinds) - 1):  # W4: one separator between two numbers of a kind joins them
        before, after = kinds[i - 1], kinds[i + 1]
        joins = {"ES": ("EN",), "CS": ("EN", "AN")}.get(kinds[i], ())
        if before == after and before in joins:
            kinds[i] = before
    for i, kind in enumerate(kinds):  # W5: currency and percent signs beside a number are part of it
        if kind == "ET" and _beside(kinds, i, "ET", "EN"):
            kinds[i] = "EN"
    kinds = ["ON" if kind in ("ES", "ET", "CS") else kind for kind in kinds]  # W6
    strong = "L"
    for i, kind in enumerate(kinds):  # W7: numbers among left-to-right words are left to right
        if kind in ("L", "R"):
            strong = kind
        if kind == "EN" and strong == "L":
            kinds[i] = "L"
    direction = ["R" if kind in ("R", "EN", "AN") else "L" if kind == "L" else "" for kind in kinds]
    _brackets(text, direction)
    i = 0
    while i < len(kinds):  # N1, N2: neutrals between two of a direction take it; else the line's, left to right
        if direction[i]:
            i += 1
            continue
        end = i
        while end < len(kinds) and not direction[end]:
            end += 1
        before = direction[i - 1] if i else "L"
        after = direction[end] if end < len(kinds) else "L"
        for k in range(i, end):
            direction[k] = before if before == after else "L"
        i = end
    out = []
    for kind, way in zip(kinds, direction, strict=True):  # I1
        out.append(2 if kind in ("EN", "AN") else 1 if way == "R" else 0)
    return out


BRACKETS = {"(": ")", "[": "]", "{": "}"}


def _brackets(text: str, direction: list[str]) -> None:
    """N0: a pair of brackets takes the direction of the words inside it: left to right if any are, else right
    to left when there are right-to-left words inside and before it (so "(12%)" after Arabic stays with it)."""
    stack: list[tuple[str, int]] = []
    pairs: list[tuple[int, int]] = []
    for i, char in enumerate(text):
        if char in BRACKETS:
            stack.append((BRACKETS[char], i))
        elif char in BRACKETS.values():
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == char:
                    pairs.append((stack[depth][1], i))
                    del stack[depth:]
                    break
    for start, end in sorted(pairs):
        inside = set(direction[start + 1 : end])
        if "L" in inside:
            way = "L"
        elif "R" in inside:
            way = next((d for d in reversed(direction[:start]) if d), "L")
        else:
            continue
        direction[start] = direction[end] = way


def _beside(kinds: list[str], i: int, run: str, target: str) -> bool:
    """Whether a run of `run` kinds through i touches a `target` kind at either end."""
    left = i
    while left > 0 and kinds[left - 1] == run:
        left -= 1
    right = i
    while right < len(kinds) - 1 and kinds[right + 1] == run:
        right += 1
    return (left > 0 and kinds[left - 1] == target) or (right < len(kinds) - 1 and kinds[right + 1] == target)


@dataclass(frozen=True)
class Run:
    text: str  # in logical order: the shaper orders it
    font: str  # a shipped font file (fonts.PRINT_FACES)
    rtl: bool


@cache
def _cmap(file: str) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(fonts._ttf(file), lazy=True).getBestCmap())


def latin_font(bold: bool) -> str:
    return "noto-sans-700.woff2" if bold else "noto-sans-400.woff2"


@cache
def _script_faces(bold: bool) -> list[tuple[list[tuple[int, int]], str]]:
    """Each other script's ranges and its font file in this weight (or in its only weight: Chinese)."""
    weight = 700 if bold else 400
    out: list[tuple[list[tuple[int, int]], str]] = []
    seen: set[str] = set()
    for face in fonts.PRINT_FACES:
        if not face.unicode_range or face.family in seen:
            continue
        seen.add(face.family)
        same = [f for f in fonts.PRINT_FACES if f.family == face.family and f.weight == weight]
        out.append((fonts.parse_range(face.unicode_range), (same[0] if same else face).file))
    return out


def font_of(char: str, before: str, bold: bool) -> str:
    """The shipped font a character is drawn in: its script's font, else (spaces, digits, punctuation) the
    font of the character before it when that font has it, else Noto Sans."""
    code = ord(char)
    for spans, file in _script_faces(bold):
        if any(low <= code <= high for low, high in spans):
            return file
    if before and code in _cmap(before):
        return before
    return latin_font(bold)


def visual_runs(text: str, *, bold: bool = False) -> list[Run]:
    """`text` cut into runs of one font and one direction, in the order they are drawn from left to right."""
    if not text:
        return []
    marks = levels(text)
    runs: list[tuple[int, str, str]] = []  # level, font, text
    font = ""
    for char, level in zip(text, marks, strict=True):
        if unicodedata.combining(char) and runs:  # a mark stays with its letter, in its letter's font
            runs[-1] = (runs[-1][0], runs[-1][1], runs[-1][2] + char)
            continue
        font = font_of(char, font, bold)
        if runs and runs[-1][0] == level and runs[-1][1] == font:
            runs[-1] = (level, font, runs[-1][2] + char)
        else:
            runs.append((level, font, char))
    for depth in range(max(marks), 0, -1):  # L2: reverse each stretch at this level or deeper
        i = 0
        while i < len(runs):
            if runs[i][0] < depth:
                i += 1
                continue
            end = i
            while end < len(runs) and runs[end][0] >= depth:
                end += 1
            runs[i:end] = runs[i:end][::-1]
            i = end
    return [Run(words, file, level % 2 == 1) for level, file, words in runs]
