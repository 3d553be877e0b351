"""The theme table: what residents talked about, by community, partner, method or demographic group.

One calculation for every place that shows it (the Understand page's theme table, the Report's sections), so
they can never disagree. Counts come from the aggregate scope given (exact for host staff, protected for anyone
else, heard.engagement.scope); quotes only from the quotable answers given (`privacy.outputs.quotable_answers`),
written with `privacy.outputs.public_text`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from heard.analysis import theme_counts
from heard.analysis.models import Theme
from heard.engagement.models import Answer, Method
from heard.engagement.scope import AggregateScope
from heard.lib import census
from heard.lib.disclosure import Cell
from heard.lib.numbers import SUPPRESSION_THRESHOLD
from heard.partners.models import Community, Organisation
from heard.privacy.outputs import public_text

DIMENSIONS: dict[str, tuple[str, Any]] = {
    "community": ("Community", None),
    "partner": ("Partner", None),
    "method": ("Method", Method.choices),
    "age_band": ("Age", census.AGE_BANDS),
    "sex": ("Sex", census.SEXES),
    "ethnic_group_5": ("Ethnic group", census.ETHNIC_GROUPS_5),
    "disability": ("Disability", census.DISABILITY),
    "main_language": ("Main language", census.LANGUAGES),
}
QUOTES_PER_THEME = 2


@dataclass
class ThemeCell:
    figure: Cell  # people in the group whose words were coded with the theme
    share: int | None  # of the people heard in the group, from the shown figures
    hidden: bool
    negative_share: int | None = None  # of the cell's people, how many said something negative about it
    positive_share: int | None = None


@dataclass
class ThemeRow:
    theme: Theme | None
    total: Cell
    cells: list[ThemeCell]
    negative_share: int | None
    quotes: list[str] = field(default_factory=list)
    theme_id: int = 0


@dataclass
class ThemeTable:
    by: str
    rows: list[ThemeRow]
    groups: list[tuple[str, str, int]]  # (key, label, people: exact, never shown)
    scope: AggregateScope

    @property
    def exact(self) -> bool:
        return self.scope.exact

    def column(self, key: str) -> list[tuple[ThemeRow, ThemeCell]]:
        """One group's cells, theme by theme, largest first as the reader sees them; themes nobody raised in the
        group left out."""
        index = next((i for i, (k, _label, _n) in enumerate(self.groups) if k == key), None)
        if index is None:
            return []
        found = [(row, row.cells[index]) for row in self.rows if row.cells[index].figure.value > 0]
        if self.exact:
            return sorted(found, key=lambda item: -item[1].figure.value)
        return sorted(found, key=lambda item: (item[1].figure.shown is None, -(item[1].figure.shown or 0)))


def group_key(by: str, value: Any, names: dict[Any, str]) -> tuple[str, str]:
    """The (key, label) of the group a record falls in for the dimension `by`, from its stored value (`names`:
    community or partner names by id)."""
    if by in ("community", "partner"):
        return (str(value or ""), names.get(value, "Not recorded") if value else "Not recorded")
    if by == "method":
        method = value or ""
        return (method, dict(Method.choices).get(method, "Not recorded"))
    if by == "ethnic_group_5":
        code = census.high_level_group(value or "") or ""
        return (code, census.label(census.ETHNIC_GROUPS_5, code) if code else "Not answered")
    choices = DIMENSIONS[by][1]
    return (value or "", census.label(census.with_prefer_not_to_say(choices), value) if value else "Not answered")


def _names(by: str, values: Collection[Any]) -> dict[Any, str]:
    ids = [v for v in values if v]
    if by == "community":
        return dict(Community.objects.filter(pk__in=ids).values_list("pk", "name"))
    if by == "partner":
        return dict(Organisation.objects.filter(pk__in=ids).values_list("pk", "name"))
    return {}


def theme_table(
    scope: AggregateScope,
    quotable: QuerySet[Answer],
    *,
    by: str = "community",
    include_suggestions: bool = False,
    questions: Collection[str] | None = None,
) -> ThemeTable:
    """Themes by `by`: people, share, sentiment and example quotes. Counts over `scope` (protected unless exact);
    quotes only from `quotable`, redacted, and none for a theme raised by fewer than 5 people outside host staff.
    `questions`: only the answers to these free-text questions (by code), e.g. "what would help".

    Counted in the database from the theme summary (heard.analysis.theme_counts, heard.analysis.summary); only the
    quotes shown are read as answers."""
    table = counted_table(scope, by=by, include_suggestions=include_suggestions, questions=questions)
    quotes = quotes_for(scope, table.rows, quotable, include_suggestions=include_suggestions, questions=questions)
    for row in table.rows:
        row.quotes = quotes.get(row.theme_id, [])
    return table


def counted_table(
    scope: AggregateScope,
    *,
    by: str = "community",
    include_suggestions: bool = False,
    questions: Collection[str] | None = None,
    raw: theme_counts.Counts | None = None,
) -> ThemeTable:
    """The theme table's counts only, no residents' words (`quotes_for` adds them): what may be kept in a cache
    shared between processes (heard.engagement.generation). `raw`: the scope's exact counts for `by` when already
    counted (heard.analysis.theme_cache keeps them between changes); protected here either way."""
    if by not in DIMENSIONS:
        by = "community"
    project_id = scope.project.pk
    if raw is None:
        raw = theme_counts.count(
            scope.experiences, project_id, by, include_suggestions=include_suggestions, questions=questions
        )
    names = _names(by, raw.group_people)
    keys = {value: group_key(by, value, names) for value in raw.group_people}
    groups: dict[str, str] = {}
    group_people: Counter[str] = Counter()
    for value, n in raw.group_people.items():
        key, label = keys[value]
        groups[key] = label
        group_people[key] += n
    people: Counter[tuple[int, str]] = Counter()
    negative_people: Counter[tuple[int, str]] = Counter()
    positive_people: Counter[tuple[int, str]] = Counter()
    theme_people: Counter[int] = Counter()
    for (theme_id, value), n in raw.people.items():
        key = keys[value][0] if value in keys else group_key(by, value, names)[0]
        people[(theme_id, key)] += n
        negative_people[(theme_id, key)] += raw.negative_people[(theme_id, value)]
        positive_people[(theme_id, key)] += raw.positive_people[(theme_id, value)]
        theme_people[theme_id] += n
    themes = {t.pk: t for t in Theme.objects.for_project(scope.project.pk)}
    group_keys = sorted(groups, key=lambda k: (-group_people[k], groups[k], k))
    theme_order = sorted(theme_people, key=lambda t: (-theme_people[t], themes[t].name if t in themes else "", t))
    # Each row's groups add up to its people (everyone is in one group); columns do not (people raise several
    # themes). Protected together, with the same rule as every other count (heard.engagement.scope).
    counts = [[people[(theme_id, key)] for key in group_keys] for theme_id in theme_order]
    cell_rows, totals = scope.rows(counts, [theme_people[t] for t in theme_order])
    bases = [scope.figure(group_people[key]) for key in group_keys]
    rows = []
    for theme_id, row_cells, total in zip(theme_order, cell_rows, totals, strict=True):
        cells = []
        for key, cell, base in zip(group_keys, row_cells, bases, strict=True):
            negative = scope.figure(negative_people[(theme_id, key)])
            positive = scope.figure(positive_people[(theme_id, key)])
            cells.append(
                ThemeCell(
                    figure=cell,
                    share=cell.share_of(base),
                    hidden=cell.hidden,
                    negative_share=None if cell.hidden else negative.share_of(cell),
                    positive_share=None if cell.hidden else positive.share_of(cell),
                )
            )
        rows.append(
            ThemeRow(
                theme=themes.get(theme_id),
                total=total,
                cells=cells,
                negative_share=scope.figure(raw.negative_answers[theme_id]).share_of(total),
                theme_id=theme_id,
            )
        )
    return ThemeTable(by=by, rows=rows, groups=[(k, groups[k], group_people[k]) for k in group_keys], scope=scope)


def quotes_for(
    scope: AggregateScope,
    rows: list[ThemeRow],
    quotable: QuerySet[Answer],
    *,
    include_suggestions: bool = False,
    questions: Collection[str] | None = None,
) -> dict[int, list[str]]:
    """Theme id -> the example quotes of the rows' themes: none for a theme raised by fewer than 5 people outside
    host staff."""
    quoted = quoted_themes(scope, rows)
    return quotes_of(scope, quotable, quoted, include_suggestions=include_suggestions, questions=questions)


def quoted_themes(scope: AggregateScope, rows: list[ThemeRow]) -> list[int]:
    """The rows' themes that may have example quotes: none raised by fewer than 5 people outside host staff."""
    return [row.theme_id for row in rows if scope.exact or row.total.value >= SUPPRESSION_THRESHOLD]


def quotes_of(
    scope: AggregateScope,
    quotable: QuerySet[Answer],
    theme_ids: list[int],
    *,
    include_suggestions: bool,
    questions: Collection[str] | None,
) -> dict[int, list[str]]:
    """Each theme's first quotable answers, redacted: the only answers read whole."""
    chosen = theme_counts.first_quotable(
        scope.experiences,
        scope.project.pk,
        quotable,
        theme_ids,
        QUOTES_PER_THEME,
        include_suggestions=include_suggestions,
        questions=questions,
    )
    wanted = {answer_id for ids in chosen.values() for answer_id in ids}
    if not wanted:
        return {}
    read = {
        a.pk: a
        for a in Answer.objects.filter(pk__in=wanted)
        .only("pk", "text", "english_text", "language")
        .prefetch_related("redaction_decisions")
    }
    return {theme_id: [public_text(read[i]) for i in ids if i in read] for theme_id, ids in chosen.items()}
