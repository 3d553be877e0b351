"""Importing a partner's return in two phases: `plan_import` reads and checks every row and works out what
would be added, changed and removed (writing nothing); `commit` writes a clean plan in one transaction with one
audit event.

A row's identity for re-imports is a hash of its normalised content (what Heard understood, not the cell
formatting), so a re-saved file adds nothing. Identical rows in one file are different residents: the n-th copy
gets its own hash. A revised file (same project, partner and file name) is compared with what that file brought
in before: a row whose content changed at the same row number is a change; rows that are no longer in the file
are removals.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from heard.accounts.models import User
from heard.core import audit
from heard.core.models import AuditVerb
from heard.engagement.models import (
    CONSENT_FIELDS,
    DEMOGRAPHIC_FIELDS,
    Activity,
    Answer,
    Channel,
    ConsentMethod,
    Experience,
    Project,
    QuestionKind,
)
from heard.lib import census, tabular
from heard.lib.language import detect_language
from heard.partners.models import Community, Organisation
from heard.returns.columns import (
    HEADER_CODE_RE,
    CellProblem,
    Column,
    cell_text,
    fold,
    methods,
    parse_consent,
    parse_date,
    parse_postcode,
    return_columns,
)
from heard.returns.models import ColumnMapping, ImportedRow, ReturnUpload, UploadStatus
from heard.returns.template import ACTIVITY, ACTIVITY_COLUMNS, RESIDENTS

BATCH = 2000
INSERT_BATCH = 5000
MAX_PROBLEMS_KEPT = 1000

EXPERIENCE_FIELDS = (
    *DEMOGRAPHIC_FIELDS,
    "postcode",
    *CONSENT_FIELDS,
    "lad_code",
    "ward_code",
    "lsoa21_code",
    "deprivation_decile",
)


@dataclass(frozen=True)
class Problem:
    row: int | None
    column: str
    message: str
    sheet: str = ""
    letter: str = ""

    def __str__(self) -> str:
        where = f"Row {self.row}" if self.row is not None else "The file"
        if self.sheet and self.sheet != RESIDENTS:
            where = f"Sheet '{self.sheet}', {where.lower() if self.row is None else where}"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "column": self.column,
            "letter": self.letter,
            "sheet": self.sheet,
            "message": self.message,
            "text": str(self),
        }


@dataclass(slots=True)
class RowRecord:
    """What Heard understood from one row, compactly (a million of these must fit in memory)."""

    row: int
    hash: str
    community: int | None
    activity: str  # "id:12", "new:<folded title>" or ""
    collected_on: datetime.date
    fields: tuple[Any, ...]  # values of EXPERIENCE_FIELDS
    answers: tuple[tuple[int, str, tuple[str, ...], int | None, str, bool, str, str], ...]


@dataclass
class NewActivity:
    row: int
    title: str
    method: str
    held_on: datetime.date
    language: str
    people_count: int
    community: int | None


@dataclass
class Plan:
    project: Project
    partner: Organisation
    file_name: str
    sheet: str = ""
    headers: list[str] = field(default_factory=list)
    mapped: dict[str, str] = field(default_factory=dict)  # header -> code
    unmapped: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    rows_read: int = 0
    additions: list[RowRecord] = field(default_factory=list)
    changes: list[tuple[RowRecord, int, int]] = field(default_factory=list)  # (row, imported row id, experience id)
    removals: list[tuple[int, int, int]] = field(default_factory=list)  # (imported row id, experience id, row)
    unchanged: int = 0
    new_activities: list[NewActivity] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problem_count and not self.unmapped

    def add_problem(self, problem: Problem) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS_KEPT:
            self.problems.append(problem)

    def summary(self) -> dict[str, Any]:
        return {
            "file": self.file_name,
            "sheet": self.sheet,
            "rows": self.rows_read,
            "added": len(self.additions),
            "changed": len(self.changes),
            "removed": len(self.removals),
            "unchanged": self.unchanged,
            "new_activities": len(self.new_activities),
            "problems": self.problem_count,
            "unmapped_columns": list(self.unmapped),
        }


class ImportRefused(Exception):
    """The file cannot be imported at all (unreadable, no usable columns); the message says why."""


# Headers ---------------------------------------------------------------------------------------------------------


def map_headers(
    headers: list[str], columns: list[Column], mapping: ColumnMapping | None
) -> tuple[dict[int, Column], list[str], list[str], list[Problem]]:
    """Which column each header is. Returns (index -> column, unmapped headers, headers a mapping leaves out on
    purpose, problems such as two headers for the same column)."""
    by_code = {c.code.casefold(): c for c in columns}
    by_label = {fold(c.label): c for c in columns}
    saved = mapping.lookup() if mapping else {}
    result: dict[int, Column] = {}
    unmapped: list[str] = []
    left_out: list[str] = []
    problems: list[Problem] = []
    used: dict[str, str] = {}
    for index, header in enumerate(headers):
        if not header:
            continue
        folded = fold(header)
        column: Column | None = None
        if folded in saved:
            code = saved[folded]
            if not code:
                left_out.append(header)
                continue
            column = by_code.get(code.casefold())
            if column is None:
                problems.append(
                    Problem(None, header, f"the saved mapping points to '{code}', which this project does not have.")
                )
                continue
        else:
            match = HEADER_CODE_RE.search(header)
            if match:
                column = by_code.get(match.group(1).casefold())
            if column is None:
                column = by_label.get(folded) or by_code.get(folded) or by_code.get(folded.replace(" ", "_"))
        if column is None:
            unmapped.append(header)
            continue
        if column.code in used:
            problems.append(
                Problem(
                    None, header, f"this column and '{used[column.code]}' are both '{column.label}'. Keep one of them."
                )
            )
            continue
        used[column.code] = header
        result[index] = column
    return result, unmapped, left_out, problems


# Rows ------------------------------------------------------------------------------------------------------------


def _row_hash(parts: list[Any]) -> str:
    # repr of plain values (str, int, bool, None, tuples and lists of them) is stable across runs and versions.
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()


_BLANK = object()


def _placed_postcode(raw: Any) -> tuple[str, str, str, str, int | None]:
    """The postcode in standard form and where it is (local authority, ward, LSOA, IoD 2025 decile), by the
    same rules as `heard.place.actions.locate`."""
    from heard.place.actions import locate

    experience = Experience(postcode=parse_postcode(raw))
    locate(experience)
    return (
        experience.postcode,
        experience.lad_code,
        experience.ward_code,
        experience.lsoa21_code,
        experience.deprivation_decile,
    )


_MEMO_LIMIT = 5000


class _RowReader:
    """Turns one row's cells into a RowRecord, or problems. Each column has a converter; results are memoised per
    column (most cells repeat a few choices), so a row costs little more than a dict look-up per cell."""

    def __init__(
        self,
        project: Project,
        partner: Organisation,
        columns: dict[int, Column],
        table: tabular.Table,
        new_activities: dict[str, NewActivity],
    ) -> None:
        self.table = table
        self.letter_for = {c.code: table.letters[i] for i, c in columns.items() if i < len(table.letters)}
        communities: dict[str, int] = {}
        for column in columns.values():
            if column.kind == "community":
                for key, name in column.choices:
                    if key.isdigit():
                        communities[fold(name)] = int(key)
                        communities[key] = int(key)
                for community in Community.objects.filter(pk__in=set(communities.values())):
                    communities[fold(community.slug)] = community.pk
        self.communities = communities
        self.activities: dict[str, tuple[str, datetime.date]] = {
            fold(a.title): (f"id:{a.pk}", a.held_on) for a in Activity.objects.filter(project=project, partner=partner)
        }
        for key, new in new_activities.items():
            self.activities.setdefault(key, (f"new:{key}", new.held_on))
        self.field_index = {name: i for i, name in enumerate(EXPERIENCE_FIELDS)}
        self.seen: Counter[str] = Counter()
        # (cell index, column, converter, memo, target, question id, slot or option)
        self.plan: list[tuple[int, Column, Callable[[Any], Any], dict[Any, Any], str, int, Any]] = []
        for index, column in sorted(columns.items()):
            target, qid, slot = self._target(column)
            self.plan.append((index, column, self._converter(column), {}, target, qid, slot))

    def _target(self, column: Column) -> tuple[str, int, Any]:
        qid = column.question.pk if column.question is not None else 0
        kind = column.kind
        if kind == "multi_option":
            return "multi", qid, column.part
        if column.question is not None:
            slot = {"choice": 0, "text": {"": 0, "en": 5, "by": 6}.get(column.part, 0), "rating": 2, "language": 3}
            return "answer", qid, slot[kind]
        if kind in ("community", "activity", "date"):
            return kind, 0, None
        if kind == "postcode":
            return "postcode", 0, self.field_index["postcode"]
        if column.field == "consent_store":
            return "consent_store", 0, self.field_index["consent_store"]
        return "field", 0, self.field_index[column.field]

    def _converter(self, column: Column) -> Callable[[Any], Any]:
        kind = column.kind

        def blank_or(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
            def run(raw: Any) -> Any:
                if isinstance(raw, str) and not raw.strip():
                    return _BLANK
                return convert(raw)

            return run

        if kind == "choice":
            return blank_or(lambda raw: column.match_choice(cell_text(raw)))
        if kind in ("consent", "multi_option"):
            return blank_or(parse_consent)
        if kind == "rating":
            return blank_or(lambda raw: int(column.match_choice(cell_text(raw))))
        if kind == "text":
            return blank_or(cell_text)
        if kind == "language":
            return blank_or(lambda raw: column.match_choice(cell_text(raw)))
        if kind == "date":
            return blank_or(parse_date)
        if kind == "postcode":
            return blank_or(_placed_postcode)
        if kind == "community":

            def community(raw: Any) -> int:
                key = fold(cell_text(raw))
                if key not in self.communities:
                    raise CellProblem(
                        f"'{cell_text(raw)[:60]}' is not one of this project's communities; "
                        f"{column.suggest(cell_text(raw))}"
                    )
                return self.communities[key]

            return blank_or(community)
        if kind == "activity":

            def activity(raw: Any) -> tuple[str, str, datetime.date]:
                key = fold(cell_text(raw))
                if key not in self.activities:
                    raise CellProblem(
                        f"'{cell_text(raw)[:60]}' is not an activity on the Activity sheet or in Heard; add it to "
                        "the Activity sheet"
                    )
                ref, held_on = self.activities[key]
                return ref, key, held_on

            return blank_or(activity)
        raise ValueError(f"Unknown column kind {kind}")  # pragma: no cover

    def read(self, row_number: int, cells: list[Any], plan: Plan) -> RowRecord | None:
        values: list[Any] = ["", "", "", "", "", "", "", "", False, False, False, "", "", "", None]
        consent_given: bool | None = None
        community: int | None = None
        activity = ""
        activity_name = ""
        activity_date: datetime.date | None = None
        collected_on: datetime.date | None = None
        answers: dict[int, list[Any]] = {}
        failed: list[str] = []
        for index, column, convert, memo, target, qid, slot in self.plan:
            raw = cells[index]
            if raw == "" or raw is None:
                continue
            if type(raw) is str:
                value = memo.get(raw, memo)
                if value is memo:
                    try:
                        value = convert(raw)
                    except CellProblem as problem:
                        value = problem
                    if len(memo) < _MEMO_LIMIT:
                        memo[raw] = value
            else:  # numbers, dates, booleans: converted each time (True == 1 == 1.0 would share a memo entry)
                try:
                    value = convert(raw)
                except CellProblem as problem:
                    value = problem
            if value is _BLANK:
                continue
            if isinstance(value, CellProblem):
                failed.append(column.code)
                letter = self.table.letters[index] if index < len(self.table.letters) else ""
                plan.add_problem(Problem(row_number, column.label, str(value), self.table.sheet, letter))
                continue
            if target == "field":
                values[slot] = value
            elif target == "answer":
                parts = answers.get(qid)
                if parts is None:
                    parts = answers[qid] = ["", [], None, "", False, "", ""]
                parts[slot] = value
            elif target == "multi":
                if value:
                    parts = answers.get(qid)
                    if parts is None:
                        parts = answers[qid] = ["", [], None, "", False, "", ""]
                    parts[1].append(slot)
            elif target == "postcode":
                values[slot : slot + 1] = [value[0]]
                values[11:15] = value[1:]
            elif target == "consent_store":
                values[slot] = value
                consent_given = value
            elif target == "community":
                community = value
            elif target == "activity":
                activity, activity_name, activity_date = value
            elif target == "date":
                collected_on = value
        ok = not failed
        if consent_given is not True and "consent_store" not in failed:
            ok = False
            plan.add_problem(
                Problem(
                    row_number,
                    "Agreed we keep what they told us",
                    "the resident did not agree that we keep what they told us (the cell must say Yes), so Heard "
                    "cannot keep this row. Remove the row from the file.",
                    self.table.sheet,
                    self.letter_for.get("consent_store", ""),
                )
            )
        if collected_on is None and "collected_on" not in failed:
            collected_on = activity_date
            if collected_on is None:
                ok = False
                plan.add_problem(
                    Problem(
                        row_number,
                        "Date heard",
                        "no date: write the date you heard this resident, or choose an activity that has a date",
                        self.table.sheet,
                        self.letter_for.get("collected_on", ""),
                    )
                )
        if not ok or collected_on is None:
            return None
        main_language = values[5]
        answer_tuples = []
        for question_id, parts in sorted(answers.items()):
            text, choices, number, language, _detected, english, by = parts
            if (english or by) and not text:
                plan.add_problem(
                    Problem(
                        row_number,
                        "English translation",
                        "there is a translation but no original words; put the resident's own words in the "
                        "question's column",
                        self.table.sheet,
                    )
                )
                return None
            detected = False
            if text and not language:
                # Not given: what the words look like, else the resident's main language.
                language = detect_language(text)
                if not language and main_language and main_language != census.PREFER_NOT_TO_SAY:
                    language = main_language
                detected = bool(language)
            answer_tuples.append((question_id, text, tuple(choices), number, language, detected, english, by))
        content = [community, activity_name, collected_on.isoformat(), values, answer_tuples]
        digest = _row_hash(content)
        self.seen[digest] += 1
        if self.seen[digest] > 1:
            digest = _row_hash([digest, self.seen[digest]])
        return RowRecord(row_number, digest, community, activity, collected_on, tuple(values), tuple(answer_tuples))


def _blank_answer() -> list[Any]:
    # text, choices, number, language, detected, english_text, translated_by
    return ["", [], None, "", False, "", ""]


# Activity sheet --------------------------------------------------------------------------------------------------


def _read_activities(
    path: Path, project: Project, partner: Organisation, plan: Plan, communities: dict[str, int]
) -> dict[str, NewActivity]:
    try:
        names = tabular.sheet_names(path)
    except tabular.TabularError:
        return {}
    if ACTIVITY not in names:
        return {}
    try:
        table = tabular.read_table(path, sheet=ACTIVITY)
    except tabular.TabularError as error:
        if "is empty" in str(error):
            return {}
        raise
    codes = {code: i for i, (code, _label, _w) in enumerate(ACTIVITY_COLUMNS)}
    labels = {fold(label): code for code, label, _w in ACTIVITY_COLUMNS}
    index: dict[str, int] = {}
    for i, header in enumerate(table.headers):
        match = HEADER_CODE_RE.search(header)
        code = match.group(1) if match and match.group(1) in codes else labels.get(fold(header.split("[")[0]))
        if code:
            index[code] = i
    existing = {fold(a.title) for a in Activity.objects.filter(project=project, partner=partner)}
    method_lookup = {fold(v): k for k, v in methods()} | {fold(k): k for k, _v in methods()}
    language_lookup = {fold(v): k for k, v in census.LANGUAGES} | {fold(k): k for k, _v in census.LANGUAGES}
    found: dict[str, NewActivity] = {}
    for row_number, cells in table.rows:

        def cell(code: str, cells: list[Any] = cells) -> Any:
            return cells[index[code]] if code in index else ""

        title = cell_text(cell("title"))
        if not title:
            plan.add_problem(Problem(row_number, "Activity name", "the activity has no name", ACTIVITY))
            continue
        key = fold(title)
        if key in existing or key in found:
            continue
        problems = []
        method = method_lookup.get(fold(cell_text(cell("method"))), "")
        if not method:
            problems.append(
                (
                    "Method",
                    f"'{cell_text(cell('method'))}' is not a method; use one of: "
                    + ", ".join(label for _c, label in methods()),
                )
            )
        held_on = None
        try:
            held_on = parse_date(cell("held_on")) if cell_text(cell("held_on")) else None
            if held_on is None:
                problems.append(("Date", "the activity needs a date"))
        except CellProblem as error:
            problems.append(("Date", str(error)))
        language = language_lookup.get(fold(cell_text(cell("language"))), "")
        if cell_text(cell("language")) and not language:
            problems.append(("Language", f"'{cell_text(cell('language'))}' is not in the list of languages"))
        people = cell_text(cell("people_count")) or "0"
        if not people.isdigit():
            problems.append(("Number of people", f"'{people}' is not a whole number"))
        community_text = fold(cell_text(cell("community")))
        if community_text and community_text not in communities:
            problems.append(("Community", f"'{cell_text(cell('community'))}' is not one of this project's communities"))
        for column, message in problems:
            plan.add_problem(Problem(row_number, column, message, ACTIVITY))
        if problems or held_on is None:
            continue
        found[key] = NewActivity(
            row_number, title[:200], method, held_on, language, int(people), communities.get(community_text)
        )
    return found


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
) -> Plan:
    """Reads and checks the whole file; writes nothing. Raises ImportRefused when the file cannot be read."""
    path = Path(path)
    plan = Plan(project=project, partner=partner, file_name=(file_name or path.name)[:300])
    try:
        table = tabular.read_table(path, sheet=sheet, prefer=(RESIDENTS,))
    except tabular.TabularError as error:
        raise ImportRefused(str(error).replace(path.name, plan.file_name, 1)) from error
    rows: Iterator[tuple[int, list[Any]]] = table.rows
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
            new_activities = _read_activities(path, project, partner, plan, community_keys)
        except tabular.TabularError as error:
            raise ImportRefused(str(error).replace(path.name, plan.file_name, 1)) from error
        plan.new_activities = list(new_activities.values())
        reader = _RowReader(project, partner, mapped, table, new_activities)
        records: list[RowRecord] = []
        total = table.row_count_hint or 0
        # What Heard held before this file.
        known_hashes, previous = _held(plan)
        for row_number, cells in rows:
            plan.rows_read += 1
            record = reader.read(row_number, cells, plan)
            if record is not None and not plan.problem_count:
                records.append(record)
            if progress is not None and plan.rows_read % 5000 == 0:
                progress(plan.rows_read, max(total, plan.rows_read))
    except tabular.TabularError as error:
        raise ImportRefused(str(error).replace(path.name, plan.file_name, 1)) from error
    finally:
        close = getattr(rows, "close", None)
        if close is not None:
            close()
    if plan.rows_read == 0:
        plan.add_problem(Problem(None, "", "there are no residents' rows under the headers.", table.sheet))
    if plan.problem_count:
        return plan
    _diff(plan, records, known_hashes, previous)
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


def _diff(
    plan: Plan,
    records: list[RowRecord],
    known_hashes: set[str],
    previous: dict[tuple[str, int], tuple[int, int, str]],
) -> None:
    new_hashes = {r.hash for r in records}
    consumed: set[int] = set()
    for record in records:
        if record.hash in known_hashes:
            plan.unchanged += 1
            continue
        before = previous.get((plan.sheet[:100], record.row))
        if before is not None and before[2] not in new_hashes and before[0] not in consumed:
            plan.changes.append((record, before[0], before[1]))
            consumed.add(before[0])
        else:
            plan.additions.append(record)
    for (_sheet, row), (pk, experience_id, digest) in sorted(previous.items(), key=lambda item: item[0][1]):
        if digest not in new_hashes and pk not in consumed:
            plan.removals.append((pk, experience_id, row))


# Committing ------------------------------------------------------------------------------------------------------


def _experience(
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


def _answers(experience_id: int, record: RowRecord, kinds: dict[int, str]) -> Iterator[Answer]:
    for question_id, text, choices, number, language, detected, english, by in record.answers:
        kind = kinds.get(question_id)
        if kind == QuestionKind.MULTIPLE_CHOICE and not choices:
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


def _insert_orm(
    plan: Plan,
    upload: ReturnUpload,
    activities: dict[str, int],
    kinds: dict[int, str],
    actor: User | None,
    now: datetime.datetime,
    progress: Callable[[int, int], None] | None,
    total: int,
) -> int:
    """Adds the plan's new rows with the ORM's bulk_create (any database)."""
    done = 0
    for start in range(0, len(plan.additions), BATCH):
        batch = plan.additions[start : start + BATCH]
        experiences = Experience.objects.bulk_create(
            [_experience(plan, record, activities, actor, now) for record in batch], batch_size=BATCH
        )
        answers: list[Answer] = []
        rows: list[ImportedRow] = []
        for experience, record in zip(experiences, batch, strict=True):
            assert experience.pk is not None
            answers.extend(_answers(experience.pk, record, kinds))
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
        done += len(batch)
        if progress is not None:
            progress(done, total)

    return done


_ANSWER_COLUMNS = (
    "experience_id",
    "question_id",
    "text",
    "choices",
    "number",
    "language",
    "language_detected",
    "english_text",
    "translated_by",
)
_IMPORTED_COLUMNS = (
    "upload_id",
    "experience_id",
    "project_id",
    "partner_id",
    "file_name",
    "sheet",
    "row_number",
    "content_hash",
)


def _next_id(cursor: Any, table: str) -> int:
    cursor.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"')  # noqa: S608 (table names from models)
    highest = int(cursor.fetchone()[0])
    try:
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", [table])
        found = cursor.fetchone()
    except Exception:  # pragma: no cover - no AUTOINCREMENT table yet
        found = None
    return max(highest, int(found[0]) if found else 0) + 1


def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    """An INSERT for sqlite3's own cursor (qmark placeholders)."""
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join(["?"] * len(columns))
    return f'INSERT INTO "{table}" ({names}) VALUES ({marks})'  # noqa: S608 (names from models)


