"""A per-project data generation: a token that every write to a project's records, answers, codes, suggestions,
sentiment, activities, questions, themes, safeguarding flags or redaction decisions replaces, in the same
transaction, so that figures cached under it are never read after the data they count changed (decision record
0011).

The token is written by database triggers (installed with the theme summary's, heard.analysis.summary), never by
Python, so every path that writes is covered: the actions, imports, bulk writes, `update()`, cascades from an
erased record or a retention delete, data fixes. On PostgreSQL they are statement-level: a 1,000,000-row import
replaces a project's token once per statement, not once per row. Row 0 is every project's: reference data that
any project's figures show (communities, partner organisations, national themes, data-sharing agreements)
replaces it. Coding (codes, suggestions, sentiment, local themes, redaction decisions) replaces the project's
coding row (-project_id) instead of its records' row, so figures that count records only (the dashboard) read
`token(project_id, coding=False)` and stay cached through a coding session.

A token is a random 63-bit number, never a counter: a transaction that rolls back takes its new token with it,
and a counter would hand the same number to the next write, whose figures would then be mistaken for the ones
cached inside the rolled-back transaction. A random token is never seen again.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Collection, Hashable
from typing import Any, TypeVar

from django.core.cache import caches
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import QuerySet
from django.utils import translation

from heard.engagement.scope import AggregateScope

T = TypeVar("T")

TABLE = "engagement_datageneration"
EVERY_PROJECT = 0
# The cache the figures live in: the shared one (the database cache, or Redis when configured), so that several
# web processes count a generation's figures once between them, not once each; a hit cost the same as in each
# process's own memory (docs/performance.md). The token, read from the database at each request, keeps it right.
CACHE = "shared"
# Figures that carry residents' own words (the themes page's quotes) are kept in each web process's memory only,
# never in the shared cache's table or Redis: an erased resident's words, or words whose consent to quote was
# withdrawn, are then never written to storage outside their record, and leave memory within TIMEOUT (the new
# generation token already makes them unreachable at once).
WORDS_CACHE = "default"
TIMEOUT = 60 * 60

_ANSWER_PROJECT = "(SELECT e.project_id FROM engagement_experience e WHERE e.id = r.experience_id)"
_CODED_PROJECT = (
    "(SELECT e.project_id FROM engagement_answer a JOIN engagement_experience e ON e.id = a.experience_id "
    "WHERE a.id = r.answer_id)"
)
# Table -> SQL for the project a changed row `r` belongs to (NULL or 0: every project's token).
WATCHED = {
    "engagement_project": "r.id",
    "engagement_projectpartner": "r.project_id",
    "engagement_activity": "r.project_id",
    "engagement_question": "r.project_id",
    "engagement_experience": "r.project_id",
    "engagement_answer": _ANSWER_PROJECT,
    "analysis_code": _CODED_PROJECT,
    "analysis_suggestion": _CODED_PROJECT,
    "analysis_answersentiment": _CODED_PROJECT,
    "analysis_theme": "r.project_id",
    # What may be quoted: a safeguarding flag holds words back, a redaction decision changes them, a data-sharing
    # agreement lets a partner's words be shown.
    "privacy_safeguardingflag": _ANSWER_PROJECT,
    "privacy_redactiondecision": _CODED_PROJECT,
    "privacy_datasharingagreement": "0",
    "partners_organisation": "0",
    "partners_community": "0",
}
EVENTS = ("insert", "update", "delete")
TRANSITION_ROWS = {"insert": ["new_rows"], "update": ["old_rows", "new_rows"], "delete": ["old_rows"]}


def statement_trigger_sql(name: str, table: str, event: str, statements: list[str]) -> list[str]:
    """PostgreSQL: a function `name` running `statements` and an AFTER `event` trigger on `table` that calls it once
    per statement, its rows as the transition tables TRANSITION_ROWS[event] names (new_rows, old_rows)."""
    rows = TRANSITION_ROWS[event]
    referencing = " ".join(f"{'NEW' if r == 'new_rows' else 'OLD'} TABLE AS {r}" for r in rows)
    body = ";\n  ".join(statements)
    return [
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $body$\n"
        f"BEGIN\n  {body};\n  RETURN NULL;\nEND\n$body$",
        f"DROP TRIGGER IF EXISTS {name} ON {table}",
        f"CREATE TRIGGER {name} AFTER {event.upper()} ON {table} REFERENCING {referencing} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()",
    ]


# Coding: what people and the machine decided about the answers' themes, sentiment and redaction. These replace the
# project's coding token (row -project_id), not its records' token (row project_id), so figures that count only
# records (the dashboard) survive a coding session. `token()` reads both; `token(..., coding=False)` the records'.
CODING = frozenset(
    {"analysis_code", "analysis_suggestion", "analysis_answersentiment", "analysis_theme", "privacy_redactiondecision"}
)
# Columns a coding write keeps on a records' table, which do not change what the records' figures count: the coding
# grid's stored order (heard.analysis.actions.refresh_grid_keys). An update of these alone replaces no token (the
# codes and suggestions that changed them replace the coding token themselves).
CODING_COLUMNS = {"engagement_answer": ("is_coded", "top_confidence")}


def _random(vendor: str) -> str:
    return "random()" if vendor == "sqlite" else "floor(random() * 9.2e18)::bigint"


def _row_id(table: str, project: str) -> str:
    """SQL: the generation row a changed row of `table` replaces: the project's (0: every project's), or minus the
    project's for coding."""
    return f"-COALESCE({project}, 0)" if table in CODING else f"COALESCE({project}, 0)"


