"""The theme summary (`AnswerTheme`): one row per answer x theme that currently applies, so the theme table counts
a few indexed rows instead of working out every answer's latest decisions at each request.

A row exists while a person's latest decision on the theme says it applies (`coded`) or the machine suggests it
(`suggested`), and carries what the counts need that the answer holds: its record, project and question (fixed for
an answer's life) and its sentiment score. The record's groups (community, partner, age, ...) are NOT copied: the
counts join the record, so editing a record, moving it to another partner or re-importing it can never leave the
summary stale, and engagement, returns and privacy need not know the summary exists.

Kept fresh by the database in the same transaction as the write: triggers on the three tables it summarises
(codes, suggestions, sentiment) recompute the (answer, theme) rows a changed row touches, whatever wrote it (the
coding actions, suggest_themes, bulk writes, the demo, a cascade from an erased record or a retention delete).
On PostgreSQL they run once per statement, over all the rows it changed (transition tables); on SQLite once per
row.
Deleting an answer deletes its codes and suggestions first, which removes its rows. The triggers are installed
after every migrate (heard.analysis.receivers); on SQLite they are dropped while migrating, since SQLite cannot
rebuild a table a trigger names, and the summary is rebuilt after. `rebuild()` (`heard summarise-themes`)
recomputes a project's rows from scratch, for existing data and to repair any drift.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.db import connection, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from heard.analysis import theme_generation
from heard.engagement import generation

# Table names written out (not read from the models) so the migrations that install the triggers keep working
# whatever the models become; heard/analysis/tests/test_theme_summary_equals_the_records.py checks they match.
TABLE = "analysis_answertheme"
CODE, SUGGESTION, SENTIMENT = "analysis_code", "analysis_suggestion", "analysis_answersentiment"
ANSWER, EXPERIENCE = "engagement_answer", "engagement_experience"
# sentiment_group(): 1-2 positive, 3 neutral or mixed, 4-5 negative; a person's decision over the suggestion.
SCORE = "COALESCE(NULLIF(s.decided, 0), NULLIF(s.suggested, 0))"
COLUMNS = "answer_id, theme_id, experience_id, project_id, question_id, coded, suggested, score"


def _not_undone(code: str) -> str:
    """SQL: no later decision removed the theme the applied code `code` (an alias of CODE) gave."""
    return (
        f"NOT EXISTS (SELECT 1 FROM {CODE} l WHERE l.answer_id = {code}.answer_id AND l.theme_id = {code}.theme_id "  # noqa: S608
        f"AND NOT l.applied AND l.coded_at > {code}.coded_at)"
    )


def _coded(answer: str, theme: str) -> str:
    """SQL: people's latest decision on (answer, theme) says it applies (as `actions.effective_themes`)."""
    return (
        f"EXISTS (SELECT 1 FROM {CODE} c WHERE c.answer_id = {answer} AND c.theme_id = {theme} AND c.applied "  # noqa: S608
        f"AND {_not_undone('c')})"
    )


def _suggested(answer: str, theme: str) -> str:
    return f"EXISTS (SELECT 1 FROM {SUGGESTION} g WHERE g.answer_id = {answer} AND g.theme_id = {theme})"  # noqa: S608


def refresh_pair_sql(answer: str, theme: str) -> list[str]:
    """Statements that make the summary row of (answer, theme) what the codes and suggestions say: `answer` and
    `theme` are SQL expressions (NEW.answer_id in a trigger)."""
    applies = f"({_coded(answer, theme)} OR {_suggested(answer, theme)})"
    return [
        f"DELETE FROM {TABLE} WHERE answer_id = {answer} AND theme_id = {theme} AND NOT {applies}",  # noqa: S608
        f"INSERT INTO {TABLE} ({COLUMNS}) "  # noqa: S608
        f"SELECT a.id, {theme}, a.experience_id, e.project_id, a.question_id, "
        f"{_coded(answer, theme)}, {_suggested(answer, theme)}, {SCORE} "
        f"FROM {ANSWER} a JOIN {EXPERIENCE} e ON e.id = a.experience_id "
        f"LEFT JOIN {SENTIMENT} s ON s.answer_id = a.id WHERE a.id = {answer} AND {applies} "
        "ON CONFLICT (answer_id, theme_id) DO UPDATE SET coded = excluded.coded, suggested = excluded.suggested, "
        "score = excluded.score",
    ]


