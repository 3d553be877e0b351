"""Who is missing: the people heard compared with the people who live in the area, group by group.

Pure functions (no database): give them counts of people heard by group and Census counts by group.

For each group: heard count, share of the people heard (among those who answered), share of the population,
and the participation ratio = share heard / share of population (1 = heard in proportion; 0.5 = heard half as
often as their numbers suggest). Its 95% interval is the **Wilson score interval** for the share heard divided
by the population share; the Census share is treated as known, since the Census counts (nearly) everyone and
its uncertainty is tiny next to that of a few hundred people heard. The representation score of a dimension is
the lowest group participation rate divided by the highest (1 = everyone heard in proportion; 0 when a group
has nobody heard).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from heard.lib import census, disclosure
from heard.lib.numbers import SUPPRESSION_THRESHOLD

Z_95: Final = 1.959963984540054

DIMENSION_LABELS: Final = {
    "ethnic_group": "Ethnic group (19 groups)",
    "ethnic_group_5": "Ethnic group (5 groups)",
    "age_band": "Age",
    "sex": "Sex",
    "disability": "Disability",
    "english_proficiency": "Proficiency in English",
    "ward": "Ward",
    "deprivation_quintile": "Deprivation (IoD 2025 quintile)",
}

DISABILITY_GROUPS: Final[census.Choices] = [
    ("disabled", "Disabled under the Equality Act"),
    ("not_disabled", "Not disabled under the Equality Act"),
]
QUINTILES: Final[census.Choices] = [
    ("1", "Most deprived 20% of neighbourhoods in England"),
    ("2", "Second most deprived 20%"),
    ("3", "Middle 20%"),
    ("4", "Second least deprived 20%"),
    ("5", "Least deprived 20% of neighbourhoods in England"),
]
LABELS: Final[dict[str, census.Choices]] = {
    "ethnic_group": census.ETHNIC_GROUPS_19,
    "ethnic_group_5": census.ETHNIC_GROUPS_5,
    "age_band": census.AGE_BANDS,
    "sex": census.SEXES,
    "disability": DISABILITY_GROUPS,
    "english_proficiency": census.ENGLISH_PROFICIENCY,
    "deprivation_quintile": QUINTILES,
}

# How a group is named in a plain sentence: "<name> are 11% of Hackney but 3% of the people heard".
PEOPLE: Final[dict[str, str]] = {
    "asian_bangladeshi": "Bangladeshi residents",
    "asian_chinese": "Chinese residents",
    "asian_indian": "Indian residents",
    "asian_pakistani": "Pakistani residents",
    "asian_other": "Residents of other Asian backgrounds",
    "black_african": "Black African residents",
    "black_caribbean": "Black Caribbean residents",
    "black_other": "Residents of other Black backgrounds",
    "mixed_white_asian": "Residents of mixed White and Asian heritage",
    "mixed_white_black_african": "Residents of mixed White and Black African heritage",
    "mixed_white_black_caribbean": "Residents of mixed White and Black Caribbean heritage",
    "mixed_other": "Residents of other mixed or multiple backgrounds",
    "white_british": "White British residents",
    "white_irish": "White Irish residents",
    "white_gypsy_traveller": "Gypsy or Irish Traveller residents",
    "white_roma": "Roma residents",
    "white_other": "Residents of other White backgrounds",
    "other_arab": "Arab residents",
    "other_any": "Residents of any other ethnic group",
    "asian": "Asian residents",
    "black": "Black residents",
    "mixed": "Residents of mixed or multiple heritage",
    "white": "White residents",
    "other": "Residents of other ethnic groups",
    "0-15": "Children aged 15 and under",
    "16-24": "Residents aged 16 to 24",
    "25-34": "Residents aged 25 to 34",
    "35-49": "Residents aged 35 to 49",
    "50-64": "Residents aged 50 to 64",
    "65+": "Residents aged 65 and over",
    "female": "Women and girls",
    "male": "Men and boys",
    "disabled": "Disabled residents",
    "not_disabled": "Residents who are not disabled",
    "main_language": "Residents whose main language is English",
    "very_well": "Residents who speak English very well as a second language",
    "well": "Residents who speak English well as a second language",
    "not_well": "Residents who cannot speak English well",
    "cannot": "Residents who cannot speak English",
}
QUINTILE_PEOPLE: Final = {
    "1": "Residents of the most deprived fifth of neighbourhoods",
    "2": "Residents of the second most deprived fifth of neighbourhoods",
    "3": "Residents of the middle fifth of neighbourhoods by deprivation",
    "4": "Residents of the second least deprived fifth of neighbourhoods",
    "5": "Residents of the least deprived fifth of neighbourhoods",
}


def wilson_interval(successes: int, trials: int, z: float = Z_95) -> tuple[float, float]:
    """Wilson score interval for a proportion; (0, 1) when there are no trials."""
    if trials <= 0:
        return 0.0, 1.0
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass
class GroupRow:
    group: str
    label: str
    heard: int
    population: int
    share_heard: float | None  # of the people heard who answered; None when nobody answered
    share_population: float
    ratio: float | None
    ratio_low: float | None
    ratio_high: float | None
    suppressed: bool = False  # hidden in the public form (1-4 people, or to protect such a cell)
    figure: disclosure.Cell | None = None  # the count as the public form shows it, once protected

    @property
    def rate_per_1000(self) -> float | None:
        """People heard per 1,000 residents of the group."""
        return 1000 * self.heard / self.population if self.population else None


@dataclass
class Comparison:
    dimension: str
    rows: list[GroupRow]
    heard_total: int  # people heard who gave an answer in this dimension
    not_stated: int  # people heard who did not say, or said "prefer not to say"
    population_total: int
    score: float | None
    notes: list[str] = field(default_factory=list)
    not_stated_figure: disclosure.Cell | None = None  # as the public form shows it, once protected
    score_hidden: bool = False  # public form: not shown, since a hidden group's count would set it

    @property
    def label(self) -> str:
        return DIMENSION_LABELS.get(self.dimension, self.dimension)


def representation_score(rows: Iterable[GroupRow]) -> float | None:
    """Lowest group participation rate / highest; 0 when a group has nobody heard; None when nobody was heard
    or there are fewer than two groups."""
    rates = [row.heard / row.population for row in rows if row.population > 0]
    if len(rates) < 2 or max(rates) == 0:
        return None
    return min(rates) / max(rates)


def compare(
    dimension: str,
    heard: Mapping[str, int],
    population: Mapping[str, int],
    *,
    not_stated: int = 0,
    labels: Mapping[str, str] | None = None,
) -> Comparison:
    """Compare people heard with residents, group by group. Groups are those of the population table, in its
    order (or the Census order where Heard knows it); people heard in a group the table does not have count
    as not stated."""
    names = dict(LABELS.get(dimension, []))
    if labels:
        names.update(labels)
    order = [code for code, _ in LABELS.get(dimension, []) if code in population]
    order += [code for code in population if code not in order]
    unmatched = sum(n for group, n in heard.items() if group not in population)
    heard_total = sum(heard.get(group, 0) for group in order)
    population_total = sum(population[group] for group in order)
    rows = []
    for group in order:
        x, pop = heard.get(group, 0), population[group]
        share_pop = pop / population_total if population_total else 0.0
        share_heard = x / heard_total if heard_total else None
        ratio: float | None = None
        ratio_low: float | None = None
        ratio_high: float | None = None
        if heard_total and share_pop > 0:
            low, high = wilson_interval(x, heard_total)
            ratio, ratio_low, ratio_high = (share_heard or 0.0) / share_pop, low / share_pop, high / share_pop
        rows.append(
            GroupRow(group, names.get(group, group), x, pop, share_heard, share_pop, ratio, ratio_low, ratio_high)
        )
    return Comparison(
        dimension, rows, heard_total, not_stated + unmatched, population_total, representation_score(rows)
    )


def suppress(comparison: Comparison) -> Comparison:
    """Protect the counts for anything a steering-group member, partner, commissioner or the public sees (the one
    rule of heard.lib.disclosure): 1-4 people as "<5", the rest rounded to the nearest 5, and further cells
    withheld ("[c]") where the groups, those who did not say and their total would give a small count away."""
    values = [row.heard for row in comparison.rows] + [comparison.not_stated]
    total = comparison.heard_total + comparison.not_stated
    cells, _total = disclosure.protect_breakdown(values, total, exact=False)
    for row, cell in zip(comparison.rows, cells, strict=False):
        row.suppressed = cell.hidden
        row.figure = cell
    comparison.not_stated_figure = cells[-1]
    # Shares, ratios, intervals and the score worked out from the shown figures: from the exact counts, beside
    # the Census shares, they would give the counts back (a ratio to two decimals pins a count to one person).
    shown_total = disclosure.figure(comparison.heard_total, exact=False).shown or 0
    for row in comparison.rows:
        shown = row.figure.shown if row.figure is not None else None
        if shown is None or not shown_total:
            row.share_heard = row.ratio = row.ratio_low = row.ratio_high = None
            continue
        shown = min(shown, shown_total)
        row.share_heard = shown / shown_total
        if row.share_population > 0:
            low, high = wilson_interval(shown, shown_total)
            row.ratio = row.share_heard / row.share_population
            row.ratio_low, row.ratio_high = low / row.share_population, high / row.share_population
    nobody = any(row.figure is not None and row.figure.shown == 0 and row.population for row in comparison.rows)
    if any(row.suppressed and row.heard > 0 for row in comparison.rows) and not nobody:
        comparison.score = None  # the lowest rate may be a hidden group's (unless a group has nobody: then 0)
        comparison.score_hidden = True
    elif nobody:
        comparison.score = 0.0
    else:
        rates = [
            row.figure.shown / row.population
            for row in comparison.rows
            if row.population and row.figure is not None and row.figure.shown is not None
        ]
        comparison.score = min(rates) / max(rates) if len(rates) >= 2 and max(rates) > 0 else None
    return comparison


def _percent(value: float | None) -> str:
    return f"{round(100 * value)}%" if value is not None else ""


def people_name(dimension: str, row: GroupRow) -> str:
    if dimension == "ward":
        return f"Residents of {row.label} ward"
    if dimension == "deprivation_quintile":
        return QUINTILE_PEOPLE.get(row.group, row.label)
    return PEOPLE.get(row.group, f"Residents in the group '{row.label}'")


def sentence(dimension: str, row: GroupRow, area_name: str, *, public: bool = False) -> str:
    """ "Black African residents are 11% of Hackney but 3% of the people heard." In the public form a hidden
    count reads "fewer than 5 of the people heard"."""
    if public and row.suppressed and 0 < row.heard < SUPPRESSION_THRESHOLD:
        heard = f"fewer than {SUPPRESSION_THRESHOLD} of the people heard"
    elif public and row.suppressed:
        heard = "a small share of the people heard"
    elif row.heard == 0:
        heard = "none of the people heard so far"
    else:
        heard = f"{_percent(row.share_heard)} of the people heard"
    population = _percent(row.share_population)
    if population == "0%":
        population = "less than 1%"
    return f"{people_name(dimension, row)} are {population} of {area_name} but {heard}."


def most_under_represented(comparisons: Iterable[Comparison], *, limit: int = 3) -> list[tuple[str, GroupRow]]:
    """The groups heard clearly less than their numbers suggest (the whole 95% interval of the ratio below 1),
    lowest ratio first. The 5-group ethnic comparison is skipped when the 19-group one is there."""
    comparisons = list(comparisons)
    dimensions = {c.dimension for c in comparisons}
    found = []
    for comparison in comparisons:
        if comparison.dimension == "ethnic_group_5" and "ethnic_group" in dimensions:
            continue
        for row in comparison.rows:
            if row.ratio is not None and row.ratio_high is not None and row.ratio_high < 1:
                found.append((comparison.dimension, row))
    found.sort(key=lambda item: (item[1].ratio or 0.0, -item[1].share_population))
    return found[:limit]


def as_rows(comparison: Comparison, *, public: bool = False) -> list[dict[str, Any]]:
    """Plain rows for output (CSV/JSON/tables). The public form shows hidden counts as "<5" and drops the
    shares and ratios that would reveal them; percentages are whole numbers there."""
    out = []
    for row in comparison.rows:
        hide = public and row.suppressed
        heard: int | str = row.heard
        if public and row.figure is not None:
            heard = row.figure.text if row.figure.hidden else (row.figure.shown or 0)

        def num(value: float | None, digits: int, hide: bool = hide) -> float | None:
            return None if hide or value is None else round(value, digits)

        out.append(
            {
                "dimension": comparison.dimension,
                "group": row.group,
                "label": row.label,
                "heard": heard,
                "share_heard": num(row.share_heard, 2 if public else 4),
                "population": row.population,
                "share_population": round(row.share_population, 2 if public else 4),
                "participation_ratio": num(row.ratio, 2 if public else 3),
                "ratio_low": num(row.ratio_low, 2 if public else 3),
                "ratio_high": num(row.ratio_high, 2 if public else 3),
                "representation_score": None if comparison.score is None else round(comparison.score, 3),
                "not_stated": comparison.not_stated_figure.text
                if public and comparison.not_stated_figure is not None
                else comparison.not_stated,
            }
        )
    return out
