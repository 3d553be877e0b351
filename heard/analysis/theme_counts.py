"""The theme table's counts, made by the database from the theme summary (`AnswerTheme`, heard.analysis.summary):
one row per answer x theme that applies, so the counts are a GROUP BY over a project's indexed summary rows
joined to the records in scope (which give the group: a record's community, partner, age, ...).

Which themes apply to an answer: the themes people decided apply (the latest decision per theme wins, as in
`actions.effective_themes`), and, when asked, the machine's suggestions too. A person is counted once per theme
and group however many of their answers have the theme; each record falls in exactly one group of a dimension,
so a theme's groups add up to the theme's people and the counts per raw value can be merged into coarser groups
(the 19 ethnic groups into 5) by adding them.

Raw SQL (a GROUP BY over a join to a subquery is beyond the ORM), built only from the models' table names and this
module's column names, every value a parameter; portable (SQLite and PostgreSQL): COUNT(DISTINCT CASE ...) rather
than FILTER, ROW_NUMBER() for the quotes. The records in scope come in as the SQL of their queryset, so every
access rule stays the queryset's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, QuerySet

from heard.analysis.models import AnswerTheme
from heard.engagement.models import Answer, Experience, Question, QuestionKind

# The ORM path of each dimension's column, from a record.
COLUMNS: dict[str, str] = {
    "community": "community_id",
    "partner": "partner_id",
    "method": "activity__method",
    "age_band": "age_band",
    "sex": "sex",
    "ethnic_group_5": "ethnic_group",
    "disability": "disability",
    "main_language": "main_language",
}
# Quotes: each theme's first candidates are read this many at a time, then checked against the quotable answers.
QUOTE_CANDIDATES = 10


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
    """The SELECT of the queryset; None when it can hold nothing (`.none()`, `__in=[]`)."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:
        return None
    return sql, tuple(params)


def free_text_questions(project_id: int, questions: Collection[str] | None) -> dict[int, int]:
    """The project's free-text questions counted (only those in `questions`, by code, when given): id ->
    position."""
    found = Question.objects.filter(project_id=project_id, kind=QuestionKind.FREE_TEXT)
    if questions is not None:
        found = found.filter(code__in=list(questions))
    return dict(found.values_list("pk", "position"))


def _rows(
    experiences: QuerySet[Experience],
    project_id: int,
    question_ids: Collection[int],
    column: str,
    *,
    suggestions: bool,
) -> tuple[str, tuple[Any, ...]] | None:
    """FROM ... WHERE over the summary rows that count: `t` the summary row, `e` its record in scope (`e.k` its
    id, `e.g` its group)."""
    selected = _sql(experiences.order_by().values(k=F("pk"), g=F(column)))
    if selected is None or not question_ids:
        return None
    experiences_sql, params = selected
    applies = "(t.coded OR t.suggested)" if suggestions else "t.coded"
    questions = ", ".join(str(int(q)) for q in question_ids)
    sql = (
        f"FROM {_q(AnswerTheme._meta.db_table)} t JOIN ({experiences_sql}) e ON e.k = t.experience_id "
        f"WHERE t.project_id = %s AND t.question_id IN ({questions}) AND {applies}"
    )
    return sql, (*params, project_id)