def _json_list(cache: dict[tuple[str, ...], str], choices: tuple[str, ...]) -> str:
    text = cache[choices] = json.dumps(list(choices), ensure_ascii=False)
    return text


class _SqliteInserter:
    """Adds rows with executemany on SQLite's own connection: the same rows bulk_create would write (every field
    of the models, defaults included), without building model instances. Used inside one transaction, which
    holds SQLite's write lock (transaction_mode IMMEDIATE), so the ids taken here cannot be taken by anyone
    else."""

    def __init__(
        self,
        plan: Plan,
        upload: ReturnUpload,
        activities: dict[str, int],
        kinds: dict[int, str],
        actor: User | None,
        now: datetime.datetime,
    ) -> None:
        self.plan = plan
        self.upload_id = upload.pk
        self.activities = activities
        stamp = connection.ops.adapt_datetimefield_value(now)
        experience_fields = [f for f in Experience._meta.concrete_fields if not f.primary_key]
        columns = ("id", *(str(f.column) for f in experience_fields))
        fixed: dict[str, Any] = {}
        for f in experience_fields:
            default = f.get_default()
            fixed[str(f.column)] = f.get_db_prep_save(default, connection) if default is not None else None
        fixed.update(
            project_id=plan.project.pk,
            partner_id=plan.partner.pk,
            channel=Channel.PARTNER_RETURN,
            consent_method=ConsentMethod.VERBAL,
            consent_recorded_by=plan.partner.name[:200],
            source_file=plan.file_name,
            source_sheet=plan.sheet[:100],
            created_by_id=actor.pk if actor is not None else None,
            created_at=stamp,
            updated_at=stamp,
        )
        self.template = [fixed.get(c) for c in columns]
        position = {c: i for i, c in enumerate(columns)}
        self.field_positions = [position[name] for name in EXPERIENCE_FIELDS]
        self.p_id, self.p_activity, self.p_community = position["id"], position["activity_id"], position["community_id"]
        self.p_date, self.p_row = position["collected_on"], position["source_row"]
        self.experience_sql = _insert_sql(Experience._meta.db_table, columns)
        self.answer_sql = _insert_sql(Answer._meta.db_table, _ANSWER_COLUMNS)
        self.imported_sql = _insert_sql(ImportedRow._meta.db_table, _IMPORTED_COLUMNS)
        self.multiple = {qid for qid, kind in kinds.items() if kind == QuestionKind.MULTIPLE_CHOICE}
        self.as_json: dict[tuple[str, ...], str] = {}
        self.next_id = 0

    def start(self, cursor: Any) -> None:
        self.next_id = _next_id(cursor, Experience._meta.db_table)

    def insert(self, cursor: Any, batch: list[RowRecord]) -> None:
        plan, as_json, multiple = self.plan, self.as_json, self.multiple
        experience_rows = []
        answer_rows = []
        imported_rows = []
        next_id = self.next_id
        sheet = plan.sheet[:100]
        for record in batch:
            row = self.template.copy()
            row[self.p_id] = next_id
            row[self.p_activity] = self.activities.get(record.activity)
            row[self.p_community] = record.community
            row[self.p_date] = record.collected_on.isoformat()
            row[self.p_row] = record.row
            for pos, value in zip(self.field_positions, record.fields, strict=True):
                row[pos] = value
            experience_rows.append(row)
            for question_id, text, choices, number, language, detected, english, by in record.answers:
                if question_id in multiple and not choices:
                    continue
                answer_rows.append(
                    (
                        next_id,
                        question_id,
                        text,
                        as_json.get(choices) or _json_list(as_json, choices),
                        number,
                        language,
                        detected,
                        english,
                        by[:200],
                    )
                )
            imported_rows.append(
                (
                    self.upload_id,
                    next_id,
                    plan.project.pk,
                    plan.partner.pk,
                    plan.file_name,
                    sheet,
                    record.row,
                    record.hash,
                )
            )
            next_id += 1
        self.next_id = next_id
        cursor.executemany(self.experience_sql, experience_rows)
        cursor.executemany(self.answer_sql, answer_rows)
        cursor.executemany(self.imported_sql, imported_rows)


