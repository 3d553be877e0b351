"""Exporting a project's residents' records: one row per contribution, one column per question, streamed.

Multiple-choice answers become one 0/1 column per option, so a spreadsheet user can filter on any of them.
Labels (question texts and choice labels) are in the chosen language where the project has a translation.
Every text cell that starts with =, +, -, @ (or a tab or carriage return) is neutralised with a leading single
quote, so a spreadsheet never runs a resident's words as a formula. Nothing is cut short: CSV and JSON carry
every character; an .xlsx cell holds at most 32,767 characters, so a longer answer stops the .xlsx export with
a message saying to use CSV or JSON instead.
"""

from __future__ import annotations

import csv
import datetime
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db.models import QuerySet

from heard.engagement.models import Activity, Answer, Channel, Experience, Project, Question, QuestionKind
from heard.lib import census, postcodes
from heard.partners.models import Community, Organisation
from heard.returns.columns import latest_questions

# Records read (and answers fetched) together: memory stays the same whatever the number of rows.
CHUNK = 2000
RECORD_FIELDS = (
    "collected_on",
    "channel",
    "age_band",
    "sex",
    "gender_identity",
    "ethnic_group",
    "disability",
    "main_language",
    "english_proficiency",
    "postcode",
    "ward_code",
    "consent_store",
    "consent_quote",
    "consent_contact",
    "source_file",
    "source_sheet",
    "source_row",
)
ANSWER_FIELDS = ("pk", "text", "choices", "number", "language", "english_text", "translated_by")
CHANNELS = dict(Channel.choices)
XLSX_CELL_LIMIT = 32_767
DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ExportError(ValueError):
    pass


