"""The theme table's counts, made by the database: GROUP BY queries over the answers in scope and their themes.

Which themes apply to an answer: the themes people decided apply (the latest decision per theme wins, as in
`actions.effective_themes`), and, when asked, the machine's suggestions too. A person is counted once per theme
and group however many of their answers have the theme; each record falls in exactly one group of a dimension,
so a theme's groups add up to the theme's people and the counts per raw value can be merged into coarser groups
(the 19 ethnic groups into 5) by adding them.

Raw SQL (a GROUP BY over a UNION is beyond the ORM), built only from the models' table names and this module's
column names, every value a parameter; portable (SQLite and PostgreSQL): COUNT(DISTINCT CASE ...) rather than
FILTER, ROW_NUMBER() for the quotes. The answers in scope come in as the SQL of their queryset, so every access
rule stays the queryset's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, QuerySet

from heard.analysis.models import AnswerSentiment, Code, Suggestion
from heard.engagement.models import Activity, Answer, Experience, Question

# The column of each dimension: (SQL over the aliases e = record, act = activity; the ORM path).
COLUMNS: dict[str, tuple[str, str]] = {
    "community": ("e.community_id", "experience__community_id"),
    "partner": ("e.partner_id", "experience__partner_id"),
    "method": ("act.method", "experience__activity__method"),
    "age_band": ("e.age_band", "experience__age_band"),
    "sex": ("e.sex", "experience__sex"),
    "ethnic_group_5": ("e.ethnic_group", "experience__ethnic_group"),
    "disability": ("e.disability", "experience__disability"),
    "main_language": ("e.main_language", "experience__main_language"),
}
# sentiment_group(): 1-2 positive, 3 neutral or mixed, 4-5 negative; a person's decision over the suggestion.
SCORE = "COALESCE(NULLIF(s.decided, 0), NULLIF(s.suggested, 0))"


@dataclass
class Counts:
    """Raw counts, keyed by the dimension's stored value (None where the record has none)."""

    group_people: dict[Any, int] = field(default_factory=dict)  # people with an answer in scope, per group
    people: dict[tuple[int, Any], int] = field(default_factory=dict)  # (theme, group) -> people
    negative_people: dict[tuple[int, Any], int] = field(default_factory=dict)
    positive_people: dict[tuple[int, Any], int] = field(default_factory=dict)
    negative_answers: dict[int, int] = field(default_factory=lambda: defaultdict(int))  # theme -> answers


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _sql(queryset: QuerySet[Any]) -> tuple[str, tuple[Any, ...]] | None:
    """The SELECT of the queryset's ids; None when it can hold nothing (`.none()`, `__in=[]`)."""
    try:
        sql, params = queryset.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:
        return None
    return sql, tuple(params)


def answers_in_scope(answers: QuerySet[Answer], questions: Collection[str] | None) -> QuerySet[Answer]:
    """The free-text answers counted (only those to `questions`, by code, when given)."""
    answers = answers.filter(question__kind="free_text")
    if questions is not None:
        answers = answers.filter(question__code__in=list(questions))
    return answers


def _pairs(answers_sql: str, *, include_suggestions: bool) -> str:
    """SQL for the distinct (answer_id, theme_id) pairs: themes that apply to the answers of `answers_sql`."""
    code = _q(Code._meta.db_table)
    coded = (
        f"SELECT c.answer_id, c.theme_id FROM {code} c WHERE c.applied AND c.answer_id IN ({answers_sql}) "  # noqa: S608
        f"AND NOT EXISTS (SELECT 1 FROM {code} later WHERE later.answer_id = c.answer_id "
        "AND later.theme_id = c.theme_id AND NOT later.applied AND later.coded_at > c.coded_at)"
    )
    if not include_suggestions:
        return coded.replace("SELECT ", "SELECT DISTINCT ", 1)
    suggestion = _q(Suggestion._meta.db_table)
    union = f"UNION SELECT g.answer_id, g.theme_id FROM {suggestion} g WHERE g.answer_id IN ({answers_sql})"  # noqa: S608
    return f"{coded} {union}"


