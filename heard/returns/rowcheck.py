"""Reading and checking a residents' sheet, a chunk of rows at a time, column by column: each row becomes a
`RowRecord` (what Heard understood) with its content hash, or problems naming the row and the column."""

from __future__ import annotations

import datetime
import hashlib
import itertools
from collections import Counter
from collections.abc import Callable
from typing import Any

from heard.engagement.models import Activity, Experience, Project, QuestionKind
from heard.lib import census, tabular
from heard.lib.language import detect_language
from heard.partners.models import Community, Organisation
from heard.returns.columns import (
    CellProblem,
    Column,
    cell_text,
    fold,
    parse_consent,
    parse_date,
    parse_postcode,
)
from heard.returns.records import (
    EXPERIENCE_FIELDS,
    NewActivity,
    Plan,
    Problem,
    RowRecord,
)

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
_MISS = object()
SLIM_DAY = datetime.date(2000, 1, 1)  # in the slim records of a plan that only says what would happen
_NOWHERE = ("", "", "", "", None)  # postcode, local authority, ward, LSOA, decile
# Each of EXPERIENCE_FIELDS when the file does not say.
_FIELD_DEFAULTS: tuple[Any, ...] = ("", "", "", "", "", "", "", "", False, False, False, "", "", "", None)


class RowReader:
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
