"""Reach over time for the project dashboard: residents heard each month, by partner, as one chart specification
(heard.lib.documents) with its table. Counted over the person's aggregate scope and protected by its one rule:
each month's partners add up to the month's residents, so they are protected together."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Final

from django.db.models import Count
from django.db.models.functions import TruncMonth

from heard.engagement.scope import AggregateScope
from heard.lib.disclosure import Cell
from heard.lib.documents.model import ChartSpec, Series, Table
from heard.lib.numbers import SUPPRESSION_THRESHOLD
from heard.partners.models import Organisation

MOST_LINES: Final = 5  # the largest partners each get a line; the rest are "Other partners"
OTHERS: Final = "Other partners"
ALL: Final = "All partners"


@dataclass
class Reach:
    chart: ChartSpec | None
    table: Table


def _value(cell: Cell) -> float | None:
    shown = cell.shown
    return None if shown is None else float(shown)


def _month(value: datetime.date | datetime.datetime) -> datetime.date:
    return datetime.date(value.year, value.month, 1)


def _monthly(scope: AggregateScope) -> dict[tuple[datetime.date, int | None], int]:
    rows = (
        scope.experiences.order_by()
        .annotate(month=TruncMonth("collected_on"))
        .values_list("month", "partner_id")
        .annotate(n=Count("id"))
    )
    counts: dict[tuple[datetime.date, int | None], int] = {}
    for month, partner_id, n in rows:
        if month is not None:
            key = (_month(month), partner_id)
            counts[key] = counts.get(key, 0) + n
    return counts


def reach_over_time(
    scope: AggregateScope,
    by_month: dict[tuple[datetime.date, int | None], int] | None = None,
    partner_names: dict[int, str] | None = None,
) -> Reach:
    """`by_month` (exact residents per month and partner id) and `partner_names` as the dashboard counted them
    in its one pass over the records (heard.engagement.stats); counted here when not given."""
    monthly = _monthly(scope) if by_month is None else by_month
    names = dict(partner_names or {})
    unnamed = {pk for _, pk in monthly if pk is not None and pk not in names}
    if unnamed:
        names.update(Organisation.objects.filter(pk__in=unnamed).values_list("pk", "name"))
    counts: dict[tuple[datetime.date, str], int] = {}
    by_partner: dict[str, int] = {}
    for (month, partner_id), n in monthly.items():
        key = (month, (names.get(partner_id) if partner_id is not None else None) or "No partner")
        counts[key] = counts.get(key, 0) + n
        by_partner[key[1]] = by_partner.get(key[1], 0) + n
    if not counts:
        return Reach(None, Table(caption="Residents heard each month", header=["Month", ALL], rows=[]))
    first, last = min(m for m, _ in counts), max(m for m, _ in counts)
    months = []
    month = first
    while month <= last:  # every month, the quiet ones too
        months.append(month)
        month = datetime.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    ranked = sorted(by_partner, key=lambda name: (-by_partner[name], name))
    lines = ranked if len(ranked) <= MOST_LINES + 1 else [*ranked[:MOST_LINES], OTHERS]
    named = set(lines) - {OTHERS}

    def column(month: datetime.date, line: str) -> int:
        if line == OTHERS:
            return sum(n for (m, partner), n in counts.items() if m == month and partner not in named)
        return counts.get((month, line), 0)

    values = [[column(month, line) for line in lines] for month in months]
    cells, totals = scope.rows(values, [sum(row) for row in values])
    labels = [f"{month:%b %Y}" for month in months]
    table = Table(
        caption="Residents heard each month, by partner",
        header=["Month", ALL, *lines],
        rows=[
            [label, total.text, *(c.text for c in row)] for label, total, row in zip(labels, totals, cells, strict=True)
        ],
        numeric_columns=frozenset(range(1, len(lines) + 2)),
        note=""
        if scope.exact
        else f"“<{SUPPRESSION_THRESHOLD}”: fewer than {SUPPRESSION_THRESHOLD} residents, not shown to protect "
        "residents; “[c]” hides a figure that would let someone work one out; other counts are rounded to the "
        "nearest 5.",
    )
    series = [Series(line, [_value(row[i]) for row in cells]) for i, line in enumerate(lines)]
    shown = [(label, t.shown) for label, t in zip(labels, totals, strict=True) if t.shown is not None]
    alt = f"Residents heard each month from {labels[0]} to {labels[-1]}, each month's bar split by partner."
    if shown:
        busiest = max(shown, key=lambda item: item[1] or 0)
        alt += f" The busiest month: {busiest[0]}, {busiest[1]:,} residents."
    chart = ChartSpec(
        kind="stacked_bar",
        title="Residents heard each month, by partner",
        categories=labels,
        series=series,
        alt=alt,
        x_label="Residents heard",
        unit="count",
        note=""
        if scope.exact
        else "Counts are rounded to the nearest 5; fewer than 5 are not shown, to protect residents.",
    )
    return Reach(chart if len(months) > 1 else None, table)
