"""Writing a checked return's rows: residents' records, their answers and where each row came from.

Two ways, writing the same rows (every field of the models, defaults included), always inside the importer's
one transaction (nothing is kept unless the whole file is clean), after the whole file was read and checked:

- any database: the ORM's `bulk_create` in batches (`insert_orm`);
- SQLite: `SqliteWriter`, multi-row `INSERT`s of several thousand rows each (as many as SQLite's limit on bound
  values allows), about twice as fast as `executemany`, so SQLite's one write lock is held as briefly as it can
  be (figures in docs/performance.md).
"""

from __future__ import annotations

import datetime
import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from django.db import connection

from heard.accounts.models import User
from heard.engagement.models import Activity, Answer, Channel, ConsentMethod, Experience, Project, QuestionKind
from heard.lib.idruns import IdRuns
from heard.returns.columns import fold
from heard.returns.models import ImportedRow, ReturnUpload
from heard.returns.records import EXPERIENCE_FIELDS, Plan, RowRecord
from heard.returns.template import ACTIVITY

BATCH = 2000
# Rows per SQLite batch handed to the writer (memory held per batch stays small).
INSERT_BATCH = 2000


def question_kinds(project: Project) -> dict[int, str]:
    from heard.engagement.models import Question

    return dict(Question.objects.filter(project=project).values_list("pk", "kind"))


def create_activities(plan: Plan) -> dict[str, int]:
    """The project's activities for this partner by reference ("id:12"), after adding the new ones from the
    file's Activity sheet ("new:<folded title>")."""
    activities: dict[str, int] = {
        f"id:{pk}": pk
        for pk in Activity.objects.filter(project=plan.project, partner=plan.partner).values_list("pk", flat=True)
    }
    for new in plan.new_activities:
        activity = Activity.objects.create(
            project=plan.project,
            partner=plan.partner,
            community_id=new.community,
            method=new.method,
            title=new.title,
            held_on=new.held_on,
            languages=[new.language] if new.language else [],
            people_count=new.people_count,
            notes=f"From {plan.file_name}, sheet '{ACTIVITY}', row {new.row}.",
        )
        activities[f"new:{fold(new.title)}"] = activity.pk
    return activities


# Any database ----------------------------------------------------------------------------------------------------


def experience_for(
    plan: Plan, record: RowRecord, activities: dict[str, int], actor: User | None, now: datetime.datetime
) -> Experience:
    values = dict(zip(EXPERIENCE_FIELDS, record.fields, strict=True))
    return Experience(
        project_id=plan.project.pk,
        partner_id=plan.partner.pk,
        activity_id=activities.get(record.activity),
        community_id=record.community,
        channel=Channel.PARTNER_RETURN,
        collected_on=record.collected_on,
        consent_method=ConsentMethod.VERBAL,
        consent_recorded_by=plan.partner.name[:200],
        source_file=plan.file_name,
        source_sheet=plan.sheet[:100],
        source_row=record.row,
        created_by=actor,
        created_at=now,
        updated_at=now,
        **values,
    )


def answers_for(experience_id: int, record: RowRecord, kinds: dict[int, str]) -> Iterator[Answer]:
    for question_id, text, choices, number, language, detected, english, by in record.answers:
        if kinds.get(question_id) == QuestionKind.MULTIPLE_CHOICE and not choices:
            continue
        yield Answer(
            experience_id=experience_id,
            question_id=question_id,
            text=text,
            choices=list(choices),
            number=number,
            language=language,
            language_detected=detected,
            english_text=english,
            translated_by=by[:200],
        )


def insert_orm(
    plan: Plan,
    upload: ReturnUpload,
    activities: dict[str, int],
    kinds: dict[int, str],
    actor: User | None,
    now: datetime.datetime,
    progress: Callable[[int, int], None] | None,
    total: int,
    written: IdRuns,
) -> int:
    """Adds the plan's new rows with the ORM's bulk_create (any database); their ids go in `written`."""
    done = 0
    for start in range(0, len(plan.additions), BATCH):
        batch = plan.additions[start : start + BATCH]
        experiences = Experience.objects.bulk_create(
            [experience_for(plan, record, activities, actor, now) for record in batch], batch_size=BATCH
        )
        answers: list[Answer] = []
        rows: list[ImportedRow] = []
        for experience, record in zip(experiences, batch, strict=True):
            assert experience.pk is not None
            answers.extend(answers_for(experience.pk, record, kinds))
            rows.append(
                ImportedRow(
                    upload=upload,
                    experience_id=experience.pk,
                    project_id=plan.project.pk,
                    partner_id=plan.partner.pk,
                    file_name=plan.file_name,
                    sheet=plan.sheet[:100],
                    row_number=record.row,
                    content_hash=record.hash,
                )
            )
        Answer.objects.bulk_create(answers, batch_size=BATCH)
        ImportedRow.objects.bulk_create(rows, batch_size=BATCH)
        written.add(row.experience_id for row in rows)
        done += len(batch)
        if progress is not None:
            progress(done, total)
    return done