def _bump_sql(vendor: str, table: str, rows: str) -> str:
    """SQL: gives every project a row of `rows` (aliased r) belongs to a new token."""
    changed = f"SELECT DISTINCT {_row_id(table, WATCHED[table])} AS p FROM {rows} r"  # noqa: S608
    return (
        f"INSERT INTO {TABLE} (project_id, token) SELECT p, {_random(vendor)} FROM ({changed}) changed "  # noqa: S608
        "WHERE true ON CONFLICT (project_id) DO UPDATE SET token = excluded.token"
    )


def _row_bump_sql(table: str, row: str) -> str:
    """SQLite: the same for one row (NEW or OLD) of a per-row trigger."""
    project = re.sub(r"\br\.", f"{row}.", WATCHED[table])
    return (
        f"INSERT INTO {TABLE} (project_id, token) SELECT {_row_id(table, project)}, random() "
        "WHERE true ON CONFLICT (project_id) DO UPDATE SET token = excluded.token;"
    )


def _changed_rows(table: str, rows: str) -> str:
    """PostgreSQL, an update's `rows` (old_rows or new_rows) less those whose only change is to CODING_COLUMNS."""
    ignored = CODING_COLUMNS.get(table)
    if not ignored:
        return rows
    other = "new_rows" if rows == "old_rows" else "old_rows"
    minus = "".join(f" - '{column}'" for column in ignored)
    return (
        f"(SELECT c.* FROM {rows} c JOIN {other} d ON d.id = c.id "  # noqa: S608
        f"WHERE (to_jsonb(c){minus}) IS DISTINCT FROM (to_jsonb(d){minus}))"
    )


def _sqlite_columns(using: BaseDatabaseWrapper | None, table: str) -> list[str]:
    """SQLite: the columns an update of which replaces a token (all but CODING_COLUMNS); [] for all of them."""
    ignored = CODING_COLUMNS.get(table)
    if not ignored or using is None:
        return []
    with using.cursor() as cursor:
        columns = [c.name for c in using.introspection.get_table_description(cursor, table)]
    return [c for c in columns if c not in ignored]


def trigger_sql(vendor: str, tables: Collection[str] = WATCHED, using: BaseDatabaseWrapper | None = None) -> list[str]:
    """Creates (or replaces) the triggers on `tables` (those of the database's watched tables that exist): per
    statement on PostgreSQL (transition tables), per row on SQLite (`using`: the connection, whose columns say what
    an update must touch to count)."""
    found = []
    for table in (t for t in WATCHED if t in tables):
        for event in EVENTS:
            name = f"{table}_generation_{event}"
            if vendor == "postgresql":
                rows = TRANSITION_ROWS[event]
                changed = {r: _changed_rows(table, r) if event == "update" else r for r in rows}
                found += statement_trigger_sql(name, table, event, [_bump_sql(vendor, table, changed[r]) for r in rows])
            else:
                rows = {"insert": ["NEW"], "update": ["OLD", "NEW"], "delete": ["OLD"]}[event]
                body = " ".join(_row_bump_sql(table, row) for row in rows)
                columns = _sqlite_columns(using, table) if event == "update" else []
                of = f" OF {', '.join(columns)}" if columns else ""
                found.append(f"DROP TRIGGER IF EXISTS {name}")
                found.append(f"CREATE TRIGGER {name} AFTER {event.upper()}{of} ON {table} BEGIN {body} END")
    return found


