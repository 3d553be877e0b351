"""The demo's money: the bid for eight pots, allocations paid in advance, one holdback released, the rest
withheld, recompense; every partner's lines add up to its allocation."""

from __future__ import annotations

from decimal import Decimal

import pytest

from heard.core.testing import make_activity, make_organisation, make_project
from heard.demo.money import build_money
from heard.engagement.models import ProjectPartner
from heard.funding.models import Allocation, Bid, Payment, Recompense

pytestmark = pytest.mark.django_db


def test_the_demo_money_tells_the_story_and_adds_up() -> None:
    partners = [make_organisation() for _ in range(3)]
    project = make_project(partners=partners)
    ProjectPartner.objects.filter(project=project).update(target_people=240)
    for partner in partners:
        make_activity(project=project, partner=partner)
    assert build_money(project) == {"allocations": 3, "recompense": 3}
    assert Bid.objects.get(status="won").pots.count() == 8
    statuses = sorted(Payment.objects.filter(kind="holdback").values_list("status", flat=True))
    assert statuses == ["released", "withheld", "withheld"]
    assert Payment.objects.filter(kind="advance", status="paid").count() == 3
    for allocation in Allocation.objects.all():
        assert allocation.amount == Decimal("9600.00") == allocation.scheduled_total()
    assert Recompense.objects.count() == 3
