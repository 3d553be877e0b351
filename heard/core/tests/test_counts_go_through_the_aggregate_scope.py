"""Every page, export and command that shows residents' records or counts gets them through a getter
(`<app>/access.py`) or the aggregate scope (`heard.engagement.scope`), never by querying `Experience`/`Answer`
itself. Read from the code (ast), so a new view that counts on its own fails here."""

from __future__ import annotations

import ast
from pathlib import Path

HEARD = Path(__file__).resolve().parents[2]

# What people see: views, commands, dashboards' figures, template helpers, the place pages' counting.
SHOWN = [
    "*/views.py",
    "*/*_views.py",
    "*/management/commands/*.py",
    "*/stats.py",
    "*/templatetags/*.py",
    "core/context_processors.py",
    "place/missing.py",
    "place/maps.py",
]
MODELS = {"Experience", "Answer"}
RELATED = {"experiences", "answers"}
HOLDERS = {"project", "organisation"}  # project.experiences / organisation.experiences: every record, unscoped

# Adding a file here is a decision: say why.
ALLOWED = {
    "place/management/commands/place-locate.py": "a maintenance write: places every record's postcode, prints "
    "how many were placed, to the host on the server",
    "partners/views.py": "partners sits below engagement: an organisation's own records, counted with "
    "heard.lib.disclosure (exact for host staff, protected for the partner)",
}


def offences(source: str) -> list[str]:
    """`Experience.objects`, `Answer.objects`, `project.experiences`, `organisation.answers`, ... in the code."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Attribute) or not isinstance(node.value, ast.Name):
            continue
        if node.attr == "objects" and node.value.id in MODELS:
            found.append(f"line {node.lineno}: {node.value.id}.objects")
        elif node.attr in RELATED and node.value.id in HOLDERS:
            found.append(f"line {node.lineno}: {node.value.id}.{node.attr}")
    return found


def _shown_files() -> list[Path]:
    files = {path for pattern in SHOWN for path in HEARD.glob(pattern)}
    return sorted(path for path in files if "/tests/" not in str(path))


def test_the_check_finds_a_view_that_counts_records_itself():
    broken = """
def dashboard(request, slug):
    project = get_project_for_user(request, slug)
    n = Experience.objects.filter(project=project).count()
    answers = Answer.objects.filter(question__project=project).count()
    return render(request, "x.html", {"n": n, "m": project.experiences.count()})
"""
    assert offences(broken) == ["line 4: Experience.objects", "line 5: Answer.objects", "line 6: project.experiences"]
    assert offences("scope = aggregate_scope(user, project)\nn = scope.experiences.count()") == []


def test_no_page_export_or_command_queries_residents_records_itself():
    assert len(_shown_files()) > 20
    problems = []
    for path in _shown_files():
        relative = str(path.relative_to(HEARD))
        if relative in ALLOWED:
            continue
        problems += [f"{relative}, {where}" for where in offences(path.read_text(encoding="utf-8"))]
    assert problems == [], (
        "Fetch records through the app's access.py getter and count through heard.engagement.scope."
        "aggregate_scope (or command_scope in a command): " + "; ".join(problems)
    )
