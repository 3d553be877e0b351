"""The themes page as pictures: the themes most people raised, the top themes in each group, and how people felt
in each group, as chart specifications (heard.lib.documents) with their tables.

Theme figures come from the theme table (heard.analysis.tables), already protected by the aggregate scope; the
feelings are counted here over the same scope and protected by its one rule (rows add up to the group's answers),
so a chart never shows more than a table would.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Final

from django.db.models import Count
from django.db.models.functions import Coalesce

from heard.analysis.models import sentiment_group
from heard.analysis.tables import ThemeTable
from heard.engagement.scope import AggregateScope
from heard.lib import census
from heard.lib.disclosure import Cell
from heard.lib.documents.model import ChartSpec, Series, Table
from heard.lib.numbers import SUPPRESSION_THRESHOLD

TOP_THEMES: Final = 10
THEMES_PER_GROUP: Final = 3
MOST_GROUPS: Final = 12  # more groups than this make a chart taller than a screen: the table says it all
FEELINGS: Final = [("negative", "Negative"), ("neutral", "Neutral or mixed"), ("positive", "Positive")]
PROTECTED_NOTE: Final = (
    f"Figures for fewer than {SUPPRESSION_THRESHOLD} people are not shown, to protect residents; "
    "other counts are rounded to the nearest 5."
)


def _name(table: ThemeTable, index: int) -> str:
    theme = table.rows[index].theme
    return theme.name if theme is not None else "Unknown theme"


def top_themes(table: ThemeTable, *, limit: int = TOP_THEMES) -> ChartSpec | None:
    """The themes most people raised, largest first: people, as the reader may see them."""
    rows = table.rows[:limit]
    if not rows:
        return None
    names = [_name(table, i) for i in range(len(rows))]
    values: list[float | None] = [None if row.total.shown is None else float(row.total.shown) for row in rows]
    shown = [(n, v) for n, v in zip(names, values, strict=True) if v is not None]
    alt = f"The {len(rows)} themes most people raised."
    if shown:
        alt += f" The most: {shown[0][0]}, {shown[0][1]:,.0f} people. The fewest shown: {shown[-1][0]}, "
        alt += f"{shown[-1][1]:,.0f} people."
    return ChartSpec(
        kind="bar",
        title="The themes most people raised",
        categories=names,
        series=[Series("People", values)],
        alt=alt,
        unit="count",
        note=PROTECTED_NOTE if not table.exact else "",
    )


def themes_by_group(table: ThemeTable, *, themes: int = THEMES_PER_GROUP) -> ChartSpec | None:
    """The top themes overall, as a share of each group's people: where a group differs from the rest."""
    if not table.rows or not 1 < len(table.groups) <= MOST_GROUPS:
        return None
    rows = table.rows[:themes]
    names = [_name(table, i) for i in range(len(rows))]
    series = [
        Series(name, [None if cell.share is None else float(cell.share) for cell in row.cells])
        for name, row in zip(names, rows, strict=True)
    ]
    groups = [label for _key, label, _n in table.groups]
    alt = (
        f"For each {_dimension(table)}, the share of its people who raised each of the {len(rows)} themes most "
        f"people raised: {', '.join(names)}."
    )
    best = [
        (value, group, name)
        for s, name in zip(series, names, strict=True)
        for value, group in zip(s.values, groups, strict=True)
        if value is not None
    ]
    if best:
        value, group, name = max(best)
        alt += f" The highest: {name} among {group}, {value:.0f}%."
    hidden = any(v is None for s in series for v in s.values)
    return ChartSpec(
        kind="grouped_bar",
        title=f"The top {len(rows)} themes in each group: share of the group's people",
        categories=groups,
        series=series,
        alt=alt,
        unit="percent",
        note=PROTECTED_NOTE if hidden else "",
    )


def _dimension(table: ThemeTable) -> str:
    from heard.analysis.tables import DIMENSIONS

    return DIMENSIONS.get(table.by, ("group", None))[0].lower()


@dataclass
class Feelings:
    chart: ChartSpec | None
    table: Table


