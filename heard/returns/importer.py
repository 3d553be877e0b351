"""Importing a partner's return in two phases: `plan_import` reads and checks every row and works out what
would be added, changed and removed (writing nothing, outside any transaction); `commit` writes a clean plan in
one short transaction with one audit event. On SQLite that transaction holds the database's one write lock, so
the file is read and checked before it begins: the web's writes (a sign-in, a saved record) wait only for the
rows to be written, not for the file to be read.

A row's identity for re-imports is a hash of its normalised content (what Heard understood, not the cell
formatting), so a re-saved file adds nothing. Identical rows in one file are different residents: the n-th copy
gets its own hash. A revised file (same project, partner and file name) is compared with what that file brought
in before: a row whose content changed at the same row number is a change; rows that are no longer in the file
are removals.
"""

from __future__ import annotations

import datetime
import hashlib
import itertools
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, Max
from django.utils import timezone

from heard.accounts.models import User
from heard.core import audit
from heard.core.models import AuditVerb
from heard.engagement.actions import announce_contributions
from heard.engagement.models import Activity, Answer, Experience, Project, QuestionKind
from heard.lib import census, tabular
from heard.lib.idruns import IdRuns
from heard.lib.language import detect_language
from heard.partners.models import Community, Organisation
from heard.returns import writing
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
from heard.returns.records import (
    EXPERIENCE_FIELDS,
    MAX_PROBLEMS_KEPT,
    ImportRefused,
    NewActivity,
    Plan,
    Problem,
    RowRecord,
)
from heard.returns.template import ACTIVITY, ACTIVITY_COLUMNS, RESIDENTS

