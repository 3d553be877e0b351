"""Trends over time as charts, each with its table: the temperature checks' answers per question (closed rounds
with at least 5 answers only, as `pulse.trend` gives them) and each indicator's kept values on the theory of
change."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from heard.governance.indicators import Metric
from heard.governance.models import IndicatorSnapshot
from heard.governance.pulse import RoundResults
from heard.lib.documents.model import ChartSpec, Series, Table


@dataclass(frozen=True)
class TrendChart:
    spec: ChartSpec
    table: Table


def _score(value: float) -> str:
    return f"{value:.1f}"


def pulse_charts(trend: list[RoundResults]) -> list[TrendChart]:
    """One line chart per question: the average answer (1 to 5) in each round shown, oldest first."""
    if not trend:
        return []
    titles = [r.pulse_round.title for r in trend]
    charts = []
    for i, first in enumerate(trend[0].questions):
        averages = [r.questions[i].average for r in trend]
        low, high = min(averages), max(averages)
        spec = ChartSpec(
            kind="line",
            title=first.question,
            categories=titles,
            series=[Series("Average answer (1 to 5)", [float(a) for a in averages])],
            alt=(
                f"{first.question} The average answer, from 1 (not at all) to 5 (completely), in "
                f"{len(trend)} round(s) from {titles[0]} to {titles[-1]}: from {_score(averages[0])} to "
                f"{_score(averages[-1])}; lowest {_score(low)}, highest {_score(high)}."
            ),
            x_label="Round",
            y_label="Average answer (1 to 5)",
            unit="score",
            note="Rounds with fewer than 5 answers are not shown.",
        )
        table = Table(
            caption=f"{first.question} Average answer in each round",
            header=["Round", "Answers", "Average (1 to 5)"],
            rows=[[r.pulse_round.title, str(r.answers), _score(r.questions[i].average)] for r in trend],
            numeric_columns=frozenset({1, 2}),
        )
        charts.append(TrendChart(spec, table))
    return charts


def _figure(value: float, unit: str) -> str:
    return f"{value:,.1f}".removesuffix(".0") + ("%" if unit == "%" else "")


def indicator_chart(metric: Metric, target: float | None, snapshots: list[IndicatorSnapshot]) -> TrendChart | None:
    """The indicator's kept values over time (with its target as a second line), once there are at least two."""
    if len(snapshots) < 2:
        return None
    days = [s.taken_on.strftime("%-d %b %Y") for s in snapshots]
    values = [s.value for s in snapshots]
    series = [Series(metric.name, list[float | None](values))]
    if target is not None:
        series.append(Series("Target", list[float | None]([target] * len(values))))
    unit: Literal["percent", "count"] = "percent" if metric.unit == "%" else "count"
    spec = ChartSpec(
        kind="line",
        title=f"{metric.name}: the trend",
        categories=days,
        series=series,
        alt=(
            f"{metric.name} ({metric.unit}) on {len(values)} days from {days[0]} to {days[-1]}: from "
            f"{_figure(values[0], metric.unit)} to {_figure(values[-1], metric.unit)}"
            + (f", against a target of {_figure(target, metric.unit)}." if target is not None else ".")
        ),
        x_label="Day",
        y_label=metric.unit,
        unit=unit,
    )
    table = Table(
        caption=f"{metric.name}: value on each day kept",
        header=["Day", f"Value ({metric.unit})"],
        rows=[[day, _figure(value, metric.unit)] for day, value in zip(days, values, strict=True)],
        numeric_columns=frozenset({1}),
    )
    return TrendChart(spec, table)