def refresh_score_sql(answer: str) -> list[str]:
    return [
        f"UPDATE {TABLE} SET score = (SELECT {SCORE} FROM {SENTIMENT} s WHERE s.answer_id = {answer}) "  # noqa: S608
        f"WHERE answer_id = {answer}"
    ]


def refresh_pairs_sql(pairs: str) -> list[str]:
    """PostgreSQL: the same for every (answer_id, theme_id) that `pairs` (a query of distinct pairs) gives, in two
    statements."""
    applies = f"({_coded('p.answer_id', 'p.theme_id')} OR {_suggested('p.answer_id', 'p.theme_id')})"
    return [
        f"DELETE FROM {TABLE} t USING ({pairs}) p WHERE t.answer_id = p.answer_id AND t.theme_id = p.theme_id "  # noqa: S608
        f"AND NOT {applies}",
        f"INSERT INTO {TABLE} ({COLUMNS}) "  # noqa: S608
        f"SELECT a.id, p.theme_id, a.experience_id, e.project_id, a.question_id, "
        f"{_coded('p.answer_id', 'p.theme_id')}, {_suggested('p.answer_id', 'p.theme_id')}, {SCORE} "
        f"FROM ({pairs}) p JOIN {ANSWER} a ON a.id = p.answer_id JOIN {EXPERIENCE} e ON e.id = a.experience_id "
        f"LEFT JOIN {SENTIMENT} s ON s.answer_id = a.id WHERE {applies} ORDER BY a.id, p.theme_id "
        "ON CONFLICT (answer_id, theme_id) DO UPDATE SET coded = excluded.coded, suggested = excluded.suggested, "
        "score = excluded.score",
    ]


def refresh_scores_sql(answers: str) -> list[str]:
    """PostgreSQL: the same for every answer_id that `answers` (a query) gives."""
    return [
        f"UPDATE {TABLE} t SET score = (SELECT {SCORE} FROM {SENTIMENT} s WHERE s.answer_id = t.answer_id) "  # noqa: S608
        f"WHERE t.answer_id IN ({answers})"
    ]


# The triggers: one per table and event on SQLite (its trigger bodies are statements, run for each row), one per
# table and event on PostgreSQL too, but run once per statement over its rows (transition tables): suggesting
# themes for 2,000 answers writes some 3,500 suggestions, whose per-row triggers cost 0.26 ms each.
TRIGGERS = {CODE: "pair", SUGGESTION: "pair", SENTIMENT: "score"}
EVENTS = ("insert", "update", "delete")
ROWS = generation.TRANSITION_ROWS


def _statements(kind: str, row: str) -> list[str]:
    if kind == "pair":
        return refresh_pair_sql(f"{row}.answer_id", f"{row}.theme_id")
    return refresh_score_sql(f"{row}.answer_id")


def _statement_level(kind: str, event: str) -> list[str]:
    """PostgreSQL: the statements of an `event` trigger over its transition tables."""
    rows = ROWS[event]
    if kind == "pair":
        # DISTINCT: one statement may write two rows of one (answer, theme) (a code and its reversal), and the
        # upsert may touch each summary row once only.
        union = " UNION ".join(f"SELECT DISTINCT answer_id, theme_id FROM {r}" for r in rows)  # noqa: S608
        return refresh_pairs_sql(union)
    return refresh_scores_sql(" UNION ".join(f"SELECT answer_id FROM {r}" for r in rows))  # noqa: S608


def install_triggers(schema_editor_connection: BaseDatabaseWrapper) -> None:
    """Creates (or replaces) the triggers that keep the summary fresh, and those that keep each project's data
    generation (heard.engagement.generation) and which themes changed (heard.analysis.theme_generation): installed
    and dropped together, so every path that migrates handles them all."""
    with schema_editor_connection.cursor() as cursor:
        if schema_editor_connection.vendor == "postgresql":
            _drop_per_row_postgresql(cursor)
        for sql in _trigger_sql(schema_editor_connection.vendor):
            cursor.execute(sql)
    generation.install_triggers(schema_editor_connection)
    theme_generation.install_triggers(schema_editor_connection)