class _BigCache:
    """A bigger page cache for this connection while it writes many index entries (128 MB at most)."""

    def __init__(self, cursor: Any) -> None:
        self.cursor = cursor

    def __enter__(self) -> None:
        self.cursor.execute("PRAGMA cache_size")
        self.previous = int(self.cursor.fetchone()[0])
        self.cursor.execute("PRAGMA cache_size = -131072")

    def __exit__(self, *exc: object) -> None:
        self.cursor.execute(f"PRAGMA cache_size = {self.previous}")


def _insert_sqlite(
    inserter: _SqliteInserter,
    plan: Plan,
    progress: Callable[[int, int], None] | None,
    total: int,
) -> int:
    """Adds the plan's additions in batches."""
    todo = plan.additions
    done = 0
    connection.ensure_connection()
    cursor = connection.connection.cursor()
    try:
        with _BigCache(cursor):
            if not inserter.next_id:
                inserter.start(cursor)
            for start in range(0, len(todo), INSERT_BATCH):
                batch = todo[start : start + INSERT_BATCH]
                inserter.insert(cursor, batch)
                done += len(batch)
                if progress is not None:
                    progress(done, total)
    finally:
        cursor.close()
    return done


def _question_kinds(project: Project) -> dict[int, str]:
    from heard.engagement.models import Question

    return dict(Question.objects.filter(project=project).values_list("pk", "kind"))


