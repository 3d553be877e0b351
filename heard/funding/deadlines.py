"""The next return a partner owes in each project: its earliest unfinished "hearing from residents" or survey
task (who does what), and a link to its grant there, registered with engagement's next steps for the partner's
first page."""

from __future__ import annotations

from heard.engagement.models import Project
from heard.engagement.nextsteps import Deadline, Link
from heard.partners.models import Organisation

RETURN_KINDS = ("engagement", "surveys")


def next_returns(organisation: Organisation, projects: list[Project]) -> dict[int, Deadline]:
    from heard.funding.models import PartnershipTask, TaskStatus

    found: dict[int, Deadline] = {}
    tasks = (
        PartnershipTask.objects.filter(
            owner_organisation=organisation,
            project__in=projects,
            kind__in=RETURN_KINDS,
            due_on__isnull=False,
        )
        .exclude(status=TaskStatus.DONE)
        .order_by("due_on", "pk")
        .values_list("project_id", "due_on", "title")
    )
    for project_id, due_on, title in tasks:
        if due_on is not None:
            found.setdefault(project_id, Deadline(due_on, title))
    return found


def grant_links(organisation: Organisation, projects: list[Project]) -> dict[int, list[Link]]:
    """The organisation's own grant (allocation) in each project that has one."""
    from heard.funding.models import Allocation
    from heard.lib.money import format_pounds

    allocations = Allocation.objects.filter(organisation=organisation, project__in=projects)
    return {a.project_id: [Link(f"Your grant: {format_pounds(a.amount)}", a.get_absolute_url())] for a in allocations}
