"""Planning an import: read the file once, check every row, and work out what would be added, changed and
removed, writing nothing (see `importer` for the whole story)."""

from __future__ import annotations

import itertools
from array import array
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from django.db.models import Count, Max

from heard.engagement.models import Project
from heard.lib import books, tabular
from heard.partners.models import Organisation
from heard.returns.activitysheet import read_activities
from heard.returns.columns import (
    fold,
    return_columns,
)
from heard.returns.headers import map_headers
from heard.returns.models import ColumnMapping, ImportedRow
from heard.returns.records import (
    ImportRefused,
    Plan,
    Problem,
    RowRecord,
)
from heard.returns.rowcheck import SLIM_DAY, RowReader
from heard.returns.spool import RecordSpool
from heard.returns.template import RESIDENTS

# Rows read together, column by column.
CHUNK = 1000

# Planning --------------------------------------------------------------------------------------------------------


def plan_import(
    path: str | Path,
    *,
    project: Project,
    partner: Organisation,
    file_name: str | None = None,
    mapping: ColumnMapping | None = None,
    sheet: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    keep_records: bool = True,
) -> Plan:
    """Reads and checks the whole file. Raises ImportRefused when the file cannot be read. Writes nothing.

    With `keep_records=False` (a preview, a dry run) the plan keeps only each row's number and hash, enough to
    say what would be added, changed and removed, in a fraction of the memory; such a plan cannot be committed."""
    path = Path(path)
    plan = Plan(project=project, partner=partner, file_name=(file_name or path.name)[:300])
    # The file is opened once: its Residents sheet and its Activity sheet are read from the same opening.
    try:
        book = books.open_book(path)
    except tabular.TabularError as error:
        raise ImportRefused(str(error).replace(path.name, plan.file_name, 1)) from error
    try:
        return _plan(plan, book, path, sheet, mapping, progress, keep_records)
    finally:
        book.close()


def _plan(
    plan: Plan,
    book: books.Book,
    path: Path,
    sheet: str | None,
    mapping: ColumnMapping | None,
    progress: Callable[[int, int], None] | None,
    keep_records: bool,
) -> Plan:
    project, partner = plan.project, plan.partner
    try:
        table = book.table(sheet, prefer=(RESIDENTS,))
    except tabular.TabularError as error:
        raise ImportRefused(str(error).replace(path.name, plan.file_name, 1)) from error
    rows: Iterator[tuple[int, list[Any]]] = table.rows
    # What was read, compactly: the checked rows pickled in a spool, their hashes and row numbers in memory.
    records = RecordSpool()
    hashes: list[str] = []
    row_numbers = array("Q")
    try:
        plan.sheet = table.sheet
        plan.headers = list(table.headers)
        columns = return_columns(project, partner)
        mapped, unmapped, left_out, header_problems = map_headers(table.headers, columns, mapping)
        plan.unmapped, plan.left_out = unmapped, left_out
        plan.mapped = {table.headers[i]: c.code for i, c in mapped.items()}
        for problem in header_problems:
            plan.add_problem(Problem(None, problem.column, problem.message, table.sheet))
        if unmapped:
            return plan
        codes = {c.code for c in mapped.values()}
        if "consent_store" not in codes:
            plan.add_problem(
                Problem(
                    None,
                    "Agreed we keep what they told us",
                    "the file has no column saying "
                    "whether each resident agreed that we keep what they told us. Heard needs it.",
                    table.sheet,
                )
            )
            return plan
        if "collected_on" not in codes and "activity" not in codes:
            plan.add_problem(
                Problem(
                    None,
                    "Date heard",
                    "the file has no date column and no activity column; add "
                    "one so Heard knows when each resident was heard.",
                    table.sheet,
                )
            )
            return plan
        community_column = next((c for c in columns if c.kind == "community"), None)
        community_keys: dict[str, int] = {}
        if community_column is not None:
            for key, name in community_column.choices:
                if key.isdigit():
                    community_keys[fold(name)] = int(key)
        try:
            new_activities = read_activities(book, project, partner, plan, community_keys)
        except tabular.TabularError as error:
            raise ImportRefused(str(error).replace(path.name, plan.file_name, 1)) from error
        plan.new_activities = list(new_activities.values())
        reader = RowReader(project, partner, mapped, table, new_activities)
        total = table.row_count_hint or 0
        # What Heard held before this file.
        plan.held_state = held_state(plan)
        known_hashes, previous = _held(plan)
        while chunk := list(itertools.islice(rows, CHUNK)):
            plan.rows_read += len(chunk)
            for record in reader.read_rows(chunk, plan):
                if record is None or plan.problem_count:
                    continue
                slim = RowRecord(record.row, record.hash, None, "", SLIM_DAY, (), ())
                records.append(record if keep_records else slim)
                hashes.append(record.hash)
                row_numbers.append(record.row)
            if progress is not None and plan.rows_read % 5000 < CHUNK:
                progress(plan.rows_read, max(total, plan.rows_read))
    except tabular.TabularError as error:
        raise ImportRefused(str(error).replace(path.name, plan.file_name, 1)) from error
    finally:
        close = getattr(rows, "close", None)
        if close is not None:
            close()
    if plan.rows_read == 0:
        plan.add_problem(Problem(None, "", "there are no residents' rows under the headers.", table.sheet))
    plan.committable = keep_records
    if plan.problem_count:
        return plan
    _diff(plan, records, hashes, row_numbers, known_hashes, previous)
    if progress is not None:
        progress(plan.rows_read, plan.rows_read)
    return plan