def _joins(by: str) -> str:
    joins = (
        f"JOIN {_q(Answer._meta.db_table)} a ON a.id = p.answer_id "
        f"JOIN {_q(Experience._meta.db_table)} e ON e.id = a.experience_id "
        f"LEFT JOIN {_q(AnswerSentiment._meta.db_table)} s ON s.answer_id = a.id"
    )
    if by == "method":
        joins += f" LEFT JOIN {_q(Activity._meta.db_table)} act ON act.id = e.activity_id"
    return joins


def count(answers: QuerySet[Answer], by: str, *, include_suggestions: bool) -> Counts:
    """People per group, and per theme and group (all, negative, positive), in two GROUP BY queries."""
    column, path = COLUMNS[by]
    counts = Counts()
    selected = _sql(answers)
    if selected is None:
        return counts
    answers_sql, params = selected
    for value, people in answers.order_by().values_list(path).annotate(n=Count("experience_id", distinct=True)):
        counts.group_people[value] = people
    pairs = _pairs(answers_sql, include_suggestions=include_suggestions)
    sql = (
        f"SELECT p.theme_id, {column}, COUNT(DISTINCT a.experience_id), "  # noqa: S608
        f"COUNT(DISTINCT CASE WHEN {SCORE} >= 4 THEN a.experience_id END), "
        f"COUNT(DISTINCT CASE WHEN {SCORE} <= 2 THEN a.experience_id END), "
        f"COUNT(CASE WHEN {SCORE} >= 4 THEN 1 END) "
        f"FROM ({pairs}) p {_joins(by)} GROUP BY p.theme_id, {column}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params * (2 if include_suggestions else 1))
        for theme_id, value, people, negative, positive, negative_answers in cursor.fetchall():
            counts.people[(theme_id, value)] = people
            counts.negative_people[(theme_id, value)] = negative
            counts.positive_people[(theme_id, value)] = positive
            counts.negative_answers[theme_id] += negative_answers
    return counts


def first_quotable(
    answers: QuerySet[Answer],
    quotable: QuerySet[Answer],
    theme_ids: Collection[int],
    per_theme: int,
    *,
    include_suggestions: bool,
) -> dict[int, list[int]]:
    """Theme -> the ids of its first `per_theme` quotable answers in scope, in the answers' own order (question,
    then id): only those few rows leave the database."""
    if not theme_ids or per_theme <= 0:
        return {}
    selected, quotable_selected = _sql(answers), _sql(quotable)
    if selected is None or quotable_selected is None:
        return {}
    (answers_sql, params), (quotable_sql, quotable_params) = selected, quotable_selected
    pairs = _pairs(answers_sql, include_suggestions=include_suggestions)
    themes = ", ".join(str(int(t)) for t in theme_ids)
    sql = (
        "SELECT theme_id, answer_id FROM ("  # noqa: S608
        "SELECT p.theme_id, p.answer_id, ROW_NUMBER() OVER "
        "(PARTITION BY p.theme_id ORDER BY q.position, p.answer_id) AS n "
        f"FROM ({pairs}) p JOIN {_q(Answer._meta.db_table)} a ON a.id = p.answer_id "
        f"JOIN {_q(Question._meta.db_table)} q ON q.id = a.question_id "
        f"WHERE p.theme_id IN ({themes}) AND p.answer_id IN ({quotable_sql})"
        ") ranked WHERE n <= %s ORDER BY theme_id, n"
    )
    found: dict[int, list[int]] = defaultdict(list)
    with connection.cursor() as cursor:
        cursor.execute(sql, params * (2 if include_suggestions else 1) + quotable_params + (per_theme,))
        for theme_id, answer_id in cursor.fetchall():
            found[theme_id].append(answer_id)
    return found
