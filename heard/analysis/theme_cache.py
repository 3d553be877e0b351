"""The themes page's exact counts, kept between changes: a code costs a recount of its theme, not of the project.

The counts (heard.analysis.theme_counts: people per group, and per theme and group) are kept in the shared cache
under the project's records' token (heard.engagement.generation, `coding=False`), each theme's with the token it
was counted at (heard.analysis.theme_generation: the database replaces a theme's token in the same transaction as
any code, suggestion or sentiment that touches it). On the next request:

- nothing moved: the kept counts, as they are;
- some themes' tokens moved (a coding session): those themes alone are counted again (the same GROUP BY, limited
  to them) and merged into the kept counts; the people per group are kept (they read no code);
- the records' token moved (records, answers, questions, a record's groups, an import, erasure, retention):
  another key, so everything is counted again.

Each theme's counts are the data at the token they are kept with or newer, never older, and all of them at the
records' token of their key: the tokens are read BEFORE counting (a code that commits meanwhile leaves newer
counts under its theme's older token, which the next request counts again), and the records' token again AFTER:
if it moved meanwhile nothing is kept (the counts could mix two records' generations). So two processes merging at
once each keep a whole set (the last one written wins), never a mix of generations. A rolled-back write leaves
nothing: its tokens are random and go with it.

These are the exact counts of the person's scope (a partner's own records, or the project's), never shown as
they are: protection (heard.engagement.scope) is applied to them at every drawing, as when they were counted at
every request. They are numbers only, no residents' words, so they may live in the shared cache (decision record
0011).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from django.core.cache import caches
from django.db import connection
from django.db.models import QuerySet

from heard.analysis import charts, tables, theme_counts, theme_generation
from heard.engagement import generation
from heard.engagement.models import Answer
from heard.engagement.scope import AggregateScope

Marks = tuple[str, dict[int, int]]  # what `marks()` reads


@dataclass
class Kept:
    versions: dict[int, int]  # theme -> its token, read before its counts were counted
    counts: theme_counts.Counts


def marks(project_id: int) -> Marks:
    """One query: the project's records' token (as `generation.token(project_id, coding=False)` writes it) and
    each of its themes' tokens (theme 0: its sentiment)."""
    ids = [generation.EVERY_PROJECT, project_id]
    sql = (
        f"SELECT 0, project_id, token FROM {generation.TABLE} WHERE project_id IN (%s, %s) "  # noqa: S608
        f"UNION ALL SELECT 1, theme_id, token FROM {theme_generation.TABLE} WHERE project_id = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*ids, project_id])
        rows = cursor.fetchall()
    records = {key: token for kind, key, token in rows if kind == 0}
    themes = {int(key): int(token) for kind, key, token in rows if kind == 1}
    return ".".join(str(records.get(i, "-")) for i in ids), themes


def _key(*parts: object) -> str:
    return "theme-counts:" + hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()


def _moved(now: dict[int, int], kept: dict[int, int]) -> set[int]:
    return {t for t in set(now) | set(kept) if t != theme_generation.SENTIMENT and now.get(t) != kept.get(t)}


def _merge(kept: theme_counts.Counts, fresh: theme_counts.Counts, moved: Collection[int]) -> theme_counts.Counts:
    """The kept counts with the moved themes' replaced by the fresh ones (a theme nobody raises any more: gone)."""
    merged = theme_counts.Counts(group_people=dict(kept.group_people))
    for name in ("people", "negative_people", "positive_people"):
        old: dict[tuple[int, object], int] = getattr(kept, name)
        new: dict[tuple[int, object], int] = getattr(fresh, name)
        setattr(merged, name, {k: v for k, v in old.items() if k[0] not in moved} | new)
    negative: defaultdict[int, int] = defaultdict(int)
    negative.update({t: n for t, n in kept.negative_answers.items() if t not in moved})
    negative.update(fresh.negative_answers)
    merged.negative_answers = negative
    return merged


def counts(
    scope: AggregateScope,
    by: str,
    *,
    include_suggestions: bool,
    questions: Collection[str] | None = None,
    read: Marks | None = None,
) -> theme_counts.Counts:
    """`theme_counts.count(...)` for the scope, counting again only what changed since it was last counted.
    `read`: `marks(project)` when the caller read them already, before counting and after reading the token of
    any cache it keeps what it makes of these counts under."""
    project_id = scope.project.pk
    records, versions = read or marks(project_id)
    key = _key(
        project_id,
        records,
        generation.scope_key(scope),
        by,
        include_suggestions,
        None if questions is None else sorted(questions),
    )
    cache = caches[generation.CACHE]
    kept: Kept | None = cache.get(key)

    def count(themes: Collection[int] | None) -> theme_counts.Counts:
        return theme_counts.count(
            scope.experiences,
            project_id,
            by,
            include_suggestions=include_suggestions,
            questions=questions,
            themes=themes,
        )

    if kept is None:
        found = count(None)
    else:
        moved = _moved(versions, kept.versions)
        if not moved:
            return kept.counts
        found = _merge(kept.counts, count(moved), moved)
    if marks(project_id)[0] == records:  # else the counts may mix two records' generations: keep nothing
        cache.set(key, Kept(versions, found), generation.TIMEOUT)
    return found


def feelings(scope: AggregateScope, by: str, read: Marks | None = None) -> Counter[tuple[str, str]]:
    """`charts.feeling_counts(scope, by)`, kept under the records' token and the project's sentiment token (a code
    leaves it; a change of sentiment counts it again)."""
    project_id = scope.project.pk
    records, versions = read or marks(project_id)
    sentiment = versions.get(theme_generation.SENTIMENT)
    key = _key("feelings", project_id, records, sentiment, generation.scope_key(scope), by)
    cache = caches[generation.CACHE]
    found: Counter[tuple[str, str]] | None = cache.get(key)
    if found is None:
        found = charts.feeling_counts(scope, by)
        cache.set(key, found, generation.TIMEOUT)
    return found


def quotes(
    scope: AggregateScope,
    rows: list[tables.ThemeRow],
    quotable: QuerySet[Answer],
    *,
    include_suggestions: bool,
    questions: Collection[str] | None = None,
) -> dict[int, list[str]]:
    """`tables.quotes_for(...)`, each theme's quotes kept in this process's memory (`generation.WORDS_CACHE`,
    residents' words: never the shared cache) under the records' token, the theme's token and the project's
    redaction token: after a code only that theme's quotes are read again. Whatever else says which words may be
    quoted (consent, a safeguarding flag, erasure, a data-sharing agreement) replaces the records' token or
    changes the quotable answers' query, which the key holds."""
    project_id = scope.project.pk
    quoted = tables.quoted_themes(scope, rows)
    if not quoted:
        return {}
    records, versions = marks(project_id)
    base = (
        "quotes",
        project_id,
        records,
        versions.get(theme_generation.REDACTION),
        generation.scope_key(scope),
        generation.query_key(quotable),
        include_suggestions,
        None if questions is None else sorted(questions),
    )
    keys = {theme_id: _key(*base, theme_id, versions.get(theme_id)) for theme_id in quoted}
    cache = caches[generation.WORDS_CACHE]
    kept = cache.get_many(list(keys.values()))
    missing = [t for t in quoted if keys[t] not in kept]
    if missing:
        fresh = tables.quotes_of(scope, quotable, missing, include_suggestions=include_suggestions, questions=questions)
        words = {keys[t]: fresh.get(t, []) for t in missing}
        cache.set_many(words, generation.TIMEOUT)
        kept.update(words)
    return {t: kept[keys[t]] for t in quoted if kept[keys[t]]}
