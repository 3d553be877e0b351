"""The Excel route for residents' verdicts: a sheet of answers a partner collected on paper or in a group,
checked row by row and imported all or nothing.

Every problem names the file, the row and the column, and says what to do; if there is any problem nothing is
imported. The sheet holds no personal details: a date, a community and the four answers.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass
from pathlib import Path

from django.db.models import TextChoices

from heard.engagement.models import Project
from heard.influence.models.verdicts import Again, Influence, Listened, SawChange, Verdict, VerdictChannel
from heard.lib import tabular
from heard.partners.models import Organisation

# Heading in the sheet -> (field, its choices or None). Headings are matched without regard to case or spaces.
DATE = "Date"
COMMUNITY = "Community"
ANSWER_COLUMNS: list[tuple[str, str, type[TextChoices]]] = [
    ("Felt listened to", "listened", Listened),
    ("Saw a change", "saw_change", SawChange),
    ("Would take part again", "again", Again),
    ("More or less able to influence things", "influence", Influence),
]
HEADINGS = [DATE, COMMUNITY, *(heading for heading, _f, _c in ANSWER_COLUMNS)]
MAX_PROBLEMS_SHOWN = 50


@dataclass(frozen=True)
class Problem:
    where: str  # file, sheet, row and column
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def _key(text: object) -> str:
    return " ".join(str(text or "").lower().split())


def _accepted(choices: type[TextChoices]) -> dict[str, str]:
    """What a cell may say for each answer: the code ("not_yet"), its English label ("Not yet"), or the label's
    first words ("More able")."""
    found: dict[str, str] = {}
    for code, label in choices.choices:
        found[_key(code)] = code
        found[_key(code).replace("_", " ")] = code
        found[_key(label)] = code
        found[_key(str(label).split("(")[0])] = code
    return found


def _date(value: object) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value or "").strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def check_sheet(
    path: str | Path, *, project: Project, partner: Organisation | None, file_name: str = ""
) -> tuple[list[Verdict], list[Problem]]:
    """The verdicts in the file (unsaved), and every problem found. Import only when there are no problems."""
    name = file_name or Path(path).name
    try:
        table = tabular.read_table(path)
    except tabular.TabularError as error:
        return [], [Problem(name, str(error).removeprefix(f"{Path(path).name}: "))]
    table.file_name = name
    columns = {_key(heading): i for i, heading in enumerate(table.headers)}
    missing = [heading for heading in HEADINGS if _key(heading) not in columns]
    if missing:
        _drain(table)
        many = len(missing) > 1
        return [], [
            Problem(
                table.where(table.header_row),
                f"the heading{'s' if many else ''} {', '.join(repr(h) for h in missing)} "
                f"{'are' if many else 'is'} missing. Use the template's headings: {', '.join(HEADINGS)}.",
            )
        ]
    checker = _RowChecker(table, columns, project, partner)
    try:
        for number, row in table.rows:
            checker.check(number, row)
    except tabular.TabularError as error:
        checker.problems.append(Problem(name, str(error).removeprefix(f"{name}: ")))
    if not checker.verdicts and not checker.problems:
        checker.problems.append(Problem(table.where(), "there are no verdicts under the headings."))
    return checker.verdicts, checker.problems


def _drain(table: tabular.Table) -> None:
    """Reads to the end so the file is closed, whatever is in the rows."""
    try:
        for _row in table.rows:
            pass
    except tabular.TabularError:
        pass


class _RowChecker:
    def __init__(
        self, table: tabular.Table, columns: dict[str, int], project: Project, partner: Organisation | None
    ) -> None:
        self.table, self.columns, self.project, self.partner = table, columns, project, partner
        known = list(project.communities.all())
        self.communities = {_key(c.name): c for c in known} | {_key(c.slug): c for c in known}
        self.community_names = ", ".join(sorted(c.name for c in known)) or "none yet"
        self.accepted = {field: _accepted(choices) for _h, field, choices in ANSWER_COLUMNS}
        self.today = datetime.date.today()
        self.verdicts: list[Verdict] = []
        self.problems: list[Problem] = []

    def _cell(self, row: list[object], heading: str) -> object:
        i = self.columns[_key(heading)]
        return row[i] if i < len(row) else None

    def _problem(self, number: int, heading: str | None, message: str) -> None:
        column = self.columns[_key(heading)] if heading else None
        self.problems.append(Problem(self.table.where(number, column), message))

    def check(self, number: int, row: list[object]) -> None:
        before = len(self.problems)
        given_on = _date(self._cell(row, DATE))
        if given_on is None:
            self._problem(number, DATE, "write the date the resident answered, like 27/03/2026.")
        elif given_on > self.today:
            self._problem(number, DATE, "this date is in the future: check it.")
        community = None
        if _key(self._cell(row, COMMUNITY)):
            community = self.communities.get(_key(self._cell(row, COMMUNITY)))
            if community is None:
                self._problem(
                    number,
                    COMMUNITY,
                    f"'{self._cell(row, COMMUNITY)}' is not one of this project's communities "
                    f"({self.community_names}); leave it empty if the answer is not for one community.",
                )
        answers: dict[str, str] = {}
        for heading, field, choices in ANSWER_COLUMNS:
            raw = _key(self._cell(row, heading))
            answers[field] = self.accepted[field].get(raw, "") if raw else ""
            if raw and not answers[field]:
                allowed = ", ".join(str(label) for _c, label in choices.choices)
                self._problem(
                    number,
                    heading,
                    f"'{self._cell(row, heading)}' is not an answer here: write one of {allowed}, or leave it empty.",
                )
        if not any(answers.values()) and len(self.problems) == before:
            self._problem(number, None, "no answers on this row: fill in at least one, or delete it.")
        self.verdicts.append(
            Verdict(
                project=self.project,
                partner=self.partner,
                community=community,
                channel=VerdictChannel.IMPORTED,
                given_on=given_on or self.today,
                source_file=self.table.file_name[:300],
                source_row=number,
                **answers,
            )
        )


def template_xlsx(project: Project) -> bytes:
    """An empty sheet with the headings, and drop-down lists of the answers and the project's communities."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("Verdicts")
    bold = book.add_format({"bold": True, "text_wrap": True})
    dates = book.add_format({"num_format": "dd/mm/yyyy"})
    for column, heading in enumerate(HEADINGS):
        sheet.write(0, column, heading, bold)
        sheet.set_column(column, column, 24)
    sheet.set_column(0, 0, 14, dates)
    names = [c.name for c in project.communities.order_by("name")]
    if names:
        sheet.data_validation(1, 1, 1000, 1, {"validate": "list", "source": names[:50], "ignore_blank": True})
    for offset, (_heading, _field, choices) in enumerate(ANSWER_COLUMNS):
        labels = [str(label) for _code, label in choices.choices]
        sheet.data_validation(1, 2 + offset, 1000, 2 + offset, {"validate": "list", "source": labels})
    sheet.freeze_panes(1, 0)
    book.close()
    return buffer.getvalue()