__all__ = [
    "MAX_PROBLEMS_KEPT",
    "ImportRefused",
    "Plan",
    "Problem",
    "RowRecord",
    "commit",
    "import_file",
    "map_headers",
    "plan_import",
]

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
# Rows read together, column by column.
CHUNK = 1000
_MISS = object()
_DAY = datetime.date(2000, 1, 1)  # in the slim records of a plan that only says what would happen
_NOWHERE = ("", "", "", "", None)  # postcode, local authority, ward, LSOA, decile
# Each of EXPERIENCE_FIELDS when the file does not say.
_FIELD_DEFAULTS: tuple[Any, ...] = ("", "", "", "", "", "", "", "", False, False, False, "", "", "", None)


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
            blank = self._blank_value(target, slot)
            self.plan.append((index, column, self._converter(column), {"": blank, None: blank}, target, qid, slot))
        questions = [c.question for c in columns.values() if c.question is not None]
        self.free_text = {q.pk for q in questions if q.kind == QuestionKind.FREE_TEXT}
        # Whether a column has had a cell that cannot be read (its values are then searched for problems).
        self.failing = [False] * len(self.plan)

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

    def _blank_value(self, target: str, slot: Any) -> Any:
        """What a blank cell stands for, by where its value goes."""
        if target == "field":
            return _FIELD_DEFAULTS[slot]
        if target == "answer":
            return None if slot == 2 else ""
        if target == "multi":
            return False
        if target == "postcode":
            return _NOWHERE
        return None  # consent to keep (None: not given), community, activity, date

    def _convert_column(self, position: int, raw_values: tuple[Any, ...]) -> list[Any]:
        """One column's values for a chunk of rows: a memo look-up per cell in C, the converter only for cells
        not seen before (and for numbers and dates, which are not memoised: True == 1 == 1.0 would share an
        entry). Blank cells become the column's blank value; cells that cannot be read become CellProblems."""
        _index, _column, convert, memo, target, _qid, slot = self.plan[position]
        out = list(map(memo.get, raw_values, itertools.repeat(_MISS)))
        if _MISS in out:
            blank = self._blank_value(target, slot)
            for i, value in enumerate(out):
                if value is not _MISS:
                    continue
                raw = raw_values[i]
                try:
                    value = convert(raw)
                except CellProblem as problem:
                    value = problem
                    self.failing[position] = True
                if value is _BLANK:
                    value = blank
                if type(raw) is str and len(memo) < _MEMO_LIMIT:
                    memo[raw] = value
                out[i] = value
        return out

    def read_rows(self, chunk: list[tuple[int, list[Any]]], plan: Plan) -> list[RowRecord | None]:
        """The RowRecords of a chunk of rows (None for a row with problems, which are added to the plan in the
        order of rows, then columns). Works column by column, so most of the work is done in C."""
        count = len(chunk)
        columns = list(zip(*(cells for _number, cells in chunk), strict=True))
        problems: dict[int, list[Problem]] = {}
        failed: dict[int, set[str]] = {}
        fields: list[list[Any] | None] = [None] * len(_FIELD_DEFAULTS)
        consent: list[Any] = [None] * count
        community: list[Any] = [None] * count
        activity: list[Any] = [None] * count
        collected: list[Any] = [None] * count
        # question id -> [text, choices (option columns), number, language, english, translated by]
        answers: dict[int, list[Any]] = {}
        for position, (index, column, _convert, _memo, target, qid, slot) in enumerate(self.plan):
            out = self._convert_column(position, columns[index])
            if self.failing[position]:
                letter = self.table.letters[index] if index < len(self.table.letters) else ""
                for i, value in enumerate(out):
                    if isinstance(value, CellProblem):
                        failed.setdefault(i, set()).add(column.code)
                        problems.setdefault(i, []).append(
                            Problem(chunk[i][0], column.label, str(value), self.table.sheet, letter)
                        )
            if target == "field":
                fields[slot] = _merge(fields[slot], out, _FIELD_DEFAULTS[slot])
            elif target == "consent_store":
                consent = out
                fields[slot] = [value is True for value in out]
            elif target == "postcode":
                places = [value if type(value) is tuple else _NOWHERE for value in out]
                for offset, part in zip((slot, 11, 12, 13, 14), zip(*places, strict=True), strict=True):
                    fields[offset] = list(part)
            elif target == "community":
                community = out
            elif target == "activity":
                activity = out
            elif target == "date":
                collected = out
            else:
                parts = answers.get(qid)
                if parts is None:
                    parts = answers[qid] = [None, [], None, None, None, None]
                if target == "multi":
                    parts[1].append((slot, out))
                else:
                    where = {0: 0, 2: 2, 3: 3, 5: 4, 6: 5}[slot]
                    parts[where] = _merge(parts[where], out, None if slot == 2 else "")
        rows = list(
            zip(
                *(
                    column_values if column_values is not None else itertools.repeat(default, count)
                    for column_values, default in zip(fields, _FIELD_DEFAULTS, strict=True)
                ),
                strict=False,
            )
        )
        per_question = [
            (qid, qid in self.free_text, self._answer_parts(parts, count))
            for qid, parts in sorted(answers.items(), key=lambda item: item[0])
        ]
        records: list[RowRecord | None] = []
        for i in range(count):
            row_number = chunk[i][0]
            row_problems = problems.get(i, [])
            row_failed = failed.get(i, ())
            ok = not row_failed
            if consent[i] is not True and "consent_store" not in row_failed:
                ok = False
                row_problems.append(
                    Problem(
                        row_number,
                        "Agreed we keep what they told us",
                        "the resident did not agree that we keep what they told us (the cell must say Yes), so "
                        "Heard cannot keep this row. Remove the row from the file.",
                        self.table.sheet,
                        self.letter_for.get("consent_store", ""),
                    )
                )
            collected_on = collected[i]
            chosen = activity[i]
            activity_ref, activity_name, activity_date = chosen if type(chosen) is tuple else ("", "", None)
            if collected_on is None and "collected_on" not in row_failed:
                collected_on = activity_date
                if collected_on is None:
                    ok = False
                    row_problems.append(
                        Problem(
                            row_number,
                            "Date heard",
                            "no date: write the date you heard this resident, or choose an activity that has a date",
                            self.table.sheet,
                            self.letter_for.get("collected_on", ""),
                        )
                    )
            record = None
            if ok and collected_on is not None:
                record = self._record(
                    i,
                    row_number,
                    rows[i],
                    community[i],
                    activity_ref,
                    activity_name,
                    collected_on,
                    per_question,
                    row_problems,
                )
            for problem in row_problems:
                plan.add_problem(problem)
            records.append(record)
        return records

    @staticmethod
    def _answer_parts(parts: list[Any], count: int) -> list[tuple[str, tuple[str, ...], int | None, str, str, str]]:
        """Per row, one question's (text, choices, number, language, English, translated by); all empty when
        the row has no answer to it."""
        text, options, number, language, english, by = parts
        blank_text = itertools.repeat("", count)
        if options:
            codes = [code for code, _out in options]
            flags = [[value is True for value in out] for _code, out in options]
            choices: Any = [tuple(itertools.compress(codes, row)) for row in zip(*flags, strict=True)]
        else:
            choices = itertools.repeat((), count)
        return list(
            zip(
                text if text is not None else blank_text,
                choices,
                number if number is not None else itertools.repeat(None, count),
                language if language is not None else itertools.repeat("", count),
                english if english is not None else itertools.repeat("", count),
                by if by is not None else itertools.repeat("", count),
                strict=False,
            )
        )

    def _record(
        self,
        i: int,
        row_number: int,
        values: tuple[Any, ...],
        community: int | None,
        activity_ref: str,
        activity_name: str,
        collected_on: datetime.date,
        per_question: list[tuple[int, bool, list[tuple[str, tuple[str, ...], int | None, str, str, str]]]],
        row_problems: list[Problem],
    ) -> RowRecord | None:
        main_language = values[5]
        answer_tuples = []
        for question_id, free_text, rows in per_question:
            text, choices, number, language, english, by = rows[i]
            if not (text or choices or number is not None or language or english or by):
                continue
            if (english or by) and not text:
                row_problems.append(
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
            if free_text and text and not language:
                # Not given: what the words look like, else the resident's main language. (A chosen answer is
                # a code, in no language.)
                language = detect_language(text)
                if not language and main_language and main_language != census.PREFER_NOT_TO_SAY:
                    language = main_language
                detected = bool(language)
            answer_tuples.append((question_id, text, choices, number, language, detected, english, by))
        content = [community, activity_name, collected_on.isoformat(), list(values), answer_tuples]
        digest = _row_hash(content)
        self.seen[digest] += 1
        if self.seen[digest] > 1:
            digest = _row_hash([digest, self.seen[digest]])
        return RowRecord(row_number, digest, community, activity_ref, collected_on, values, tuple(answer_tuples))


def _merge(earlier: list[Any] | None, later: list[Any], blank: Any) -> list[Any]:
    """Two columns that fill the same place: the later column's value where it has one (as cell by cell)."""
    if earlier is None:
        return later
    return [a if b == blank and type(b) is type(blank) else b for a, b in zip(earlier, later, strict=True)]


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
    keep_records: bool = True,
) -> Plan:
    """Reads and checks the whole file. Raises ImportRefused when the file cannot be read. Writes nothing.

    With `keep_records=False` (a preview, a dry run) the plan keeps only each row's number and hash, enough to
    say what would be added, changed and removed, in a fraction of the memory; such a plan cannot be committed."""
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
        plan.held_state = held_state(plan)
        known_hashes, previous = _held(plan)
        while chunk := list(itertools.islice(rows, CHUNK)):
            plan.rows_read += len(chunk)
            for record in reader.read_rows(chunk, plan):
                if record is None or plan.problem_count:
                    continue
                records.append(record if keep_records else RowRecord(record.row, record.hash, None, "", _DAY, (), ()))
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


