"""What a checked file will add and change, row by row, for the preview: the first few rows to add (what each
says) and the first few records to change (which fields change, from what to what), as a compact list a person
can read on a phone.

Nothing here is stored. The check keeps only row numbers (`ReturnUpload.summary["added_rows"]` and
`["changed_rows"]`); the residents' words are read again from the uploaded file each time the preview is shown,
and the file itself is deleted once it is imported."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from heard.accounts.models import User
from heard.engagement.access import experiences_for_user
from heard.engagement.models import Answer, Experience, Question
from heard.lib import books, tabular
from heard.lib.storedfiles import local_path
from heard.partners.models import Community
from heard.returns.activitysheet import read_activities
from heard.returns.columns import fold, return_columns
from heard.returns.headers import map_headers
from heard.returns.models import ImportedRow, ReturnUpload, UploadStatus
from heard.returns.records import EXPERIENCE_FIELDS, Plan, RowRecord
from heard.returns.rowcheck import RowReader
from heard.returns.template import RESIDENTS

# How many rows to add and records to change the preview shows (the rest are counted: "and 120 more").
SHOWN = 20
# The preview reads at most this many rows of the file again; rows further down are listed by number only.
SCAN_LIMIT = 20_000


@dataclass
class RowLine:
    label: str
    value: str
    before: str = ""


@dataclass
class RowView:
    row: int
    lines: list[RowLine] = field(default_factory=list)
    read: bool = True  # False: beyond what the preview reads again (shown by number only)


@dataclass
class RowsPreview:
    added: list[RowView]
    added_more: int
    changed: list[RowView]
    changed_more: int

    @property
    def any(self) -> bool:
        return bool(self.added or self.changed)


def preview_rows(upload: ReturnUpload, user: User, shown: int = SHOWN) -> RowsPreview | None:
    """The rows to add and the records to change, or None when there is nothing to show (not checked, already
    imported, or the file is gone)."""
    summary = upload.summary or {}
    if upload.status != UploadStatus.READY or not upload.file or "added" not in summary:
        return None
    added_rows = [int(r) for r in summary.get("added_rows", [])][:shown]
    changed_rows = [int(r) for r in summary.get("changed_rows", [])][:shown]
    if not added_rows and not changed_rows:
        return None
    try:
        records = _read_records(upload, set(added_rows) | set(changed_rows))
    except tabular.TabularError:
        records = {}
    questions = {q.pk: q for q in Question.objects.filter(project=upload.project)}
    communities = dict(Community.objects.values_list("pk", "name"))
    added = [_added_view(row, records.get(row), questions, communities) for row in added_rows]
    changed = _changed_views(upload, user, changed_rows, records, questions, communities)
    return RowsPreview(
        added=added,
        added_more=max(0, int(summary.get("added", 0)) - len(added)),
        changed=changed,
        changed_more=max(0, int(summary.get("changed", 0)) - len(changed)),
    )


def _read_records(upload: ReturnUpload, wanted: set[int]) -> dict[int, RowRecord]:
    """The wanted rows of the uploaded file, read again as the check read them (within SCAN_LIMIT rows)."""
    if not wanted:
        return {}
    found: dict[int, RowRecord] = {}
    last = max(wanted)
    plan = Plan(project=upload.project, partner=upload.partner, file_name=upload.file_name)
    with local_path(upload.file) as path:
        book = books.open_book(path)
        try:
            table = book.table(upload.sheet or None, prefer=(RESIDENTS,))
            columns = return_columns(upload.project, upload.partner)
            mapped, unmapped, _left_out, _problems = map_headers(table.headers, columns, upload.mapping)
            if unmapped:
                return {}
            community_keys = {
                fold(name): int(key)
                for c in columns
                if c.kind == "community"
                for key, name in c.choices
                if key.isdigit()
            }
            reader = RowReader(
                upload.project,
                upload.partner,
                mapped,
                table,
                read_activities(book, upload.project, upload.partner, plan, community_keys),
            )
            scanned = 0
            rows = table.rows
            while chunk := list(itertools.islice(rows, 1000)):
                scanned += len(chunk)
                for record in reader.read_rows(chunk, plan):
                    if record is not None and record.row in wanted:
                        found[record.row] = record
                if chunk[-1][0] >= last or scanned >= SCAN_LIMIT:
                    break
            close = getattr(rows, "close", None)
            if close is not None:
                close()
        finally:
            book.close()
    return found


def _field_display(name: str, value: Any) -> str:
    if value in (None, ""):
        return ""
    model_field = Experience._meta.get_field(name)
    choices = dict(getattr(model_field, "flatchoices", None) or ())
    shown = choices.get(value, value)
    if isinstance(shown, bool):
        return "Yes" if shown else "No"
    return str(shown)


def _field_label(name: str) -> str:
    model_field = Experience._meta.get_field(name)
    return str(getattr(model_field, "verbose_name", name)).capitalize()


def _answer_display(question: Question, text: str, choices: Iterable[str], number: int | None, english: str) -> str:
    shown = Answer(question=question, text=text, choices=list(choices), number=number).value_display()
    if english and english != text:
        shown += f" (in English: {english})"
    return shown


def _record_answers(record: RowRecord, questions: dict[int, Question]) -> dict[int, str]:
    shown = {}
    for question_id, text, choices, number, _language, _detected, english, _by in record.answers:
        question = questions.get(question_id)
        if question is not None:
            shown[question_id] = _answer_display(question, text, choices, number, english)
    return {k: v for k, v in shown.items() if v}


def _added_view(
    row: int, record: RowRecord | None, questions: dict[int, Question], communities: dict[int, str]
) -> RowView:
    if record is None:
        return RowView(row=row, read=False)
    lines = [RowLine("Date heard", f"{record.collected_on:%-d %b %Y}")]
    if record.community:
        lines.append(RowLine("Community", communities.get(record.community, "")))
    for question_id, value in _record_answers(record, questions).items():
        lines.append(RowLine(questions[question_id].text, value))
    about = [_field_display(n, v) for n, v in zip(EXPERIENCE_FIELDS, record.fields, strict=True) if n in _ABOUT]
    if any(about):
        lines.append(RowLine("About them", ", ".join(a for a in about if a)))
    return RowView(row=row, lines=lines)


# The fields summed up in one "About them" line for a row to add.
_ABOUT = ("age_band", "sex", "ethnic_group", "main_language")


def _changed_views(
    upload: ReturnUpload,
    user: User,
    rows: list[int],
    records: dict[int, RowRecord],
    questions: dict[int, Question],
    communities: dict[int, str],
) -> list[RowView]:
    imported = dict(
        ImportedRow.objects.filter(
            project=upload.project,
            partner=upload.partner,
            file_name=upload.file_name,
            sheet=upload.sheet,
            row_number__in=rows,
        ).values_list("row_number", "experience_id")
    )
    held = {e.pk: e for e in experiences_for_user(user).filter(pk__in=imported.values())}
    answers: dict[int, dict[int, str]] = {}
    for answer in Answer.objects.filter(experience_id__in=held).select_related("question"):
        shown = _answer_display(answer.question, answer.text, answer.choices, answer.number, answer.english_text)
        answers.setdefault(answer.experience_id, {})[answer.question_id] = shown
    views = []
    for row in rows:
        record = records.get(row)
        experience = held.get(imported.get(row, 0))
        if record is None or experience is None:
            views.append(RowView(row=row, read=False))
            continue
        lines = []
        if record.collected_on != experience.collected_on:
            lines.append(
                RowLine("Date heard", f"{record.collected_on:%-d %b %Y}", f"{experience.collected_on:%-d %b %Y}")
            )
        if record.community != experience.community_id:
            lines.append(
                RowLine(
                    "Community",
                    communities.get(record.community or 0, ""),
                    communities.get(experience.community_id or 0, ""),
                )
            )
        for name, value in zip(EXPERIENCE_FIELDS, record.fields, strict=True):
            after, before = _field_display(name, value), _field_display(name, getattr(experience, name))
            if after != before:
                lines.append(RowLine(_field_label(name), after, before))
        now = _record_answers(record, questions)
        then = answers.get(experience.pk, {})
        for question_id in sorted(set(now) | set(then), key=lambda q: (questions[q].position, q)):
            if now.get(question_id, "") != then.get(question_id, ""):
                lines.append(RowLine(questions[question_id].text, now.get(question_id, ""), then.get(question_id, "")))
        views.append(RowView(row=row, lines=lines))
    return views
