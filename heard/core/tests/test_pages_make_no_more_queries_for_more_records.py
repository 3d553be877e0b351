"""No page makes more database queries because there are more records behind it (issue 17: "no query count
that grows with the page's rows").

Every page of the role x page matrix that answers GET is opened by host staff, a partner and the steering group
in the matrix's world grown once, then again after it has grown as much again: residents' records with answers, codes,
suggestions and safeguarding flags, activities, uploads, organisations with contacts, communities, users and
audit events. A page whose query count rises has a query per row somewhere (a missing select_related or
prefetch_related, or a count per row). New record types of the second half of the loop belong in `_grow`.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext, override_settings

from heard.accounts.models import Role
from heard.core import audit
from heard.core.models import AuditVerb
from heard.core.testing import make_activity, make_community, make_experience, make_organisation, make_user
from heard.core.tests.matrix import RoleClient, World, build_world
from heard.core.tests.test_every_page_for_every_role import PAGES, _expected, _heard_routes, _values
from heard.engagement.models import Answer, Project, Question

MORE = 12  # each kind of record, this many more times
ROLES_TO_CHECK = ("host_staff", "partner", "steering")


def _grow(world: World, offset: int = 0) -> None:
    from heard.analysis.models import Code, Suggestion, Theme
    from heard.partners.models import Contact, Organisation
    from heard.privacy.models import SafeguardingFlag

    project = Project.objects.get(slug=world.ids["project"])
    ours = Organisation.objects.get(slug="ours")
    theirs = Organisation.objects.get(slug="theirs")
    community = project.communities.first()
    question = Question.objects.get(pk=world.ids["question"])
    coder = world.users["host_staff"]
    assert coder is not None
    theme = (
        Theme.objects.filter(project__isnull=True).first()
        or Theme.objects.get_or_create(project=project, name="Access")[0]
    )
    for n in range(offset, offset + MORE):
        for partner in (ours, theirs):
            activity = make_activity(project=project, partner=partner, community=community, title=f"Drop-in {n}")
            experience = make_experience(
                project=project,
                partner=partner,
                activity=activity,
                community=community,
                collected_on=datetime.date(2026, 3, 1) + datetime.timedelta(days=n),
                consent_quote=True,
                age_band="25-34",
            )
            answer = Answer.objects.create(
                experience=experience,
                question=question,
                text=f"The surgery is two buses away {n}",
                language="en",
            )
            Suggestion.objects.create(answer=answer, theme=theme, confidence=0.8, model_version="test")
            Code.objects.create(answer=answer, theme=theme, coder=coder, applied=True)
            SafeguardingFlag.objects.create(experience=experience, answer=answer, kind="harm", label="Risk of harm")
        organisation = make_organisation(name=f"Group {n}")
        _grow_money(project, organisation, activity, n)
        Contact.objects.create(organisation=organisation, name=f"Contact {n}")
        make_community(name=f"Community {n}")
        make_user(role=Role.PARTNER_MEMBER, organisation=ours)
        audit.record(actor=coder, verb=AuditVerb.VIEWED, target=project, project_id=project.pk, summary=f"look {n}")


def _grow_money(project: Project, organisation: Any, activity: Any, n: int) -> None:
    from heard.engagement.models import ProjectPartner
    from heard.funding import actions
    from heard.funding.models import Bid, Funder, Pot

    day = datetime.date(2026, 2, 1)
    ProjectPartner.objects.create(project=project, organisation=organisation)
    actions.award_allocation(
        actor=None, project=project, organisation=organisation, amount="900", first_payment_on=day, payments=3
    )
    actions.record_recompense(actor=None, activity=activity, kind="voucher", amount="20", residents=2, given_on=day)
    actions.add_budget_line(actor=None, project=project, organisation=None, description=f"Room {n}", amount="50")
    pot = Pot.objects.create(
        funder=Funder.objects.create(name=f"Trust {n}", slug=f"trust-{n}"), name="Pot", amount=Decimal("9")
    )
    bid = Bid.objects.create(title=f"Bid {n}", project=project, lead=organisation, amount_requested=Decimal("9"))
    bid.pots.set([pot])


def _queries(client: RoleClient, path: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.request("GET", path)
    return len(queries), response.status_code


@pytest.fixture
def world(db: None, tmp_path: Any) -> Iterator[World]:
    quiet = logging.getLogger("django.request")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)
    with override_settings(MEDIA_ROOT=str(tmp_path)):
        yield build_world(str(tmp_path))
    quiet.setLevel(level)


@pytest.mark.slow
def test_no_page_makes_more_queries_when_there_are_more_records(world: World) -> None:
    clients = {role: RoleClient(world.users[role]) for role in ROLES_TO_CHECK}
    pages = []
    for route in _heard_routes():
        row = PAGES.get(route.name, {})
        if "get" not in row:
            continue
        expected = _expected(row, "get")
        path = route.path(_values(route, world))
        for role in ROLES_TO_CHECK:
            if expected[role] == "200":
                pages.append((role, route.name, path))
    # Grown once first: a page may make one more query when a kind of record first appears (a quote, a code),
    # which is not growth with the rows; then grown again to twice as many.
    with transaction.atomic():
        _grow(world)
    before = {(role, path): _queries(clients[role], path) for role, _name, path in pages}
    with transaction.atomic():
        _grow(world, offset=MORE)
    grew = {}
    for role, name, path in pages:
        after = _queries(clients[role], path)
        if after[0] > before[(role, path)][0]:
            grew[f"{role} {name} {path}"] = f"{before[(role, path)][0]} queries, then {after[0]}"
    assert len(pages) > 40
    assert not grew, "Pages whose queries grow with their rows:\n" + "\n".join(f"{k}: {v}" for k, v in grew.items())


def test_the_check_sees_a_query_per_row(world: World) -> None:
    """The measuring itself: a loop that queries once per record is caught."""
    project = Project.objects.get(slug=world.ids["project"])

    def page() -> int:
        with CaptureQueriesContext(connection) as queries:
            for experience in project.experiences.all():
                _ = experience.partner.name
        return len(queries)

    first = page()
    with transaction.atomic():
        _grow(world)
    assert page() > first
