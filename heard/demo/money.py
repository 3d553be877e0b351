"""The demo's money: the ICB's eight community-voices pots and the partnership's one bid for all of them, a trust
pot with a draft bid, a budget with the host's own costs, each partner's allocation paid in advance with 10%
held back (one partner's delivery accepted and its holdback released, the others still withheld), and vouchers
and expenses for residents at a few activities."""

from __future__ import annotations

import datetime
from decimal import Decimal

from heard.engagement.models import Activity, Project
from heard.funding import actions
from heard.funding.models import Bid, BidStatus, Funder, FunderKind, Pot, RecompenseKind

START = datetime.date(2026, 1, 12)
COMMUNITIES = [
    "Somali-speaking residents",
    "Turkish and Kurdish residents",
    "Bangladeshi residents",
    "Black African and Caribbean elders",
    "Arabic-speaking residents",
    "Disabled residents",
    "Carers",
    "Young people",
]


def build_money(project: Project) -> dict[str, int]:
    icb = actions.save_funder(
        actor=None,
        funder=Funder(name="North Central London Integrated Care Board", slug="ncl-icb", kind=FunderKind.NHS),
    )
    pots = [
        actions.save_pot(
            actor=None,
            pot=Pot(funder=icb, name=f"Community voices: {name}", kind=FunderKind.NHS, amount=Decimal("11625.00")),
        )
        for name in COMMUNITIES
    ]
    actions.save_bid(
        actor=None,
        bid=Bid(
            title="One partnership bid for all eight community-voices pots",
            project=project,
            amount_requested=Decimal("93000.00"),
            amount_awarded=Decimal("93000.00"),
            status=BidStatus.WON,
            submitted_on=datetime.date(2025, 10, 20),
            decided_on=datetime.date(2025, 12, 1),
            notes="One overarching report giving 10 communities a voice.",
        ),
        pots=pots,
    )
    trust = actions.save_funder(actor=None, funder=Funder(name="Cloudesley", slug="cloudesley", kind=FunderKind.TRUST))
    digital = actions.save_pot(
        actor=None,
        pot=Pot(funder=trust, name="Digital inclusion", kind=FunderKind.TRUST, amount=Decimal("15000.00")),
    )
    actions.save_bid(
        actor=None,
        bid=Bid(title="Digital support for residents", amount_requested=Decimal("12500.00")),
        pots=[digital],
    )
    for description, cost in (("Project management and analysis", "12000.00"), ("Report design", "2500.00")):
        actions.add_budget_line(actor=None, project=project, organisation=None, description=description, amount=cost)

    allocations = []
    for i, role in enumerate(project.project_partners.select_related("organisation").order_by("organisation__slug")):
        amount = Decimal((role.target_people or 100) * 40)
        actions.add_budget_line(
            actor=None,
            project=project,
            organisation=role.organisation,
            description="Hearing from residents",
            amount=amount,
        )
        allocation = actions.award_allocation(
            actor=None,
            project=project,
            organisation=role.organisation,
            amount=amount,
            first_payment_on=START,
            payments=2,
            every_months=4,
            pot=pots[i % len(pots)],
        )
        advance = allocation.payments.get(kind="advance")
        actions.record_payment(actor=None, payment=advance, paid_on=START + datetime.timedelta(days=3))
        allocations.append(allocation)
    if allocations:
        actions.accept_delivery(actor=None, allocation=allocations[0], accepted_on=datetime.date(2026, 10, 30))

    given = 0
    for activity in Activity.objects.filter(project=project).order_by("held_on", "pk")[:12]:
        kind = RecompenseKind.VOUCHER if activity.pk % 3 else RecompenseKind.EXPENSES
        residents = 4 + activity.pk % 9
        total = Decimal(residents * (20 if kind == RecompenseKind.VOUCHER else 8))
        actions.record_recompense(
            actor=None, activity=activity, kind=kind, amount=total, residents=residents, given_on=activity.held_on
        )
        given += 1
    return {"allocations": len(allocations), "recompense": given}
