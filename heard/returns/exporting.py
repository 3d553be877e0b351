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

from django.db.models import F, QuerySet

from heard.engagement.models import Answer, Experience, Project, Question, QuestionKind
from heard.lib import census, postcodes
from heard.returns.columns import latest_questions

CHUNK = 2000
XLSX_CELL_LIMIT = 32_767
DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ExportError(ValueError):
    pass


def neutralise(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(DANGEROUS_STARTS):
        return "'" + value
    return value


@dataclass(frozen=True)
class ExportColumn:
    key: str
    label: str
    get: Callable[[Experience, dict[str, Answer]], Any]


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

    def answer(a: dict[str, Answer]) -> Answer | None:
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


def _option_getter(code: str, option: str) -> Callable[[Experience, dict[str, Answer]], Any]:
    def get(_e: Experience, answers: dict[str, Answer]) -> int:
        found = answers.get(code)
        return int(option in found.choices) if found is not None else 0

    return get


def export_columns(project: Project, language: str = "") -> list[ExportColumn]:
    columns = _standard(language)
    for question in latest_questions(project):
        columns.extend(_question_columns(question, language))
    return columns


def export_rows(experiences: QuerySet[Experience] | Sequence[int], columns: list[ExportColumn]) -> Iterator[list[Any]]:
    """Values row by row, reading the records (a queryset, or their ids) and their answers a chunk at a time."""
    if isinstance(experiences, QuerySet):
        ids = list(experiences.order_by("pk").values_list("pk", flat=True))
    else:
        ids = sorted(experiences)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        records = Experience.objects.filter(pk__in=chunk).select_related("partner", "community", "activity")
        # By the question's code, so answers to every version of a question fill its columns.
        answers: dict[int, dict[str, Answer]] = {}
        for item in Answer.objects.filter(experience_id__in=chunk).annotate(code=F("question__code")):
            answers.setdefault(item.experience_id, {})[item.code] = item
        for record in sorted(records, key=lambda r: r.pk):
            found = answers.get(record.pk, {})
            yield [neutralise(column.get(record, found)) for column in columns]


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