def remove_triggers(schema_editor_connection: BaseDatabaseWrapper) -> None:
    theme_generation.remove_triggers(schema_editor_connection)
    generation.remove_triggers(schema_editor_connection)
    with schema_editor_connection.cursor() as cursor:
        if schema_editor_connection.vendor == "postgresql":
            _drop_per_row_postgresql(cursor)
        for table in TRIGGERS:
            for event in EVENTS:
                if schema_editor_connection.vendor == "postgresql":
                    cursor.execute(f"DROP TRIGGER IF EXISTS {table}_summary_{event} ON {table}")
                    cursor.execute(f"DROP FUNCTION IF EXISTS {table}_summary_{event}()")
                else:
                    cursor.execute(f"DROP TRIGGER IF EXISTS {table}_summary_{event}")


def _drop_per_row_postgresql(cursor: Any) -> None:
    """The per-row triggers PostgreSQL had before 1 Dec 2026 (one function per table for every event)."""
    for table in TRIGGERS:
        cursor.execute(f"DROP TRIGGER IF EXISTS {table}_summary ON {table}")
        cursor.execute(f"DROP FUNCTION IF EXISTS {table}_summary()")


def _trigger_sql(vendor: str) -> list[str]:
    found = []
    for table, kind in TRIGGERS.items():
        for event in EVENTS:
            name = f"{table}_summary_{event}"
            if vendor == "postgresql":
                found += generation.statement_trigger_sql(name, table, event, _statement_level(kind, event))
            else:
                rows = {"insert": ["NEW"], "update": ["OLD", "NEW"], "delete": ["OLD"]}[event]
                body = " ".join(f"{s};" for row in rows for s in _statements(kind, row))
                found.append(f"DROP TRIGGER IF EXISTS {name}")
                found.append(f"CREATE TRIGGER {name} AFTER {event.upper()} ON {table} BEGIN {body} END")
    return found


def rebuild(project_id: int) -> int:
    """Recomputes the summary of one project's answers from their codes, suggestions and sentiment, in one
    transaction; returns how many rows it holds."""
    answers = f"SELECT a2.id FROM {ANSWER} a2 JOIN {EXPERIENCE} e2 ON e2.id = a2.experience_id WHERE e2.project_id = %s"  # noqa: S608
    latest = (
        f"SELECT c.answer_id, c.theme_id, 1 AS coded, 0 AS suggested FROM {CODE} c "  # noqa: S608
        f"WHERE c.applied AND c.answer_id IN ({answers}) AND {_not_undone('c')}"
    )
    suggested = f"SELECT g.answer_id, g.theme_id, 0, 1 FROM {SUGGESTION} g WHERE g.answer_id IN ({answers})"  # noqa: S608
    insert = (
        f"INSERT INTO {TABLE} ({COLUMNS}) "  # noqa: S608
        f"SELECT p.answer_id, p.theme_id, a.experience_id, e.project_id, a.question_id, "
        f"MAX(p.coded) = 1, MAX(p.suggested) = 1, MAX({SCORE}) "
        f"FROM ({latest} UNION ALL {suggested}) p JOIN {ANSWER} a ON a.id = p.answer_id "
        f"JOIN {EXPERIENCE} e ON e.id = a.experience_id LEFT JOIN {SENTIMENT} s ON s.answer_id = a.id "
        "GROUP BY p.answer_id, p.theme_id, a.experience_id, e.project_id, a.question_id"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE project_id = %s", [project_id])  # noqa: S608
        cursor.execute(insert, [project_id, project_id])
        if generation.TABLE in connection.introspection.table_names(cursor):
            # Rows written here replace no token themselves: the project's figures are counted again.
            cursor.execute(
                f"INSERT INTO {generation.TABLE} (project_id, token) VALUES (%s, %s) "  # noqa: S608
                "ON CONFLICT (project_id) DO UPDATE SET token = excluded.token",
                [project_id, secrets.randbits(63)],
            )
        if connection.vendor == "postgresql":
            cursor.execute(f"ANALYZE {TABLE}")  # the planner's estimates for the theme table's queries
        cursor.execute(f"SELECT COUNT(*) FROM {TABLE} WHERE project_id = %s", [project_id])  # noqa: S608
        return int(cursor.fetchone()[0])


def rebuild_all(using: BaseDatabaseWrapper) -> None:
    """Rebuilds every project's summary (after migrating SQLite, whose triggers were dropped meanwhile)."""
    with using.cursor() as cursor:
        cursor.execute(f"SELECT DISTINCT project_id FROM {EXPERIENCE}")  # noqa: S608
        project_ids = [row[0] for row in cursor.fetchall()]
    for project_id in project_ids:
        rebuild(project_id)