# SQLite ----------------------------------------------------------------------------------------------------------


class _Insert:
    """`INSERT INTO table (columns) SELECT ... FROM (VALUES (...), (...), ...)`: each row gives only the
    `per_row` columns (in that order); every other column is a `?` bound once per statement. As many rows go in
    one statement as SQLite's limit on bound values allows, so SQLite writes them in one call."""

    def __init__(self, table: str, columns: list[str], per_row: list[str], bound: list[Any], limit: int) -> None:
        self.bound = bound
        self.width = len(per_row)
        values = ", ".join(f"column{per_row.index(c) + 1}" if c in per_row else "?" for c in columns)
        names = ", ".join(f'"{c}"' for c in columns)
        self.head = f'INSERT INTO "{table}" ({names}) SELECT {values} FROM (VALUES '  # noqa: S608 (from models)
        self.one = "(" + ", ".join(["?"] * self.width) + ")"
        most = max(1, (limit - len(bound)) // self.width)
        # Statements of a few sizes only (the most that fits, then powers of two), so that SQLite and sqlite3's
        # statement cache prepare and keep about a dozen statements, not one per batch's remainder.
        self.sizes = [most, *(2**k for k in range(most.bit_length() - 1, -1, -1) if 2**k < most)]
        self.sql: dict[int, str] = {}

    def run(self, cursor: Any, flat: list[Any]) -> None:
        """Inserts rows given one after another in one flat list (`width` values each)."""
        width = self.width
        rows = len(flat) // width
        start = 0
        while start < rows:
            count = next(size for size in self.sizes if size <= rows - start)
            sql = self.sql.get(count)
            if sql is None:
                sql = self.sql[count] = self.head + ", ".join([self.one] * count) + ")"
            cursor.execute(sql, self.bound + flat[start * width : (start + count) * width])
            start += count


def _column_values(model: type[Any], fixed: dict[str, Any], per_row: list[str]) -> tuple[list[str], list[Any]]:
    """Every concrete column of `model` but the automatic id (unless per row), and the values bound once for
    the columns that are not per row: `fixed`, else the field's default as the database stores it."""
    columns: list[str] = []
    bound: list[Any] = []
    for f in model._meta.concrete_fields:
        column = str(f.column)
        if f.primary_key and column not in per_row:
            continue
        columns.append(column)
        if column in per_row:
            continue
        if column in fixed:
            bound.append(fixed[column])
        else:
            default = f.get_default()
            bound.append(f.get_db_prep_save(default, connection) if default is not None else None)
    return columns, bound


def _next_id(cursor: Any, table: str) -> int:
    cursor.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"')  # noqa: S608 (table names from models)
    highest = int(cursor.fetchone()[0])
    try:
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", [table])
        found = cursor.fetchone()
    except Exception:  # pragma: no cover - no AUTOINCREMENT table yet
        found = None
    return max(highest, int(found[0]) if found else 0) + 1


class SqliteWriter:
    """Adds batches of rows on SQLite's own connection, three statements a batch. Used inside one transaction,
    which holds SQLite's write lock (transaction_mode IMMEDIATE), so the ids it numbers from cannot be taken by
    anyone else meanwhile."""

    def __init__(
        self,
        plan: Plan,
        upload: ReturnUpload,
        activities: dict[str, int],
        kinds: dict[int, str],
        actor: User | None,
        now: datetime.datetime,
    ) -> None:
        self.activities = activities
        self.multiple = {qid for qid, kind in kinds.items() if kind == QuestionKind.MULTIPLE_CHOICE}
        stamp = connection.ops.adapt_datetimefield_value(now)
        connection.ensure_connection()
        limit = min(connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER), 32766)
        experience_row = ["id", "activity_id", "community_id", "collected_on", "source_row", *EXPERIENCE_FIELDS]
        columns, experience_bound = _column_values(
            Experience,
            {
                "project_id": plan.project.pk,
                "partner_id": plan.partner.pk,
                "channel": Channel.PARTNER_RETURN.value,
                "consent_method": ConsentMethod.VERBAL.value,
                "consent_recorded_by": plan.partner.name[:200],
                "source_file": plan.file_name,
                "source_sheet": plan.sheet[:100],
                "created_by_id": actor.pk if actor is not None else None,
                "created_at": stamp,
                "updated_at": stamp,
            },
            experience_row,
        )
        self.experiences = _Insert(Experience._meta.db_table, columns, experience_row, experience_bound, limit)
        answer_row = [
            "experience_id",
            "question_id",
            "text",
            "choices",
            "number",
            "language",
            "language_detected",
            "english_text",
            "translated_by",
        ]
        columns, answer_bound = _column_values(Answer, {}, answer_row)
        self.answers = _Insert(Answer._meta.db_table, columns, answer_row, answer_bound, limit)
        imported_row = ["experience_id", "row_number", "content_hash"]
        columns, imported_bound = _column_values(
            ImportedRow,
            {
                "upload_id": upload.pk,
                "project_id": plan.project.pk,
                "partner_id": plan.partner.pk,
                "file_name": plan.file_name,
                "sheet": plan.sheet[:100],
            },
            imported_row,
        )
        self.imported = _Insert(ImportedRow._meta.db_table, columns, imported_row, imported_bound, limit)
        self.as_json: dict[tuple[str, ...], str] = {(): "[]"}
        self.next_id = 0
        self.written = 0
        self.ids = IdRuns()

    def write(self, cursor: Any, batch: list[RowRecord]) -> None:
        if not self.next_id:
            self.next_id = _next_id(cursor, Experience._meta.db_table)
        activities, as_json, multiple = self.activities, self.as_json, self.multiple
        # One flat list of values per table, row after row (what the multi-row INSERTs bind).
        experiences: list[Any] = []
        answers: list[Any] = []
        imported: list[Any] = []
        add_experience, add_answer, add_imported = experiences.extend, answers.extend, imported.extend
        next_id = self.next_id
        for record in batch:
            add_experience(
                (
                    next_id,
                    activities.get(record.activity),
                    record.community,
                    record.collected_on.isoformat(),
                    record.row,
                )
            )
            add_experience(record.fields)
            for question_id, text, choices, number, language, detected, english, by in record.answers:
                if not choices and question_id in multiple:
                    continue
                choices_json = as_json.get(choices)
                if choices_json is None:
                    choices_json = as_json[choices] = json.dumps(list(choices), ensure_ascii=False)
                add_answer((next_id, question_id, text, choices_json, number, language, detected, english, by[:200]))
            add_imported((next_id, record.row, record.hash))
            next_id += 1
        self.experiences.run(cursor, experiences)
        self.answers.run(cursor, answers)
        self.imported.run(cursor, imported)
        self.ids.add_run(self.next_id, next_id - self.next_id)
        self.next_id = next_id
        self.written += len(batch)


class BigCache:
    """A bigger page cache for this connection while it writes many index entries (128 MB at most)."""

    def __init__(self, cursor: Any) -> None:
        self.cursor = cursor

    def __enter__(self) -> None:
        self.cursor.execute("PRAGMA cache_size")
        self.previous = int(self.cursor.fetchone()[0])
        self.cursor.execute("PRAGMA cache_size = -131072")

    def __exit__(self, *exc: object) -> None:
        self.cursor.execute(f"PRAGMA cache_size = {self.previous}")


def insert_sqlite(
    writer: SqliteWriter, records: Sequence[RowRecord], progress: Callable[[int, int], None] | None, total: int
) -> int:
    """Adds `records` in batches, here and now."""
    connection.ensure_connection()
    cursor = connection.connection.cursor()
    try:
        with BigCache(cursor):
            for start in range(0, len(records), INSERT_BATCH):
                writer.write(cursor, list(records[start : start + INSERT_BATCH]))
                if progress is not None:
                    progress(writer.written, total)
    finally:
        cursor.close()
    return writer.written
