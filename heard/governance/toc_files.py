"""The theory of change as files: .xlsx out and in (one row per element, and one per outcome and indicator, in
columns close to the Healthwatch England template's), and the Document a PDF is rendered from."""

from __future__ import annotations

import io
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Final

from openpyxl import Workbook
from openpyxl.styles import Font

from heard.governance import indicators
from heard.governance.change_actions import PlannedElement
from heard.governance.models import ElementKind, TheoryOfChange
from heard.lib import tabular
from heard.lib.documents.model import BulletList, Document, Paragraph, Section, Table

COLUMNS: Final = ("Type", "Statement", "Assumptions", "Evidence", "Indicator", "Target", "Unit", "Current value")
BOLD_CHALLENGE: Final = "Bold challenge"
KINDS: Final = {label.lower(): value for value, label in ElementKind.choices}


class ImportProblems(ValueError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def export_xlsx(toc: TheoryOfChange, values: list[indicators.IndicatorValue]) -> bytes:
    by_indicator = {v.indicator.pk: v for v in values}
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Theory of change"
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.append([BOLD_CHALLENGE, toc.bold_challenge, "", "", "", None, "", None])
    for element in toc.elements.prefetch_related("indicators"):
        base = [element.get_kind_display(), element.text, element.assumptions, element.evidence]
        linked = list(element.indicators.all())
        if not linked:
            sheet.append([*base, "", None, "", None])
        for indicator in linked:
            metric = indicators.METRICS.get(indicator.metric)
            value = by_indicator.get(indicator.pk)
            sheet.append(
                [
                    *base,
                    indicator.metric,
                    float(indicator.target) if indicator.target is not None else None,
                    metric.unit if metric else "",
                    value.value if value else None,
                ]
            )
    for letter, width in zip("ABCDEFGH", (14, 60, 40, 40, 26, 10, 12, 14), strict=True):
        sheet.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def read_xlsx(path: str | Path) -> tuple[str, list[PlannedElement]]:
    """The bold challenge and the elements, or ImportProblems naming each bad row and column (nothing is kept
    unless every row is right)."""
    table, rows = tabular.read_all(path)
    headers = [h.strip().lower() for h in table.headers]
    missing = [c for c in ("Type", "Statement") if c.lower() not in headers]
    if missing:
        raise ImportProblems([f"{table.where()}: no column called {', '.join(repr(m) for m in missing)}."])

    def column(name: str) -> int | None:
        return headers.index(name.lower()) if name.lower() in headers else None

    def cell(row: list[Any], name: str) -> Any:
        index = column(name)
        return row[index] if index is not None and index < len(row) else None

    problems: list[str] = []
    bold_challenge = ""
    elements: list[PlannedElement] = []
    for number, row in rows:
        kind_text = _text(cell(row, "Type")).lower()
        statement = _text(cell(row, "Statement"))
        where_type = table.where(number, column("Type"))
        if kind_text == BOLD_CHALLENGE.lower():
            bold_challenge = statement
            continue
        if kind_text not in KINDS:
            problems.append(
                f"{where_type}: '{_text(cell(row, 'Type'))}' is not a type; use Bold challenge, "
                + ", ".join(label for _, label in ElementKind.choices)
                + "."
            )
            continue
        if not statement:
            problems.append(f"{table.where(number, column('Statement'))}: the statement is empty.")
            continue
        metric = _text(cell(row, "Indicator"))
        target: Decimal | None = None
        if metric:
            if KINDS[kind_text] != ElementKind.OUTCOME:
                problems.append(f"{table.where(number, column('Indicator'))}: only outcomes have indicators.")
                continue
            if metric not in indicators.METRICS:
                problems.append(
                    f"{table.where(number, column('Indicator'))}: Heard does not compute '{metric}'; use one of "
                    + ", ".join(indicators.METRICS)
                    + "."
                )
                continue
            raw_target = cell(row, "Target")
            if _text(raw_target):
                try:
                    target = Decimal(_text(raw_target))
                except InvalidOperation:
                    problems.append(f"{table.where(number, column('Target'))}: '{raw_target}' is not a number.")
                    continue
        planned = PlannedElement(
            KINDS[kind_text],
            statement,
            _text(cell(row, "Assumptions")),
            _text(cell(row, "Evidence")),
            ((metric, target),) if metric else (),
        )
        previous = elements[-1] if elements else None
        if previous and metric and previous.kind == planned.kind and previous.text == planned.text:
            # The same outcome on the row before: another of its indicators.
            elements[-1] = PlannedElement(
                previous.kind,
                previous.text,
                previous.assumptions,
                previous.evidence,
                previous.indicators + planned.indicators,
            )
        else:
            elements.append(planned)
    if not bold_challenge:
        problems.append(f"{table.where()}: no row with the type 'Bold challenge'.")
    if problems:
        raise ImportProblems(problems)
    return bold_challenge, elements


def document(toc: TheoryOfChange, values: list[indicators.IndicatorValue]) -> Document:
    by_outcome: dict[int, list[indicators.IndicatorValue]] = {}
    for value in values:
        by_outcome.setdefault(value.indicator.outcome_id, []).append(value)
    sections = [Section("The bold challenge", [Paragraph(toc.bold_challenge, "lead")])]
    for kind, label in ElementKind.choices:
        elements = [e for e in toc.elements.all() if e.kind == kind]
        if not elements:
            continue
        section = Section(f"{label}s")
        for element in elements:
            blocks: list[Any] = [Paragraph(element.text)]
            notes = [
                f"{name}: {text}"
                for name, text in (("Assumptions", element.assumptions), ("Evidence", element.evidence))
                if text
            ]
            if notes:
                blocks.append(BulletList(notes))
            rows = [
                [v.metric.name, v.shown, "" if v.target is None else f"{v.target:g}", v.metric.unit]
                for v in by_outcome.get(element.pk, [])
            ]
            if rows:
                blocks.append(Table("Indicators", ["Indicator", "Value", "Target", "Unit"], rows, frozenset({1, 2})))
            section.subsections.append(Section(element.text[:80], blocks))
        sections.append(section)
    status = f"approved by {toc.approved_by} on {toc.approved_on:%-d %B %Y}" if toc.approved_on else "draft"
    return Document(
        title=f"Theory of change: {toc.project.name}",
        subtitle=f"Version {toc.number}, {status}",
        sections=sections,
        footer="" if toc.approved_on else "Draft: not for sharing",
    )