def drop_sql(vendor: str, tables: Collection[str]) -> list[str]:
    """Drops the triggers on those of the watched tables that exist (`tables`: the database's table names)."""
    found = []
    for table in WATCHED:
        for event in EVENTS:
            name = f"{table}_generation_{event}"
            if vendor == "postgresql":
                if table in tables:
                    found.append(f"DROP TRIGGER IF EXISTS {name} ON {table}")
                found.append(f"DROP FUNCTION IF EXISTS {name}()")
            else:
                found.append(f"DROP TRIGGER IF EXISTS {name}")
    return found


def install_triggers(using: BaseDatabaseWrapper) -> None:
    tables = set(using.introspection.table_names())
    if TABLE not in tables:
        return
    with using.cursor() as cursor:
        for sql in trigger_sql(using.vendor, tables, using):
            cursor.execute(sql)


def remove_triggers(using: BaseDatabaseWrapper) -> None:
    tables = set(using.introspection.table_names())
    with using.cursor() as cursor:
        for sql in drop_sql(using.vendor, tables):
            cursor.execute(sql)


def token(project_id: int, *, coding: bool = True) -> str:
    """The project's data generation and every project's, as one string; "-" where none was written yet.
    `coding=False`: without the project's coding (CODING), for figures that count only records."""
    ids = [EVERY_PROJECT, project_id, -project_id] if coding else [EVERY_PROJECT, project_id]
    with connection.cursor() as cursor:
        marks = ", ".join(["%s"] * len(ids))
        cursor.execute(f"SELECT project_id, token FROM {TABLE} WHERE project_id IN ({marks})", ids)  # noqa: S608
        tokens = dict(cursor.fetchall())
    return ".".join(str(tokens.get(i, "-")) for i in ids)


def scope_key(scope: AggregateScope) -> str:
    """Everything about whose records a person's figures count and how they see them: exact or protected, the
    partner organisation, and the records' query itself (so two scopes that count different records never share
    a key, whatever made them)."""
    return f"{'exact' if scope.exact else 'protected'}|{scope.organisation_id}|{query_key(scope.experiences)}"


def query_key(queryset: QuerySet[Any]) -> str:
    """A queryset's SQL with its values, as a part of a cache key ("nothing" for one that can match nothing)."""
    try:
        return str(queryset.query)
    except EmptyResultSet:
        return "nothing"


def cached(
    name: str,
    scope: AggregateScope,
    parts: tuple[Hashable, ...],
    compute: Callable[[], T],
    *,
    store: str = CACHE,
    coding: bool = True,
) -> T:
    """`compute()`'s figures for `scope`, from the cache while the project's data is what they counted.

    The token is read BEFORE computing: a write that commits in between leaves newer figures under the older
    token, never older figures under the newer one. `parts`: everything else the answer depends on (filters,
    the person's quotable answers' query, ...). The value must pickle without reading the database (no
    QuerySet inside). `store`: WORDS_CACHE when the value holds residents' words. `coding=False` only for
    figures that read none of the CODING tables (they then survive a coding session)."""
    return cached_for(scope.project.pk, (name, scope_key(scope), *parts), compute, store=store, coding=coding)


def cached_for(
    project_id: int,
    parts: tuple[Hashable, ...],
    compute: Callable[[], T],
    *,
    store: str = CACHE,
    coding: bool = True,
) -> T:
    """`compute()`'s value from the cache while the project's data generation is the one it was computed under:
    `parts` must say everything else the value depends on, whose records it reads included (`query_key` of the
    person's queryset, or `scope_key`), as `cached` does for an aggregate scope."""
    generation = token(project_id, coding=coding)
    raw = "|".join([str(project_id), str(coding), generation, translation.get_language() or "", *map(str, parts)])
    key = "figures:" + hashlib.sha256(raw.encode()).hexdigest()
    cache = caches[store]
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, TIMEOUT)
    return found  # type: ignore[no-any-return]