def held_state(plan: Plan) -> tuple[int, int, int]:
    """A cheap fingerprint of the rows Heard holds from this partner in this project: how many, the newest, and
    the newest upload that added or changed one. Any import, removal or erasure since changes it."""
    found = ImportedRow.objects.filter(project=plan.project, partner=plan.partner).aggregate(
        rows=Count("pk"), newest=Max("pk"), upload=Max("upload_id")
    )
    return (int(found["rows"] or 0), int(found["newest"] or 0), int(found["upload"] or 0))


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
    imports it all or nothing. Returns the plan and the upload record (None when nothing was written).

    The file is read and checked first, outside any transaction; only then are its rows written, in one short
    transaction (on SQLite the write lock is held about 5 s per 100,000 rows, not for the whole read)."""
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


def _new_upload(plan: Plan, actor: User | None) -> ReturnUpload:
    return ReturnUpload.objects.create(
        project=plan.project, partner=plan.partner, uploaded_by=actor, file_name=plan.file_name, sheet=plan.sheet[:100]
    )


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
    if not plan.committable:
        raise ValueError("This plan was made without keeping the rows (keep_records=False); plan again to import.")
    kinds = writing.question_kinds(plan.project)
    now = timezone.now()
    total = len(plan.additions) + len(plan.changes) + len(plan.removals)
    with transaction.atomic():
        if held_state(plan) != plan.held_state:
            raise ImportRefused(
                f"Heard's records from {plan.partner.name} changed while {plan.file_name} was being checked "
                "(another import, or a record removed); nothing was imported. Check the file again."
            )
        upload = upload or _new_upload(plan, actor)
        activities = writing.create_activities(plan)
        if connection.vendor == "sqlite":
            writer = writing.SqliteWriter(plan, upload, activities, kinds, actor, now)
            done = writing.insert_sqlite(writer, plan.additions, progress, total)
            written = writer.ids
        else:
            written = IdRuns()
            done = writing.insert_orm(plan, upload, activities, kinds, actor, now, progress, total, written)

        for record, imported_row_id, experience_id in plan.changes:
            fresh = writing.experience_for(plan, record, activities, actor, now)
            fresh.pk = experience_id
            update = (*EXPERIENCE_FIELDS, "activity_id", "community_id", "collected_on", "source_row", "updated_at")
            Experience.objects.filter(pk=experience_id).update(**{f: getattr(fresh, f) for f in update})
            Answer.objects.filter(experience_id=experience_id).delete()
            Answer.objects.bulk_create(list(writing.answers_for(experience_id, record, kinds)))
            ImportedRow.objects.filter(pk=imported_row_id).update(
                upload=upload, row_number=record.row, content_hash=record.hash
            )
            written.add_run(experience_id, 1)
            done += 1
        if plan.removals:
            Experience.objects.filter(pk__in=[experience_id for _pk, experience_id, _row in plan.removals]).delete()
            done += len(plan.removals)
        return _finish(plan, upload, actor, written)


def _finish(plan: Plan, upload: ReturnUpload, actor: User | None, written: IdRuns) -> ReturnUpload:
    """Marks the upload imported and writes the one audit event (inside the import's transaction); once it
    commits, the records added or changed are announced for their safeguarding check and theme suggestions."""
    summary = plan.summary()
    upload.sheet = plan.sheet[:100]
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
    announce_contributions(written)
    return upload
