"""One rule for aggregate scope: whose records a person's figures count, and whether they see them exactly.

| who | counts | figures |
|---|---|---|
| host admins and staff (and commands run on the server) | every record in the project | exact |
| partner members | their own organisation's records only | protected |
| steering-group members | every record in the project | protected |
| anyone else | nothing | protected |

Partners count only their own residents: their data-sharing agreement governs what they may know of other
partners' residents, and exact knowledge of their own records set against project-wide figures would let them
subtract their way to other partners' small groups. They see their own figures protected too, so a page they show
their board or print for a meeting is safe to share.

Protected figures (heard.lib.disclosure, decision record 0006): 1 to 4 shown as "<5", everything else rounded to
the nearest 5, and a second cell withheld as "[c]" wherever subtraction would give a small count away. Every page,
export and command that shows a count of residents gets its records and its figures from here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import QuerySet

from heard.accounts.models import User
from heard.engagement.models import Answer, Experience, ExperienceQuerySet, Project
from heard.lib import disclosure
from heard.lib.disclosure import Cell, Line

PROTECTED_NOTE = (
    "Counts are rounded to the nearest 5 and counts of 1 to 4 people are shown as “<5”; “[c]” hides a figure "
    "that would let someone work one of those out. Totals may not add up exactly."
)


@dataclass(frozen=True)
class AggregateScope:
    project: Project
    experiences: ExperienceQuerySet
    exact: bool
    organisation_id: int | None = None  # set when the figures are one partner organisation's own

    @property
    def own_organisation_only(self) -> bool:
        return self.organisation_id is not None

    @property
    def note(self) -> str:
        """What a reader needs to know to read the figures; empty for exact figures."""
        return "" if self.exact else PROTECTED_NOTE

    def answers(self) -> QuerySet[Answer]:
        """Residents' answers in scope: those of the records counted."""
        return Answer.objects.filter(experience__in=self.experiences)

    def figure(self, count: int) -> Cell:
        return disclosure.figure(count, exact=self.exact)

    def words(self, count: int) -> str:
        return disclosure.words(count, exact=self.exact)

    def protect(self, values: Sequence[int], lines: Sequence[Line] = ()) -> list[Cell]:
        return disclosure.protect(values, lines, exact=self.exact)

    def breakdown(self, parts: Sequence[int], total: int) -> tuple[list[Cell], Cell]:
        return disclosure.protect_breakdown(parts, total, exact=self.exact)

    def rows(self, rows: Sequence[Sequence[int]], totals: Sequence[int]) -> tuple[list[list[Cell]], list[Cell]]:
        return disclosure.protect_rows(rows, totals, exact=self.exact)


def aggregate_scope(user: User, project: Project) -> AggregateScope:
    """The records a person's figures about `project` count, and whether they see them exactly."""
    experiences = Experience.objects.filter(project=project)
    if user.is_host:
        return AggregateScope(project, experiences, exact=True)
    if user.is_steering_member:
        return AggregateScope(project, experiences, exact=False)
    if user.is_partner_member and user.organisation_id:
        return AggregateScope(
            project,
            experiences.filter(partner_id=user.organisation_id),
            exact=False,
            organisation_id=user.organisation_id,
        )
    return AggregateScope(project, experiences.none(), exact=False)


def command_scope(project: Project, *, partner_id: int | None = None, public: bool = False) -> AggregateScope:
    """Commands run on the server by the host: every record (or one partner's), exact unless `public` asks for
    the protected form."""
    experiences = Experience.objects.filter(project=project)
    if partner_id is not None:
        experiences = experiences.filter(partner_id=partner_id)
    return AggregateScope(project, experiences, exact=not public)
