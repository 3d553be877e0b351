"""Reading a page as a reader would, to check what its protected counts give away (tests and bench/disclosure.py).

Each figure becomes what the reader knows of it: "0" is 0; "<5" is 1 to 4 (0 to 4 in a row whose total is "<5"
on a page with rounded counts, where such rows show every part as "<5"); "[c]" is 5 or more; a number is exact,
or within 2 of itself when the page says counts are rounded to the nearest 5. Each table row and each breakdown
that adds up to a shown total becomes a line; :func:`heard.lib.disclosure.recoverable_from_bounds` then finds the
hidden cells that subtraction pins down.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass, field

from heard.lib.disclosure import (
    INFINITY,
    ROUNDING_BASE,
    SMALL_TEXT,
    WITHHELD_TEXT,
    Bounds,
    Line,
    consistent,
    recoverable_from_bounds,
)
from heard.lib.numbers import SUPPRESSION_THRESHOLD

ROUNDED_NOTE = "rounded to the nearest 5"


@dataclass
class Audit:
    """Hidden cells on a page and those a reader can work out exactly."""

    bounds: list[Bounds] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    hidden: list[int] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)

    def add(self, text: str, *, rounded: bool, small_total: bool = False, label: str = "") -> int:
        self.bounds.append(read_figure(text, rounded=rounded, small_total=small_total))
        self.labels.append(label)
        if text.strip() in (SMALL_TEXT, WITHHELD_TEXT):
            self.hidden.append(len(self.bounds) - 1)
        return len(self.bounds) - 1

    def by_one_subtraction(self) -> list[int]:
        """Hidden cells alone in a line whose other figures are all shown exactly: the total minus the rest."""
        hidden = set(self.hidden)
        found = []
        for parts, total in self.lines:
            cells = [*parts, total]
            alone = [i for i in cells if i in hidden]
            if len(alone) == 1 and all(self.bounds[i][0] == self.bounds[i][1] for i in cells if i not in hidden):
                found.append(alone[0])
        return found

    def recoverable(self) -> list[int]:
        """Hidden cells pinned down; a line the shown figures contradict (it does not add up) is left out."""
        lines = list(self.lines)
        try:
            return recoverable_from_bounds(self.bounds, lines, self.hidden)
        except ValueError:
            kept: list[Line] = []
            for line in lines:
                if consistent(self.bounds, [*kept, line]):
                    kept.append(line)
            return recoverable_from_bounds(self.bounds, kept, self.hidden)


def read_figure(text: str, *, rounded: bool, small_total: bool = False) -> Bounds:
    text = text.strip()
    if text == SMALL_TEXT:
        return (0 if (rounded and small_total) else 1, SUPPRESSION_THRESHOLD - 1)
    if text == WITHHELD_TEXT:
        return (SUPPRESSION_THRESHOLD, INFINITY)
    match = re.match(r"[\d,]+", text)
    if not match:
        raise ValueError(f"Not a count: {text!r}")
    value = int(match.group().replace(",", ""))
    if rounded and value >= SUPPRESSION_THRESHOLD:
        half = ROUNDING_BASE // 2
        return (max(SUPPRESSION_THRESHOLD, value - half), value + half)
    return (value, value)


def _text(fragment: str) -> str:
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", fragment)).strip()


def tables(page: str) -> list[tuple[str, list[list[str]]]]:
    """(caption, rows of the <td> texts) for every table on the page."""
    found = []
    for table in re.findall(r"<table.*?</table>", page, flags=re.S):
        caption = re.search(r"<caption[^>]*>(.*?)</caption>", table, flags=re.S)
        body = re.search(r"<tbody[^>]*>(.*?)</tbody>", table, flags=re.S)
        rows = []
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body.group(1) if body else "", flags=re.S):
            rows.append([_text(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)])
        found.append((_text(caption.group(1)) if caption else "", rows))
    return found


def is_rounded(page: str) -> bool:
    return ROUNDED_NOTE in page


def theme_table(page: str) -> Audit:
    """The themes table: per row the people with the theme (first cell), the negative share, then one cell per
    group; the groups add up to the row's people."""
    rounded = is_rounded(page)
    audit = Audit()
    for caption, rows in tables(page):
        if "Themes" not in caption:
            continue
        for n, row in enumerate(rows):
            small_total = row[0].strip() == SMALL_TEXT
            total = audit.add(row[0], rounded=rounded, label=f"row {n + 1} total")
            parts = [
                audit.add(cell, rounded=rounded, small_total=small_total, label=f"row {n + 1} group {g + 1}")
                for g, cell in enumerate(row[2:])
            ]
            audit.lines.append((parts, total))
    return audit


def breakdowns(page: str, total_text: str, captions: list[str]) -> Audit:
    """Tables whose first column adds up to one shown total (the dashboard's by community, partner and method)."""
    rounded = is_rounded(page)
    audit = Audit()
    small_total = total_text.strip() == SMALL_TEXT
    total = audit.add(total_text, rounded=rounded, label="total")
    for caption, rows in tables(page):
        if caption not in captions:
            continue
        parts = [audit.add(row[0], rounded=rounded, small_total=small_total, label=caption) for row in rows if row]
        audit.lines.append((parts, total))
    return audit
