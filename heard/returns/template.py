"""The Excel return template for one project and partner (written with xlsxwriter).

Sheets: "Instructions" (plain language), "Residents" (one row per resident; each header reads "Label [code]",
see `heard.returns.columns`), "Activity" (the activities the rows belong to) and a hidden "Lists" sheet holding
every drop-down's choices as a cell range (Excel limits inline lists to 255 characters; the 19 ethnic groups are
far longer).
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import IO, Any

import xlsxwriter

from heard.engagement.models import Activity, Project
from heard.lib import census
from heard.partners.models import Organisation
from heard.returns.columns import Column, communities_for, methods, return_columns

RESIDENTS = "Residents"
ACTIVITY = "Activity"
LISTS = "Lists"
INSTRUCTIONS = "Instructions"
TEMPLATE_ROWS = 2000  # rows with drop-downs ready; partners can copy them further down
ACTIVITY_ROWS = 200

ACTIVITY_COLUMNS = [
    ("title", "Activity name", 32),
    ("method", "Method", 16),
    ("held_on", "Date", 14),
    ("language", "Language", 18),
    ("people_count", "Number of people", 12),
    ("community", "Community", 28),
]


def activity_header(code: str, label: str) -> str:
    return f"{label} [{code}]"


def _instructions(project: Project, partner: Organisation) -> list[str]:
    return [
        f"Return for {project.name}",
        f"From: {partner.name}",
        "",
        "What to do",
        "1. On the 'Activity' sheet, write one line for each activity where you heard residents: its name, how you "
        "heard them (method), the date, the language used and how many people took part.",
        "2. On the 'Residents' sheet, write one line for each resident. Choose their community and the activity "
        "from the drop-down lists.",
        "3. Use the drop-down lists for the answers. If someone did not want to answer, choose 'Prefer not to say'. "
        "For a rating, check which end of its scale is which in the column's note below (for example 1 = not at "
        "all, 5 = very well): scales do not all run the same way.",
        "4. Write each resident's words as they said them, in their language. If you have an English translation, "
        "put it in the 'English translation' column and write who translated it.",
        "5. Save the file and upload it on the project's Returns page in Heard (or send it to the Heard team).",
        "",
        "Consent",
        "Only include residents who agreed that we can keep what they told us. The column 'Agreed we keep what "
        "they told us' must say Yes. Heard cannot keep a row that says No or is blank, and will ask you to remove "
        "it.",
        "Say Yes under 'Agreed we quote their words' only if they agreed we can quote them (we never use names).",
        "",
        "Please do not",
        "- change the codes in square brackets in the first row, like [age_band]. You can change the words before "
        "them, or translate them: Heard reads the code.",
        "- merge cells, or add columns without a header.",
        "- put names, phone numbers or addresses anywhere except where a column asks for them.",
        "",
        "If you send the file again after changing it, Heard shows you what was added, changed and removed before "
        "anything is saved. Rows Heard already has are not added twice.",
    ]


def _write_list(lists: Any, column: int, title: str, values: list[str]) -> str:
    lists.write(0, column, title)
    for row, value in enumerate(values, start=1):
        lists.write_string(row, column, value)
    letter = xlsxwriter.utility.xl_col_to_name(column)
    return f"='{LISTS}'!${letter}$2:${letter}${max(2, len(values) + 1)}"


def write_template(project: Project, partner: Organisation, target: str | Path | IO[bytes]) -> list[Column]:
    """Writes the template to a path or a binary file object; returns the Residents sheet's columns."""
    columns = return_columns(project, partner)
    workbook = xlsxwriter.Workbook(target, {"in_memory": False, "strings_to_formulas": False, "strings_to_urls": False})
    bold = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#F3F2F1", "border": 1})
    title = workbook.add_format({"bold": True, "font_size": 16})
    heading = workbook.add_format({"bold": True, "font_size": 12})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    text_format = workbook.add_format({"num_format": "@"})

    info = workbook.add_worksheet(INSTRUCTIONS)
    residents = workbook.add_worksheet(RESIDENTS)
    activity_sheet = workbook.add_worksheet(ACTIVITY)
    lists = workbook.add_worksheet(LISTS)
    lists.hide()

    info.set_column(0, 0, 110, wrap)
    lines = _instructions(project, partner)
    for row, line in enumerate(lines):
        style = title if row == 0 else heading if line in ("What to do", "Consent", "Please do not") else wrap
        info.write_string(row, 0, line, style)
    row = len(lines) + 1
    info.write_string(row, 0, "The columns on the Residents sheet", heading)
    for column in columns:
        row += 1
        info.write_string(row, 0, f"{column.label}: {column.hint}" if column.hint else column.label, wrap)
    info.activate()

    # Lists: one column per list of choices.
    ranges: dict[str, str] = {}
    list_index = 0
    communities = communities_for(project, partner)
    ranges["community"] = _write_list(lists, list_index, "Communities", [c.name for c in communities])
    list_index += 1
    ranges["yes_no"] = _write_list(lists, list_index, "Yes or No", ["Yes", "No"])
    list_index += 1
    ranges["method"] = _write_list(lists, list_index, "Methods", [label for _c, label in methods()])
    list_index += 1
    ranges["language"] = _write_list(lists, list_index, "Languages", [label for _c, label in census.LANGUAGES])
    list_index += 1
    for column in columns:
        if column.kind in ("choice", "rating") and column.code not in ranges:
            ranges[column.code] = _write_list(lists, list_index, column.label, [label for _c, label in column.choices])
            list_index += 1

    # Activity sheet: pre-filled with the partner's activities already in Heard.
    for index, (code, label, width) in enumerate(ACTIVITY_COLUMNS):
        activity_sheet.write_string(0, index, activity_header(code, label), bold)
        activity_sheet.set_column(index, index, width, date_format if code == "held_on" else None)
    activity_sheet.freeze_panes(1, 0)
    activity_sheet.set_row(0, 45)
    existing = Activity.objects.filter(project=project, partner=partner).select_related("community").order_by("held_on")
    method_labels = dict(methods())
    for row, activity in enumerate(existing, start=1):
        activity_sheet.write_string(row, 0, activity.title)
        activity_sheet.write_string(row, 1, method_labels.get(activity.method, activity.method))
        activity_sheet.write_datetime(row, 2, _as_datetime(activity.held_on), date_format)
        if activity.languages:
            activity_sheet.write_string(row, 3, census.label(census.LANGUAGES, activity.languages[0]))
        activity_sheet.write_number(row, 4, activity.people_count)
        if activity.community:
            activity_sheet.write_string(row, 5, activity.community.name)
    last = ACTIVITY_ROWS
    activity_sheet.data_validation(1, 1, last, 1, _list(ranges["method"], "Method"))
    activity_sheet.data_validation(
        1,
        2,
        last,
        2,
        {
            "validate": "date",
            "criteria": ">",
            "value": _as_datetime(census_date_floor()),
            "error_title": "Date",
            "error_message": "Write a date, for example 14/03/2026.",
        },
    )
    activity_sheet.data_validation(1, 3, last, 3, _list(ranges["language"], "Language"))
    activity_sheet.data_validation(
        1,
        4,
        last,
        4,
        {
            "validate": "integer",
            "criteria": ">=",
            "value": 0,
            "error_title": "Number of people",
            "error_message": "Write a whole number.",
        },
    )
    activity_sheet.data_validation(1, 5, last, 5, _list(ranges["community"], "Community"))

    # Residents sheet.
    residents.freeze_panes(1, 0)
    residents.set_row(0, 60)
    activity_range = f"='{ACTIVITY}'!$A$2:$A${ACTIVITY_ROWS + 1}"
    for index, column in enumerate(columns):
        residents.write_string(0, index, column.header, bold)
        cell_format = date_format if column.kind == "date" else text_format if column.kind == "postcode" else None
        residents.set_column(index, index, column.width, cell_format)
        validation: dict[str, Any] | None = None
        if column.kind == "community":
            validation = _list(ranges["community"], column.label)
        elif column.kind == "activity":
            validation = _list(activity_range, column.label)
        elif column.kind in ("consent", "multi_option"):
            validation = _list(ranges["yes_no"], column.label)
        elif column.kind == "language":
            validation = _list(ranges["language"], column.label)
        elif column.kind in ("choice", "rating"):
            validation = _list(ranges[column.code], column.label)
        elif column.kind == "date":
            validation = {
                "validate": "date",
                "criteria": ">",
                "value": _as_datetime(census_date_floor()),
                "error_title": column.label,
                "error_message": "Write a date, for example 14/03/2026.",
            }
        if validation is not None:
            residents.data_validation(1, index, TEMPLATE_ROWS, index, validation)
    workbook.close()
    return columns


def _list(source: str, title: str) -> dict[str, Any]:
    return {
        "validate": "list",
        "source": source,
        "error_title": title[:32],
        "error_message": "Choose one of the answers in the drop-down list.",
    }


def census_date_floor() -> datetime.date:
    """Drop-downs accept dates after this one."""
    return datetime.date(2000, 1, 1)


def _as_datetime(value: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(value, datetime.time(0))
