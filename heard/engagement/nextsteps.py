"""A partner's first page says what to do next: each of their projects, the next return they owe and buttons to
add a story, upload a return and share the residents' form link.

Where a return's deadline comes from lives in a later app (funding's "who does what" tasks); it registers a
source here (in its AppConfig.ready) so that engagement never imports upward."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from heard.engagement.models import Project
from heard.partners.models import Organisation


@dataclass(frozen=True)
class Deadline:
    due_on: datetime.date
    what: str


# (organisation, projects) -> {project id: the next thing it owes}
DeadlineSource = Callable[[Organisation, list[Project]], dict[int, Deadline]]
_sources: list[DeadlineSource] = []


def register(source: DeadlineSource) -> None:
    if source not in _sources:
        _sources.append(source)


def next_deadlines(organisation: Organisation, projects: Iterable[Project]) -> dict[int, Deadline]:
    """The earliest deadline each project holds for the organisation, from every registered source."""
    chosen = list(projects)
    found: dict[int, Deadline] = {}
    for source in _sources:
        for project_id, deadline in source(organisation, chosen).items():
            if project_id not in found or deadline.due_on < found[project_id].due_on:
                found[project_id] = deadline
    return found


@dataclass(frozen=True)
class NextStep:
    project: Project
    deadline: Deadline | None
    overdue: bool


def next_steps(organisation: Organisation, projects: Iterable[Project], today: datetime.date) -> list[NextStep]:
    chosen = list(projects)
    deadlines = next_deadlines(organisation, chosen)
    steps = []
    for project in chosen:
        deadline = deadlines.get(project.pk)
        steps.append(NextStep(project, deadline, deadline is not None and deadline.due_on < today))
    return steps
