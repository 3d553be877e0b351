"""Which of a project's themes changed (`ThemeGeneration`): a random token per (project, theme), replaced by the
database in the same transaction as any code, suggestion or sentiment that touches the theme's summary rows
(heard.analysis.summary), whatever wrote it. Theme 0 is the project's sentiment: replaced by every change to an
answer's sentiment (the page's "how people felt" counts read it); theme -1 its redaction decisions (how the
quotes read).

The themes page keeps each theme's exact counts with the token they were counted at, and after a code recounts only
the themes whose token moved (heard.analysis.theme_cache); anything else a count reads (records, answers,
questions, a record's groups, erasure, retention, an import) replaces the project's records' token
(heard.engagement.generation), under which the counts are kept, so that recounts everything.

Random, never a counter, for the reason the data generation's token is (a rolled-back write takes its token with
it; a counter would give the next write the same number). On PostgreSQL the triggers are statement-level and
named to fire after the data generation's and the summary's (`..._generation_...` < `..._summary_...` <
`..._themes_...`: PostgreSQL fires a table's triggers in name order), so a write locks its project's coding token
before any theme's row, and two coders in
one project can never wait for each other's theme rows in opposite orders. On SQLite they are per row.
"""

from __future__ import annotations

from collections.abc import Collection

from django.db.backends.base.base import BaseDatabaseWrapper

from heard.engagement import generation

TABLE = "analysis_themegeneration"
SENTIMENT = 0  # the theme id whose token sentiment replaces
REDACTION = -1  # the theme id whose token a redaction decision replaces (how quoted words read)
CODE, SUGGESTION, SENTIMENT_TABLE = "analysis_code", "analysis_suggestion", "analysis_answersentiment"
REDACTION_TABLE = "privacy_redactiondecision"
SUMMARY = "analysis_answertheme"
TABLES = (CODE, SUGGESTION, SENTIMENT_TABLE, REDACTION_TABLE)
EVENTS = ("insert", "update", "delete")
_PROJECT = (
    "(SELECT e.project_id FROM engagement_answer a JOIN engagement_experience e ON e.id = a.experience_id "
    "WHERE a.id = {row}.answer_id)"
)


def _random(vendor: str) -> str:
    return "random()" if vendor == "sqlite" else "floor(random() * 9.2e18)::bigint"


def _changed(table: str, rows: str) -> str:
    """SQL: (p, t) of every (project, theme) a changed row `r` of `rows` (a transition table, or NEW/OLD on SQLite
    as a one-row FROM-less select) touches."""
    project = _PROJECT.format(row="r")
    if table == REDACTION_TABLE:
        return f"SELECT DISTINCT {project} AS p, {REDACTION} AS t FROM {rows} r"  # noqa: S608
    if table != SENTIMENT_TABLE:
        return f"SELECT DISTINCT {project} AS p, r.theme_id AS t FROM {rows} r"  # noqa: S608
    return (
        f"SELECT DISTINCT t.project_id AS p, t.theme_id AS t FROM {SUMMARY} t "  # noqa: S608
        f"WHERE t.answer_id IN (SELECT r.answer_id FROM {rows} r) "
        f"UNION SELECT DISTINCT {project}, {SENTIMENT} FROM {rows} r"
    )


def _bump(vendor: str, table: str, rows: str) -> str:
    return (
        f"INSERT INTO {TABLE} (project_id, theme_id, token) SELECT c.p, c.t, {_random(vendor)} "  # noqa: S608
        f"FROM ({_changed(table, rows)}) c WHERE c.p IS NOT NULL ORDER BY c.p, c.t "
        "ON CONFLICT (project_id, theme_id) DO UPDATE SET token = excluded.token"
    )


def _row_bump(table: str, row: str) -> str:
    """SQLite: the same for one row (NEW or OLD) of a per-row trigger."""
    theme = "" if table in (SENTIMENT_TABLE, REDACTION_TABLE) else f", {row}.theme_id AS theme_id"
    return _bump("sqlite", table, f"(SELECT {row}.answer_id AS answer_id{theme})") + ";"


def trigger_sql(vendor: str, tables: Collection[str] = TABLES) -> list[str]:
    found = []
    for table in (t for t in TABLES if t in tables):
        for event in EVENTS:
            name = f"{table}_themes_{event}"
            if vendor == "postgresql":
                rows = generation.TRANSITION_ROWS[event]
                found += generation.statement_trigger_sql(name, table, event, [_bump(vendor, table, r) for r in rows])
            else:
                rows = {"insert": ["NEW"], "update": ["OLD", "NEW"], "delete": ["OLD"]}[event]
                body = " ".join(_row_bump(table, row) for row in rows)
                found.append(f"DROP TRIGGER IF EXISTS {name}")
                found.append(f"CREATE TRIGGER {name} AFTER {event.upper()} ON {table} BEGIN {body} END")
    return found


def install_triggers(using: BaseDatabaseWrapper) -> None:
    tables = set(using.introspection.table_names())
    if TABLE not in tables or SUMMARY not in tables:
        return
    with using.cursor() as cursor:
        for sql in trigger_sql(using.vendor, tables):
            cursor.execute(sql)


def remove_triggers(using: BaseDatabaseWrapper) -> None:
    tables = set(using.introspection.table_names())
    with using.cursor() as cursor:
        for table in TABLES:
            for event in EVENTS:
                name = f"{table}_themes_{event}"
                if using.vendor == "postgresql":
                    if table in tables:
                        cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
                    cursor.execute(f"DROP FUNCTION IF EXISTS {name}()")
                else:
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
