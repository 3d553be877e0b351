"""Who is missing as pictures: for each comparison, the share of the people heard beside the share of residents,
group by group, as one chart specification (heard.lib.documents) with its table.

Figures come from `representation.as_rows` after the page's protection (`representation.suppress` for anyone but
host staff), so a chart never shows more than the table beside it: a hidden group has no bar, only "not shown".
"""

from __future__ import annotations

from typing import Any, Final

from heard.lib.disclosure import SMALL_TEXT, WITHHELD_TEXT
from heard.lib.documents.model import ChartSpec, Series, Table
from heard.lib.numbers import SUPPRESSION_THRESHOLD

from .representation import Comparison, as_rows, people_name

HEARD: Final = "Share of people heard"
RESIDENTS: Final = "Share of residents"
RATIO: Final = "Heard compared with their numbers (likely range)"
# More groups than this (wards, the 19 ethnic groups) make a chart taller than a screen: the table says it all.
MOST_BARS: Final = 12
PROTECTED_NOTE: Final = (
    f"Groups with fewer than {SUPPRESSION_THRESHOLD} people heard are not shown, to protect residents; "
    "other counts are rounded to the nearest 5."
)


# Shorter names on a chart, where the Census's long ones would squeeze the bars (the table keeps the full names).
SHORT_LABELS: Final = {
    "english_proficiency": {
        "main_language": "English is their main language",
        "very_well": "Speak English very well",
        "well": "Speak English well",
        "not_well": "Cannot speak English well",
        "cannot": "Cannot speak English",
    },
    "deprivation_quintile": {
        "1": "Most deprived 20%",
        "2": "Second most deprived 20%",
        "3": "Middle 20%",
        "4": "Second least deprived 20%",
        "5": "Least deprived 20%",
    },
    "ethnic_group_5": {
        "asian": "Asian",
        "black": "Black",
        "mixed": "Mixed or multiple",
        "white": "White",
        "other": "Other ethnic group",
    },
    "disability": {"disabled": "Disabled", "not_disabled": "Not disabled"},
}


def _percent(value: float | None) -> float | None:
    return None if value is None else round(100 * value, 1)


def _percent_text(value: float | None) -> str:
    return "–" if value is None else f"{round(100 * value)}%"


def _ratio_text(row: dict[str, Any]) -> str:
    if row["participation_ratio"] is None:
        return "–"
    return f"{row['participation_ratio']:.2f} ({row['ratio_low']:.2f} to {row['ratio_high']:.2f})"


def evenness(comparison: Comparison) -> str:
    """The representation score in plain words."""
    if comparison.score_hidden:
        return (
            "How evenly groups were heard: not shown, as a group with fewer than "
            f"{SUPPRESSION_THRESHOLD} people sets it."
        )
    if comparison.score is None:
        return "How evenly groups were heard: not known yet."
    if comparison.score == 0:
        return "How evenly groups were heard: 0 out of 1, as at least one group has nobody heard yet."
    return (
        f"How evenly groups were heard: {comparison.score:.2f} out of 1. The least-heard group was heard "
        f"{comparison.score:.2f} times as often, for its numbers, as the most-heard "
        "(1 would be everyone in proportion)."
    )


def table(comparison: Comparison, *, public: bool) -> Table:
    rows = as_rows(comparison, public=public)
    body = [
        [
            row["label"],
            row["heard"] if isinstance(row["heard"], str) else f"{row['heard']:,}",
            _percent_text(row["share_heard"]),
            _percent_text(row["share_population"]),
            _ratio_text(row),
        ]
        for row in rows
    ]
    hidden = any(isinstance(row["heard"], str) for row in rows)
    note = (
        f"“{SMALL_TEXT}”: fewer than {SUPPRESSION_THRESHOLD} people, not shown to protect residents. "
        f"“{WITHHELD_TEXT}”: not shown, as it would let someone work out a small number."
        if hidden
        else ""
    )
    return Table(
        caption=comparison.label,
        header=["Group", "People heard", HEARD, RESIDENTS, RATIO],
        rows=body,
        numeric_columns=frozenset({1, 2, 3, 4}),
        note=note,
    )


def _alt(comparison: Comparison, area_name: str, heard: list[float | None], residents: list[float]) -> str:
    shown = [
        (row, h, r) for row, h, r in zip(comparison.rows, heard, residents, strict=True) if h is not None and r > 0
    ]
    text = (
        f"{comparison.label}: the share of people heard beside the share of residents of {area_name}, for each group."
    )
    if not shown:
        return text + " No group's share of people heard can be shown yet."
    lowest = min(shown, key=lambda item: (item[1] / item[2], -item[2]))
    highest = max(shown, key=lambda item: (item[1] / item[2], item[2]))
    name = people_name(comparison.dimension, lowest[0])
    text += (
        f" Least heard for their numbers: {name}, {lowest[2]:.0f}% of residents but {lowest[1]:.0f}% of people heard."
    )
    if highest[0] is not lowest[0]:
        name = people_name(comparison.dimension, highest[0])
        text += f" Most heard: {name}, {highest[2]:.0f}% of residents and {highest[1]:.0f}% of people heard."
    hidden = sum(1 for h in heard if h is None)
    if hidden:
        text += f" {hidden} group{'s' if hidden > 1 else ''} not shown, to protect residents."
    return text


def chart(comparison: Comparison, area_name: str, *, public: bool) -> ChartSpec | None:
    """Two bars a group: share of people heard and share of residents, in percent. None when there are too many
    groups for a chart or nobody answered."""
    if len(comparison.rows) > MOST_BARS or not comparison.heard_total:
        return None
    rows = as_rows(comparison, public=public)
    heard = [_percent(row["share_heard"]) for row in rows]
    residents = [round(100 * row["share_population"], 1) for row in rows]
    return ChartSpec(
        kind="grouped_bar",
        title=f"{comparison.label}: who we heard from and who lives here",
        categories=[SHORT_LABELS.get(comparison.dimension, {}).get(row["group"], row["label"]) for row in rows],
        series=[Series(HEARD, list(heard)), Series(RESIDENTS, list(residents))],
        alt=_alt(comparison, area_name, heard, residents),
        unit="percent",
        note=PROTECTED_NOTE if public and any(h is None for h in heard) else "",
    )
