"""The Activity sheet of a Heard template: the partner's activities, each checked, new ones planned."""

from __future__ import annotations

from typing import Any

from heard.engagement.models import Activity, Project
from heard.lib import books, census, tabular
from heard.partners.models import Organisation
from heard.returns.columns import (
    HEADER_CODE_RE,
    CellProblem,
    cell_text,
    fold,
    methods,
    parse_date,
)
from heard.returns.records import (
    NewActivity,
    Plan,
    Problem,
)
from heard.returns.template import ACTIVITY, ACTIVITY_COLUMNS

# Activity sheet --------------------------------------------------------------------------------------------------


def read_activities(
    book: books.Book, project: Project, partner: Organisation, plan: Plan, communities: dict[str, int]
) -> dict[str, NewActivity]:
    """The Activity sheet of the file already open as `book` (an import opens its file once)."""
    if ACTIVITY not in book.sheet_names:
        return {}
    try:
        table = book.table(ACTIVITY)
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
