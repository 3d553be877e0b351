"""Builds the demo partnership: a fictional host serving Islington and Hackney, 8 partners, 10 communities, the
project "Diverse Communities Health Voice", its activities and about 1,500 residents' experiences.

Deterministic: a fixed seed and fixed dates, so every run gives the same fresh state. Each part is its own module
(cast, residents, money, governance, register, influence, yousaid), called once from `build_demo`.
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction

from heard.accounts.models import User
from heard.core import audit
from heard.core.models import AuditVerb
from heard.demo.cast import PARTNERS, PASSWORD, USERS, build_communities, build_organisations, build_users
from heard.demo.register import build_register
from heard.demo.residents import PROJECT_SLUG, QUESTIONS, build_project, build_residents
from heard.engagement.actions import announce_contributions
from heard.engagement.models import EntryLink

__all__ = ["PASSWORD", "PROJECT_SLUG", "QUESTIONS", "USERS", "build_demo"]

SEED = 2026


@transaction.atomic
def build_demo() -> dict[str, int]:
    """Creates the demo in an empty database. Returns counts of what it made."""
    rng = random.Random(SEED)
    communities = build_communities()
    organisations = build_organisations(communities)
    users = build_users(organisations)
    admin = User.objects.get(username="admin")
    project, questions = build_project(communities)
    created, answer_count, activity_count = build_residents(rng, project, questions, communities, organisations, admin)
    from heard.privacy.models import DataSharingAgreement, SharingScope  # the demo sits above every app

    # Like any bulk insert (decision 0004): the records' safeguarding check and theme suggestions are queued when
    # this transaction commits; `heard demo` then does them, as the task worker would (heard/demo/follow_up.py).
    announce_contributions([e.pk for e in created])
    for spec in PARTNERS:
        EntryLink.objects.create(
            project=project,
            partner=organisations[spec.slug],
            community=communities[spec.communities[0]],
            token=f"demo-{spec.slug}",
        )
    for spec in PARTNERS[:5]:
        DataSharingAgreement.objects.create(
            organisation=organisations[spec.slug],
            starts_on=datetime.date(2026, 1, 5),
            ends_on=datetime.date(2027, 12, 31),
            scope=SharingScope.REDACTED_TEXT if spec.income < 60000 else SharingScope.DEMOGRAPHICS,
        )
    from heard.demo.money import build_money

    money = build_money(project)
    from heard.demo.governance import build_governance

    governance = build_governance(project)
    build_register([organisations[spec.slug] for spec in PARTNERS], project)
    from heard.demo.influence import build_influence

    influence = build_influence(project)
    from heard.demo.yousaid import build_verdicts

    verdicts = build_verdicts(project)
    audit.record(
        actor=None,
        verb=AuditVerb.IMPORTED,
        target=project,
        summary=f"Demo partnership loaded: {len(created)} residents' records",
    )
    return {
        "organisations": len(organisations),
        "communities": len(communities),
        "activities": activity_count,
        "experiences": len(created),
        "answers": answer_count,
        "users": len(users),
        **money,
        **governance,
        **influence,
        **verdicts,
    }