def count(
    experiences: QuerySet[Experience],
    project_id: int,
    by: str,
    *,
    include_suggestions: bool,
    questions: Collection[str] | None = None,
    themes: Collection[int] | None = None,
) -> Counts:
    """People per group (those with an answer to a counted question), and per theme and group (all, negative,
    positive), in two GROUP BY queries. `themes`: count only these themes (the per-theme figures of the others,
    and the people per group, left out: heard.analysis.theme_cache merges them into counts it keeps)."""
    column = COLUMNS[by]
    counts = Counts()
    question_ids = free_text_questions(project_id, questions)
    rows = _rows(experiences, project_id, question_ids, column, suggestions=include_suggestions)
    if rows is None or (themes is not None and not themes):
        return counts
    if themes is None:
        answered = Answer.objects.filter(experience_id=OuterRef("pk"), question_id__in=list(question_ids))
        heard = experiences.filter(Exists(answered)).order_by().values_list(column).annotate(n=Count("pk"))
        for value, people in heard:
            counts.group_people[value] = people
    from_where, params = rows
    if themes is not None:
        from_where += f" AND t.theme_id IN ({', '.join(str(int(t)) for t in sorted(themes))})"
    # Each (theme, group, person) once, then counted: a hash aggregate, not the sorts COUNT(DISTINCT ...) needs.
    sql = (
        "SELECT theme_id, g, COUNT(*), SUM(negative), SUM(positive), SUM(negative_answers) FROM ("  # noqa: S608
        "SELECT t.theme_id, e.g, t.experience_id, "
        "MAX(CASE WHEN t.score >= 4 THEN 1 ELSE 0 END) AS negative, "
        "MAX(CASE WHEN t.score <= 2 THEN 1 ELSE 0 END) AS positive, "
        "SUM(CASE WHEN t.score >= 4 THEN 1 ELSE 0 END) AS negative_answers "
        f"{from_where} GROUP BY t.theme_id, e.g, t.experience_id) people GROUP BY theme_id, g"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for theme_id, value, people, negative, positive, negative_answers in cursor.fetchall():
            counts.people[(theme_id, value)] = people
            counts.negative_people[(theme_id, value)] = int(negative)
            counts.positive_people[(theme_id, value)] = int(positive)
            counts.negative_answers[theme_id] += int(negative_answers)
    return counts


def first_quotable(
    experiences: QuerySet[Experience],
    project_id: int,
    quotable: QuerySet[Answer],
    theme_ids: Collection[int],
    per_theme: int,
    *,
    include_suggestions: bool,
    questions: Collection[str] | None = None,
) -> dict[int, list[int]]:
    """Theme -> the ids of its first `per_theme` quotable answers in scope, in the answers' own order (question,
    then id). Each theme's first candidates per question are a short walk of the summary's index (one query, a
    LIMIT per theme and question), then the quotable ones in scope among them are found by their ids; a theme
    short of quotes reads ten times as many candidates again (rarely: most answers may be quoted)."""
    positions = free_text_questions(project_id, questions)
    if not theme_ids or per_theme <= 0 or not positions:
        return {}
    applies = "(t.coded OR t.suggested)" if include_suggestions else "t.coded"
    table = _q(AnswerTheme._meta.db_table)
    in_scope = quotable.filter(experience__in=experiences)
    if _sql(in_scope) is None:  # nobody's words may be quoted (a steering member while no partner shares words)
        return {}
    found: dict[int, list[int]] = defaultdict(list)
    wanted = sorted({int(t) for t in theme_ids})
    batch = max(QUOTE_CANDIDATES, per_theme)
    while wanted:
        parts, params = [], []
        for theme_id in wanted:
            for question_id in positions:
                parts.append(
                    "SELECT * FROM (SELECT t.theme_id, t.question_id, t.answer_id FROM "  # noqa: S608
                    f"{table} t WHERE t.project_id = %s AND t.theme_id = %s AND t.question_id = %s AND {applies} "
                    "ORDER BY t.answer_id LIMIT %s) c"
                )
                params += [project_id, theme_id, question_id, batch]
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            candidates = sorted(cursor.fetchall(), key=lambda row: (row[0], row[1], row[2]))
        ok = set(in_scope.filter(pk__in=[row[2] for row in candidates]).values_list("pk", flat=True))
        by_question: dict[tuple[int, int], list[int]] = defaultdict(list)
        for theme_id, question_id, answer_id in candidates:
            by_question[(theme_id, question_id)].append(answer_id)
        short = []
        for theme_id in wanted:
            found[theme_id] = []
            for question_id in sorted(positions, key=lambda q: (positions[q], q)):
                read = by_question[(theme_id, question_id)]
                found[theme_id] += [a for a in read if a in ok][: per_theme - len(found[theme_id])]
                if len(found[theme_id]) == per_theme:
                    break
                if len(read) == batch:  # this question may hold more, before any later question's
                    short.append(theme_id)
                    break
        wanted = short
        batch *= 10
    return {t: ids for t, ids in found.items() if ids}
