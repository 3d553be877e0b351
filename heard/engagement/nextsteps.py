"""A partner's first page says what to do next: each of their projects, the next return they owe, buttons to
add a story, upload a return and share the residents' form link, and links to what later apps hold for them.

Where a return's deadline comes from lives in a later app (funding's "who does what" tasks), and so do the pages
a project's links lead to (funding's grant); those apps register sources here (in their AppConfig.ready) so that
engagement never imports upward."""

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


@dataclass(frozen=True)
class Link:
    label: str
    url: str


# (organisation, projects) -> {project id: links to the organisation's own pages in that project}
LinkSource = Callable[[Organisation, list[Project]], dict[int, list[Link]]]
_link_sources: list[LinkSource] = []


def register(source: DeadlineSource) -> None:
    if source not in _sources:
        _sources.append(source)


def register_links(source: LinkSource) -> None:
    if source not in _link_sources:
        _link_sources.append(source)


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
    links: tuple[Link, ...] = ()


def next_steps(organisation: Organisation, projects: Iterable[Project], today: datetime.date) -> list[NextStep]:
    chosen = list(projects)
    deadlines = next_deadlines(organisation, chosen)
    links: dict[int, list[Link]] = {}
    for source in _link_sources:
        for project_id, found in source(organisation, chosen).items():
            links.setdefault(project_id, []).extend(found)
    steps = []
    for project in chosen:
        deadline = deadlines.get(project.pk)
        overdue = deadline is not None and deadline.due_on < today
        steps.append(NextStep(project, deadline, overdue, tuple(links.get(project.pk, ()))))
    return steps