def feelings_by_group(
    scope: AggregateScope, table: ThemeTable, counts: Counter[tuple[str, str]] | None = None
) -> Feelings:
    """How people felt, group by group: the share of the group's answers that were negative, neutral or mixed,
    and positive (the sentiment a person decided, or else the one suggested). `counts`: `feeling_counts(scope,
    table.by)` when already counted (heard.analysis.theme_cache keeps them)."""
    if counts is None:
        counts = feeling_counts(scope, table.by)
    groups = [(key, label) for key, label, _n in table.groups]
    known = {key for key, _label in groups}
    for key, _mood in counts:
        if key not in known:  # a group with feelings but no coded theme
            known.add(key)
            groups.append((key, _label(table.by, key)))
    values = [[counts[(key, mood)] for mood, _label in FEELINGS] for key, _label in groups]
    cells, totals = scope.rows(values, [sum(row) for row in values])
    shares = [_shares(row, total) for row, total in zip(cells, totals, strict=True)]
    rows = [
        [label, total.text, *(_percent(cell, share) for cell, share in zip(row, share_row, strict=True))]
        for (_key, label), row, share_row, total in zip(groups, cells, shares, totals, strict=True)
    ]
    figures = Table(
        caption="How people felt, by group",
        header=["Group", "Answers with a feeling", *(label for _mood, label in FEELINGS)],
        rows=rows,
        numeric_columns=frozenset({1, 2, 3, 4}),
        note=_table_note(cells),
    )
    shown = [i for i, total in enumerate(totals) if total.value > 0]
    if not shown or len(shown) > MOST_GROUPS:
        return Feelings(None, figures)
    series = [
        Series(label, [None if shares[i][m] is None else float(shares[i][m] or 0) for i in shown])
        for m, (_mood, label) in enumerate(FEELINGS)
    ]
    negative = [(series[0].values[n], groups[i][1]) for n, i in enumerate(shown) if series[0].values[n] is not None]
    alt = "For each group, the share of its answers that were negative, neutral or mixed, and positive."
    if negative:
        most, least = max(negative), min(negative)
        alt += f" Most negative: {most[1]}, {most[0]:.0f}%. Least negative: {least[1]}, {least[0]:.0f}%."
    spec = ChartSpec(
        kind="stacked_bar",
        title="How people felt, by group: share of answers",
        categories=[groups[i][1] for i in shown],
        series=series,
        alt=alt,
        unit="percent",
        note=PROTECTED_NOTE if any(v is None for s in series for v in s.values) else "",
    )
    return Feelings(spec, figures)


def _shares(row: list[Cell], total: Cell) -> list[int | None]:
    """Whole percentages of the shown figures that add up to 100 (largest remainders get the rounding), so a
    stacked bar ends at 100%; a hidden figure's share is None."""
    if any(cell.shown is None for cell in row) or not total.shown:
        return [cell.share_of(total) for cell in row]
    whole = sum(cell.shown or 0 for cell in row) or 1
    exact = [100 * (cell.shown or 0) / whole for cell in row]
    shares = [int(value) for value in exact]
    by_remainder = sorted(range(len(row)), key=lambda i: exact[i] - shares[i], reverse=True)
    for i in by_remainder[: 100 - sum(shares)]:
        shares[i] += 1
    return list(shares)


# The Experience field behind each dimension of the theme table, for counting in the database (keys as
# heard.analysis.tables.group_of gives them).
FIELDS: Final = {
    "community": "experience__community_id",
    "partner": "experience__partner_id",
    "method": "experience__activity__method",
    "ethnic_group_5": "experience__ethnic_group",
}


def _label(by: str, key: str) -> str:
    """A group's name when the theme table does not list it (nobody in it had a theme coded)."""
    from heard.analysis.tables import DIMENSIONS
    from heard.partners.models import Community, Organisation

    if not key:
        return "Not recorded"
    if by == "community" and key.isdigit():
        return str(Community.objects.filter(pk=int(key)).values_list("name", flat=True).first() or "Not recorded")
    if by == "partner" and key.isdigit():
        return str(Organisation.objects.filter(pk=int(key)).values_list("name", flat=True).first() or "Not recorded")
    if by == "ethnic_group_5":
        return census.label(census.ETHNIC_GROUPS_5, key)
    choices = DIMENSIONS.get(by, ("", None))[1]
    return census.label(census.with_prefer_not_to_say(choices), key) if choices else key


def feeling_counts(scope: AggregateScope, by: str) -> Counter[tuple[str, str]]:
    """{(group key, feeling): answers}, counted by the database (one row per group and score)."""
    field = FIELDS.get(by, f"experience__{by}")
    rows = (
        scope.answers()
        .filter(question__kind="free_text", sentiment__isnull=False)
        .annotate(score=Coalesce("sentiment__decided", "sentiment__suggested"))
        .filter(score__isnull=False)
        .order_by()
        .values_list(field, "score")
        .annotate(n=Count("id"))
    )
    counts: Counter[tuple[str, str]] = Counter()
    for value, score, n in rows:
        if by == "ethnic_group_5":
            key = census.high_level_group(value or "") or ""
        else:
            key = "" if value is None else str(value)
        counts[(key, str(sentiment_group(score)))] += n
    return counts


def _percent(cell: Cell, share: int | None) -> str:
    if cell.hidden:
        return cell.text
    return "–" if share is None else f"{share}%"


def _table_note(cells: list[list[Cell]]) -> str:
    if not any(cell.hidden for row in cells for cell in row):
        return ""
    return (
        f"“<{SUPPRESSION_THRESHOLD}”: fewer than {SUPPRESSION_THRESHOLD} answers, not shown to protect residents. "
        "“[c]”: not shown, as it would let someone work out a small number."
    )