def _create_activities(plan: Plan) -> dict[str, int]:
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


def import_file(
    path: str | Path,
    *,
    project: Project,
    partner: Organisation,
    actor: User | None,
    file_name: str | None = None,
    mapping: ColumnMapping | None = None,
    sheet: str | None = None,
    upload: ReturnUpload | None = None,
    expect: dict[str, Any] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[Plan, ReturnUpload | None]:
    """Checks the whole file, then, if it is clean (and, with `expect`, says the same as the preview did),
    imports it all or nothing. Returns the plan and the upload record (None when nothing was written)."""
    plan = plan_import(
        path, project=project, partner=partner, file_name=file_name, mapping=mapping, sheet=sheet, progress=progress
    )
    if not plan.ok or not _as_expected(plan, expect):
        return plan, None
    return plan, commit(plan, actor=actor, upload=upload, progress=progress)


def _as_expected(plan: Plan, expect: dict[str, Any] | None) -> bool:
    if expect is None:
        return True
    summary = plan.summary()
    return all(summary.get(key) == value for key, value in expect.items())


def commit(
    plan: Plan,
    *,
    actor: User | None,
    upload: ReturnUpload | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ReturnUpload:
    """Writes a clean plan, all or nothing, with one audit event. Returns the upload record."""
    if not plan.ok:
        raise ImportRefused("The file has problems; nothing was imported.")
    kinds = _question_kinds(plan.project)
    now = timezone.now()
    total = len(plan.additions) + len(plan.changes) + len(plan.removals)
    with transaction.atomic():
        if upload is None:
            upload = ReturnUpload.objects.create(
                project=plan.project,
                partner=plan.partner,
                uploaded_by=actor,
                file_name=plan.file_name,
                sheet=plan.sheet[:100],
            )
        activities = _create_activities(plan)
        if connection.vendor == "sqlite":
            inserter = _SqliteInserter(plan, upload, activities, kinds, actor, now)
            done = _insert_sqlite(inserter, plan, progress, total)
        else:
            done = _insert_orm(plan, upload, activities, kinds, actor, now, progress, total)

        for record, imported_row_id, experience_id in plan.changes:
            fresh = _experience(plan, record, activities, actor, now)
            fresh.pk = experience_id
            update = (*EXPERIENCE_FIELDS, "activity_id", "community_id", "collected_on", "source_row", "updated_at")
            Experience.objects.filter(pk=experience_id).update(**{f: getattr(fresh, f) for f in update})
            Answer.objects.filter(experience_id=experience_id).delete()
            Answer.objects.bulk_create(list(_answers(experience_id, record, kinds)))
            ImportedRow.objects.filter(pk=imported_row_id).update(
                upload=upload, row_number=record.row, content_hash=record.hash
            )
            done += 1
        if plan.removals:
            Experience.objects.filter(pk__in=[experience_id for _pk, experience_id, _row in plan.removals]).delete()
            done += len(plan.removals)

        summary = plan.summary()
        upload.status = UploadStatus.IMPORTED
        upload.summary = summary
        upload.rows_total = plan.rows_read
        upload.rows_done = plan.rows_read
        upload.problems = []
        upload.problem_count = 0
        upload.finished_at = timezone.now()
        upload.save()
        audit.record(
            actor=actor,
            verb=AuditVerb.IMPORTED,
            target=upload,
            target_label=f"{plan.file_name} ({plan.partner.name})",
            project_id=plan.project.pk,
            organisation_id=plan.partner.pk,
            summary=(
                f"Imported {plan.file_name}: {summary['added']} added, {summary['changed']} changed, "
                f"{summary['removed']} removed, {summary['unchanged']} already held, "
                f"{summary['new_activities']} new activities"
            ),
            after=summary,
        )
    return upload