def neutralise(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(DANGEROUS_STARTS):
        return "'" + value
    return value


class ExportRecord:
    """One residents' record as an export reads it: plain values, and the few partners, communities and
    activities shared by id between all the rows that name them (no model instance per row)."""

    __slots__ = ("pk", "partner", "community", "activity", *RECORD_FIELDS)

    pk: int
    partner: Organisation
    community: Community | None
    activity: Activity | None
    collected_on: datetime.date
    channel: str
    age_band: str
    sex: str
    gender_identity: str
    ethnic_group: str
    disability: str
    main_language: str
    english_proficiency: str
    postcode: str
    ward_code: str
    consent_store: bool
    consent_quote: bool
    consent_contact: bool
    source_file: str
    source_sheet: str
    source_row: int | None

    @property
    def reference(self) -> str:
        return f"R-{self.pk:05d}"

    def get_channel_display(self) -> str:
        return str(CHANNELS.get(self.channel, self.channel))


class ExportAnswer:
    """One answer as an export reads it (a tuple's worth of values, not a model instance)."""

    __slots__ = ANSWER_FIELDS

    def __init__(self, values: Sequence[Any]) -> None:
        for name, value in zip(ANSWER_FIELDS, values, strict=True):
            setattr(self, name, value)

    pk: int
    text: str
    choices: list[str]
    number: int | None
    language: str
    english_text: str
    translated_by: str


Getter = Callable[[ExportRecord, dict[str, ExportAnswer]], Any]


@dataclass(frozen=True)
class ExportColumn:
    key: str
    label: str
    get: Getter


def _choice_label(question: Question, code: str, language: str) -> str:
    translated = question.translations.get(language, {}).get("choices", {}) if language else {}
    return str(translated.get(code) or question.choice_label(code))


def _standard(language: str) -> list[ExportColumn]:
    def choice(name: str, label: str, choices: census.Choices) -> ExportColumn:
        allowed = dict(census.with_prefer_not_to_say(choices))
        return ExportColumn(name, label, lambda e, _a: allowed.get(getattr(e, name), getattr(e, name)))

    return [
        ExportColumn("reference", "Reference", lambda e, _a: e.reference),
        ExportColumn("partner", "Partner", lambda e, _a: e.partner.name),
        ExportColumn("community", "Community", lambda e, _a: e.community.name if e.community else ""),
        ExportColumn("activity", "Activity", lambda e, _a: e.activity.title if e.activity else ""),
        ExportColumn("collected_on", "Date heard", lambda e, _a: e.collected_on),
        ExportColumn("channel", "How it came in", lambda e, _a: e.get_channel_display()),
        choice("age_band", "Age band", census.AGE_BANDS),
        choice("sex", "Sex", census.SEXES),
        choice("gender_identity", "Gender identity", census.GENDER_IDENTITIES),
        choice("ethnic_group", "Ethnic group", census.ETHNIC_GROUPS_19),
        choice("disability", "Disability", census.DISABILITY),
        choice("main_language", "Main language", census.LANGUAGES),
        choice("english_proficiency", "How well they speak English", census.ENGLISH_PROFICIENCY),
        ExportColumn("postcode_district", "Postcode district", lambda e, _a: postcodes.district(e.postcode) or ""),
        ExportColumn("ward_code", "Ward code", lambda e, _a: e.ward_code),
        ExportColumn("consent_store", "Agreed we keep what they told us", lambda e, _a: int(e.consent_store)),
        ExportColumn("consent_quote", "Agreed we quote their words", lambda e, _a: int(e.consent_quote)),
        ExportColumn("consent_contact", "Agreed we contact them again", lambda e, _a: int(e.consent_contact)),
        ExportColumn("source_file", "Source file", lambda e, _a: e.source_file),
        ExportColumn("source_sheet", "Source sheet", lambda e, _a: e.source_sheet),
        ExportColumn("source_row", "Source row", lambda e, _a: e.source_row),
    ]


def _question_columns(question: Question, language: str) -> list[ExportColumn]:
    text = question.text_in(language) if language else question.text
    code = question.code

    def answer(a: dict[str, ExportAnswer]) -> ExportAnswer | None:
        return a.get(code)

    if question.kind == QuestionKind.FREE_TEXT:
        return [
            ExportColumn(code, text, lambda _e, a: x.text if (x := answer(a)) else ""),
            ExportColumn(
                f"{code}_language",
                f"{text}: language",
                lambda _e, a: census.label(census.LANGUAGES, x.language) if (x := answer(a)) else "",
            ),
            ExportColumn(
                f"{code}_english",
                f"{text}: English translation",
                lambda _e, a: x.english_text if (x := answer(a)) else "",
            ),
            ExportColumn(
                f"{code}_translated_by",
                f"{text}: translated by",
                lambda _e, a: x.translated_by if (x := answer(a)) else "",
            ),
        ]
    if question.kind == QuestionKind.MULTIPLE_CHOICE:
        columns = []
        for option, _label in question.choices:
            columns.append(
                ExportColumn(
                    f"{code}__{option}",
                    f"{text}: {_choice_label(question, str(option), language)}",
                    _option_getter(code, str(option)),
                )
            )
        return columns
    if question.kind == QuestionKind.RATING:
        return [ExportColumn(code, text, lambda _e, a: x.number if (x := answer(a)) else None)]
    return [
        ExportColumn(code, text, lambda _e, a: _choice_label(question, x.text, language) if (x := answer(a)) else "")
    ]


def _option_getter(code: str, option: str) -> Getter:
    def get(_e: ExportRecord, answers: dict[str, ExportAnswer]) -> int:
        found = answers.get(code)
        return int(option in found.choices) if found is not None else 0

    return get


def export_columns(project: Project, language: str = "") -> list[ExportColumn]:
    columns = _standard(language)
    for question in latest_questions(project):
        columns.extend(_question_columns(question, language))
    return columns


def _record_chunks(experiences: QuerySet[Experience] | Sequence[int]) -> Iterator[list[tuple[Any, ...]]]:
    """The records' values, CHUNK at a time, in id order: a queryset is paged by id (keyset), a list of ids is
    read a slice at a time."""
    values = ("pk", "partner_id", "community_id", "activity_id", *RECORD_FIELDS)
    if isinstance(experiences, QuerySet):
        ordered = experiences.order_by("pk").values_list(*values)
        last = 0
        while chunk := list(ordered.filter(pk__gt=last)[:CHUNK]):
            yield chunk
            last = chunk[-1][0]
        return
    ids = sorted(experiences)
    for start in range(0, len(ids), CHUNK):
        yield list(Experience.objects.filter(pk__in=ids[start : start + CHUNK]).order_by("pk").values_list(*values))


class _Shared:
    """Partners, communities and activities by id, each read once for the whole export."""

    def __init__(self) -> None:
        self.partners: dict[int, Organisation] = {}
        self.communities: dict[int, Community] = {}
        self.activities: dict[int, Activity] = {}

    def load(self, chunk: list[tuple[Any, ...]]) -> None:
        for index, found, model in ((1, self.partners, Organisation), (2, self.communities, Community)):
            missing = {row[index] for row in chunk if row[index] is not None} - found.keys()
            if missing:
                found.update(model.objects.in_bulk(missing))
        missing = {row[3] for row in chunk if row[3] is not None} - self.activities.keys()
        if missing:
            self.activities.update(Activity.objects.only("pk", "title").in_bulk(missing))


def export_rows(experiences: QuerySet[Experience] | Sequence[int], columns: list[ExportColumn]) -> Iterator[list[Any]]:
    """Values row by row, reading the records (a queryset, or their ids) and their answers a chunk at a time, as
    plain values: memory stays flat however many rows there are."""
    shared = _Shared()
    answer_values = ("experience_id", "question__code", *ANSWER_FIELDS)
    for chunk in _record_chunks(experiences):
        shared.load(chunk)
        # By the question's code, so answers to every version of a question fill its columns.
        answers: dict[int, dict[str, ExportAnswer]] = {}
        found = Answer.objects.filter(experience_id__in=[row[0] for row in chunk]).values_list(*answer_values)
        for experience_id, code, *values in found:
            answers.setdefault(experience_id, {})[code] = ExportAnswer(values)
        for pk, partner_id, community_id, activity_id, *values in chunk:
            record = ExportRecord()
            record.pk = pk
            record.partner = shared.partners[partner_id]
            record.community = shared.communities.get(community_id) if community_id is not None else None
            record.activity = shared.activities.get(activity_id) if activity_id is not None else None
            for name, value in zip(RECORD_FIELDS, values, strict=True):
                setattr(record, name, value)
            mine = answers.get(pk, {})
            yield [neutralise(column.get(record, mine)) for column in columns]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_chunks(columns: list[ExportColumn], rows: Iterable[list[Any]], *, bom: bool = False) -> Iterator[str]:
    writer = csv.writer(_Echo())
    if bom:
        yield "\ufeff"  # so Excel opens a download as UTF-8
    yield writer.writerow([neutralise(c.label) for c in columns])
    for row in rows:
        yield writer.writerow(["" if v is None else _plain(v) for v in row])


def json_chunks(columns: list[ExportColumn], rows: Iterable[list[Any]]) -> Iterator[str]:
    keys = [c.key for c in columns]
    yield "["
    first = True
    for row in rows:
        item = json.dumps(dict(zip(keys, map(_plain, row), strict=True)), ensure_ascii=False)
        yield ("\n" if first else ",\n") + item
        first = False
    yield "\n]\n"


def write_xlsx(
    columns: list[ExportColumn], rows: Iterable[list[Any]], target: str | Path, *, notes: Sequence[str] = ()
) -> int:
    """Writes the rows to a "Residents" sheet, and `notes` (what was checked, generalised, withheld) to a "Notes"
    sheet first when there are any."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(
        str(target),
        {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False},
    )
    try:
        if notes:
            notes_sheet = workbook.add_worksheet("Notes")
            notes_sheet.set_column(0, 0, 120)
            wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
            for index, line in enumerate(notes):
                notes_sheet.write_string(index, 0, neutralise(line), wrap)
        sheet = workbook.add_worksheet("Residents")
        bold = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
        sheet.freeze_panes(1, 0)
        for index, column in enumerate(columns):
            sheet.write_string(0, index, neutralise(column.label), bold)
            sheet.set_column(index, index, 18)
        count = 0
        for count, row in enumerate(rows, start=1):
            for index, value in enumerate(row):
                if value is None or value == "":
                    continue
                if isinstance(value, str):
                    if len(value) > XLSX_CELL_LIMIT:
                        raise ExportError(
                            f"Row {count + 1}, column '{columns[index].label}': the answer has {len(value):,} "
                            f"characters, more than an Excel cell holds ({XLSX_CELL_LIMIT:,}). Export as CSV or "
                            "JSON to keep every word."
                        )
                    sheet.write_string(count, index, value)
                elif isinstance(value, bool):
                    sheet.write_number(count, index, int(value))
                elif isinstance(value, int | float):
                    sheet.write_number(count, index, value)
                elif isinstance(value, datetime.date):
                    sheet.write_datetime(count, index, datetime.datetime.combine(value, datetime.time(0)), date_format)
                else:
                    sheet.write_string(count, index, str(value))
        sheet.autofilter(0, 0, max(count, 1), len(columns) - 1)
    finally:
        workbook.close()
    return count


def write_export(
    fmt: str, columns: list[ExportColumn], rows: Iterable[list[Any]], target: str | Path, *, notes: Sequence[str] = ()
) -> None:
    if fmt == "xlsx":
        write_xlsx(columns, rows, target, notes=notes)
        return
    chunks = csv_chunks(columns, rows) if fmt == "csv" else json_chunks(columns, rows)
    with open(target, "w", encoding="utf-8", newline="") as handle:
        for chunk in chunks:
            handle.write(chunk)
