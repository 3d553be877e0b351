"""The theme table: what residents talked about, by community, partner, method or demographic group.

One calculation for every place that shows it (the Understand page's theme table, the Report's sections), so
they can never disagree. Counts come from the aggregate scope given (exact for host staff, protected for anyone
else, heard.engagement.scope); quotes only from the quotable answers given (`privacy.outputs.quotable_answers`),
written with `privacy.outputs.public_text`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from heard.analysis.actions import effective_themes
from heard.analysis.models import Suggestion, Theme
from heard.engagement.models import Answer, Experience, Method
from heard.engagement.scope import AggregateScope
from heard.lib import census
from heard.lib.disclosure import Cell
from heard.lib.numbers import SUPPRESSION_THRESHOLD
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


def group_of(experience: Experience, by: str) -> tuple[str, str]:
    """The (key, label) of the group a resident's record falls in for the dimension `by`."""
    if by == "community":
        return (
            str(experience.community_id or ""),
            experience.community.name if experience.community else "Not recorded",
        )
    if by == "partner":
        return (str(experience.partner_id), experience.partner.name)
    if by == "method":
        method = experience.activity.method if experience.activity else ""
        return (method, dict(Method.choices).get(method, "Not recorded"))
    if by == "ethnic_group_5":
        code = census.high_level_group(experience.ethnic_group) or ""
        return (code, census.label(census.ETHNIC_GROUPS_5, code) if code else "Not answered")
    value = getattr(experience, by)
    choices = DIMENSIONS[by][1]
    return (value, census.label(census.with_prefer_not_to_say(choices), value) if value else "Not answered")


def _answers(scope: AggregateScope, questions: Collection[str] | None) -> list[Answer]:
    answers = scope.answers().filter(question__kind="free_text")
    if questions is not None:
        answers = answers.filter(question__code__in=list(questions))
    return list(
        answers.select_related(
            "experience", "experience__community", "experience__partner", "experience__activity", "sentiment"
        )
        .only(
            "pk",
            "text",
            "english_text",
            "language",
            "experience__consent_quote",
            "experience__consent_store",
            "experience__community__name",
            "experience__partner__name",
            "experience__activity__method",
            "experience__age_band",
            "experience__sex",
            "experience__ethnic_group",
            "experience__disability",
            "experience__main_language",
            "sentiment__suggested",
            "sentiment__decided",
        )
        .prefetch_related("redaction_decisions")
    )


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
    `questions`: only the answers to these free-text questions (by code), e.g. "what would help"."""
    if by not in DIMENSIONS:
        by = "community"
    project = scope.project
    answers_list = _answers(scope, questions)
    effective = effective_themes([a.pk for a in answers_list])
    if include_suggestions:
        for answer_id, theme_id in Suggestion.objects.filter(answer__in=answers_list).values_list(
            "answer_id", "theme_id"
        ):
            effective[answer_id].add(theme_id)
    themes = {t.pk: t for t in Theme.objects.for_project(project.pk)}
    quotable_ids = set(quotable.values_list("pk", flat=True))
    groups: dict[str, str] = {}
    people: dict[tuple[int, str], set[int]] = defaultdict(set)
    feeling: dict[tuple[int, str, str], set[int]] = defaultdict(set)
    group_people: dict[str, set[int]] = defaultdict(set)
    negative: Counter[int] = Counter()
    theme_people: dict[int, set[int]] = defaultdict(set)
    quotes: dict[int, list[Answer]] = defaultdict(list)
    for answer in answers_list:
        key, label = group_of(answer.experience, by)
        groups[key] = label
        group_people[key].add(answer.experience_id)
        sentiment = getattr(answer, "sentiment", None)
        mood = sentiment.group if sentiment is not None else None
        for theme_id in effective.get(answer.pk, ()):
            people[(theme_id, key)].add(answer.experience_id)
            theme_people[theme_id].add(answer.experience_id)
            if mood is not None:
                feeling[(theme_id, key, mood)].add(answer.experience_id)
            if mood == "negative":
                negative[theme_id] += 1
            if answer.pk in quotable_ids and len(quotes[theme_id]) < QUOTES_PER_THEME:
                quotes[theme_id].append(answer)
    group_keys = sorted(groups, key=lambda k: -len(group_people[k]))
    theme_order = sorted(theme_people, key=lambda t: -len(theme_people[t]))
    # Each row's groups add up to its people (everyone is in one group); columns do not (people raise several
    # themes). Protected together, with the same rule as every other count (heard.engagement.scope).
    counts = [[len(people.get((theme_id, key), ())) for key in group_keys] for theme_id in theme_order]
    cell_rows, totals = scope.rows(counts, [len(theme_people[t]) for t in theme_order])
    bases = [scope.figure(len(group_people[key])) for key in group_keys]
    rows = []
    for theme_id, row_cells, total in zip(theme_order, cell_rows, totals, strict=True):
        cells = []
        for key, cell, base in zip(group_keys, row_cells, bases, strict=True):
            negative_people = scope.figure(len(feeling.get((theme_id, key, "negative"), ())))
            positive_people = scope.figure(len(feeling.get((theme_id, key, "positive"), ())))
            cells.append(
                ThemeCell(
                    figure=cell,
                    share=cell.share_of(base),
                    hidden=cell.hidden,
                    negative_share=None if cell.hidden else negative_people.share_of(cell),
                    positive_share=None if cell.hidden else positive_people.share_of(cell),
                )
            )
        rows.append(
            ThemeRow(
                theme=themes.get(theme_id),
                total=total,
                cells=cells,
                negative_share=scope.figure(negative[theme_id]).share_of(total),
                quotes=[public_text(a) for a in quotes[theme_id]]
                if (scope.exact or total.value >= SUPPRESSION_THRESHOLD)
                else [],
            )
        )
    return ThemeTable(by=by, rows=rows, groups=[(k, groups[k], len(group_people[k])) for k in group_keys], scope=scope)