def _held(plan: Plan) -> tuple[set[str], dict[tuple[str, int], tuple[int, int, str]]]:
    """The hashes of every row Heard holds from this partner in this project, and the rows this file (by name)
    brought in before, by (sheet, row)."""
    known = ImportedRow.objects.filter(project=plan.project, partner=plan.partner)
    known_hashes = set(known.values_list("content_hash", flat=True))
    previous = {
        (sheet, row): (pk, experience_id, digest)
        for pk, experience_id, sheet, row, digest in known.filter(file_name=plan.file_name).values_list(
            "pk", "experience_id", "sheet", "row_number", "content_hash"
        )
    }
    return known_hashes, previous


def held_state(plan: Plan) -> tuple[int, int, int]:
    """A cheap fingerprint of the rows Heard holds from this partner in this project: how many, the newest, and
    the newest upload that added or changed one. Any import, removal or erasure since changes it."""
    found = ImportedRow.objects.filter(project=plan.project, partner=plan.partner).aggregate(
        rows=Count("pk"), newest=Max("pk"), upload=Max("upload_id")
    )
    return (int(found["rows"] or 0), int(found["newest"] or 0), int(found["upload"] or 0))


def _diff(
    plan: Plan,
    records: RecordSpool,
    hashes: list[str],
    row_numbers: array[int],
    known_hashes: set[str],
    previous: dict[tuple[str, int], tuple[int, int, str]],
) -> None:
    new_hashes = set(hashes)
    consumed: set[int] = set()
    added = array("Q")
    sheet = plan.sheet[:100]
    for position, (digest, row) in enumerate(zip(hashes, row_numbers, strict=True)):
        if digest in known_hashes:
            plan.unchanged += 1
            continue
        before = previous.get((sheet, row))
        if before is not None and before[2] not in new_hashes and before[0] not in consumed:
            plan.changes.append((records[position], before[0], before[1]))
            consumed.add(before[0])
        else:
            added.append(position)
    plan.additions = records if len(added) == len(records) else records.view(added)
    for (_sheet, row), (pk, experience_id, digest) in sorted(previous.items(), key=lambda item: item[0][1]):
        if digest not in new_hashes and pk not in consumed:
            plan.removals.append((pk, experience_id, row))
