"""Allocations, their schedules, payments, the holdback and reallocation: exact to the penny, every step audited."""

from __future__ import annotations

import contextlib
import datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from heard.core.models import AuditEvent, AuditVerb
from heard.core.testing import make_organisation, make_project
from heard.engagement.models import Project
from heard.funding import actions
from heard.funding.models import Allocation, Payment, PaymentKind, PaymentStatus, ProjectFunding
from heard.lib.money import MoneyError

DAY = datetime.date(2026, 4, 1)
pytestmark = pytest.mark.django_db


def live_total(allocation: Allocation) -> Decimal:
    allocation.refresh_from_db()
    return allocation.scheduled_total()


def project_total(project: Project) -> Decimal:
    lines = Payment.objects.filter(allocation__project=project).exclude(status=PaymentStatus.CANCELLED)
    return sum((p.amount for p in lines), Decimal("0.00"))


@pytest.fixture
def two_partners():
    ours, theirs = make_organisation(slug="ours"), make_organisation(slug="theirs")
    return make_project(partners=[ours, theirs]), ours, theirs


def test_an_award_schedules_the_advance_and_withholds_the_holdback_from_the_start(two_partners) -> None:
    project, ours, _ = two_partners
    allocation = actions.award_allocation(
        actor=None, project=project, organisation=ours, amount="9300.00", first_payment_on=DAY, payments=3
    )
    lines = list(allocation.payments.order_by("pk").values_list("kind", "amount", "status", "due_on"))
    assert lines == [
        ("advance", Decimal("2790.00"), "scheduled", DAY),
        ("instalment", Decimal("2790.00"), "scheduled", datetime.date(2026, 7, 1)),
        ("instalment", Decimal("2790.00"), "scheduled", datetime.date(2026, 10, 1)),
        ("holdback", Decimal("930.00"), "withheld", datetime.date(2026, 10, 1)),
    ]
    assert AuditEvent.objects.filter(verb=AuditVerb.CREATED, target_id=str(allocation.pk)).count() == 1


def test_the_holdback_follows_the_projects_percentage(two_partners) -> None:
    project, ours, _ = two_partners
    actions.set_holdback(actor=None, project=project, percent="12.5")
    allocation = actions.award_allocation(
        actor=None, project=project, organisation=ours, amount="1000.01", first_payment_on=DAY, payments=2
    )
    holdback = allocation.payments.get(kind=PaymentKind.HOLDBACK)
    assert holdback.amount == Decimal("125.00")
    assert live_total(allocation) == Decimal("1000.01")


@pytest.mark.parametrize("percent", ["9", "16", "abc"])
def test_a_holdback_outside_ten_to_fifteen_percent_is_refused_and_nothing_changes(two_partners, percent) -> None:
    project, _, _ = two_partners
    with pytest.raises(MoneyError):
        actions.set_holdback(actor=None, project=project, percent=percent)
    assert not AuditEvent.objects.filter(verb=AuditVerb.CHANGED).exists()


def test_the_holdback_cannot_change_once_allocations_are_awarded(two_partners) -> None:
    project, ours, _ = two_partners
    actions.award_allocation(actor=None, project=project, organisation=ours, amount="100", first_payment_on=DAY)
    with pytest.raises(MoneyError, match="set before the first allocation"):
        actions.set_holdback(actor=None, project=project, percent="15")


def test_the_holdback_is_released_exactly_once(two_partners) -> None:
    project, ours, _ = two_partners
    allocation = actions.award_allocation(
        actor=None, project=project, organisation=ours, amount="5000", first_payment_on=DAY
    )
    actions.accept_delivery(actor=None, allocation=allocation, accepted_on=DAY)
    with pytest.raises(MoneyError, match="already been released"):
        actions.accept_delivery(actor=None, allocation=allocation, accepted_on=DAY)
    holdback = allocation.payments.get(kind=PaymentKind.HOLDBACK)
    assert (holdback.status, holdback.amount, holdback.paid_on) == ("released", Decimal("500.00"), DAY)
    assert AuditEvent.objects.filter(verb=AuditVerb.RELEASED).count() == 1
    assert live_total(allocation) == Decimal("5000.00")


def test_a_payment_is_recorded_once_and_the_holdback_is_never_paid_as_a_payment(two_partners) -> None:
    project, ours, _ = two_partners
    allocation = actions.award_allocation(
        actor=None, project=project, organisation=ours, amount="5000", first_payment_on=DAY
    )
    advance = allocation.payments.get(kind=PaymentKind.ADVANCE)
    actions.record_payment(actor=None, payment=advance, paid_on=DAY)
    with pytest.raises(MoneyError, match="paid"):
        actions.record_payment(actor=None, payment=advance, paid_on=DAY)
    with pytest.raises(MoneyError, match="accepting the partner's delivery"):
        actions.record_payment(actor=None, payment=allocation.payments.get(kind=PaymentKind.HOLDBACK), paid_on=DAY)
    assert AuditEvent.objects.filter(verb=AuditVerb.PAID).count() == 1


def test_a_second_allocation_for_the_same_partner_is_refused(two_partners) -> None:
    project, ours, _ = two_partners
    actions.award_allocation(actor=None, project=project, organisation=ours, amount="100", first_payment_on=DAY)
    with pytest.raises(MoneyError, match="already has an allocation"):
        actions.award_allocation(actor=None, project=project, organisation=ours, amount="100", first_payment_on=DAY)


def test_an_allocation_for_an_organisation_outside_the_project_is_refused(two_partners) -> None:
    project, _, _ = two_partners
    with pytest.raises(MoneyError, match="not a partner"):
        actions.award_allocation(
            actor=None, project=project, organisation=make_organisation(), amount="100", first_payment_on=DAY
        )


def test_reallocation_moves_the_unpaid_money_to_another_partner(two_partners) -> None:
    project, ours, theirs = two_partners
    source = actions.award_allocation(
        actor=None, project=project, organisation=ours, amount="3000", first_payment_on=DAY, payments=2
    )
    target = actions.award_allocation(
        actor=None, project=project, organisation=theirs, amount="1000", first_payment_on=DAY
    )
    actions.record_payment(actor=None, payment=source.payments.get(kind=PaymentKind.ADVANCE), paid_on=DAY)
    actions.reallocate(actor=None, allocation=source, to=theirs, on=DAY, reason="Lost its outreach worker")
    source.refresh_from_db()
    target.refresh_from_db()
    assert source.amount == Decimal("1350.00")  # what it was paid
    assert target.amount == Decimal("2650.00")  # 1000 + the 1350 instalment + 300 holdback
    assert live_total(source) == source.amount and live_total(target) == target.amount
    assert project_total(project) == Decimal("4000.00")
    assert AuditEvent.objects.filter(verb=AuditVerb.REALLOCATED).count() == 1
    with pytest.raises(MoneyError, match="nothing to move"):
        actions.reallocate(actor=None, allocation=source, to=theirs, on=DAY)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    first=st.integers(min_value=1, max_value=10_000_000),
    second=st.integers(min_value=1, max_value=10_000_000),
    payments=st.integers(min_value=1, max_value=6),
    percent=st.sampled_from(["10", "11.11", "12.5", "13.33", "15"]),
    paid=st.integers(min_value=0, max_value=6),
    release_first=st.booleans(),
)
def test_any_awards_payments_releases_and_reallocations_keep_every_penny(
    two_partners, first, second, payments, percent, paid, release_first
) -> None:
    project, ours, theirs = two_partners
    Allocation.objects.filter(project=project).delete()
    ProjectFunding.objects.filter(project=project).delete()
    actions.set_holdback(actor=None, project=project, percent=percent)
    a = actions.award_allocation(
        actor=None,
        project=project,
        organisation=ours,
        amount=Decimal(first) / 100,
        first_payment_on=DAY,
        payments=payments,
    )
    b = actions.award_allocation(
        actor=None, project=project, organisation=theirs, amount=Decimal(second) / 100, first_payment_on=DAY
    )
    start = project_total(project)
    assert start == (Decimal(first) + Decimal(second)) / 100
    for line in list(a.payments.filter(status=PaymentStatus.SCHEDULED).order_by("due_on"))[:paid]:
        actions.record_payment(actor=None, payment=line, paid_on=DAY)
    if release_first:
        actions.accept_delivery(actor=None, allocation=b, accepted_on=DAY)
    with contextlib.suppress(MoneyError):  # when everything was paid, nothing moves
        actions.reallocate(actor=None, allocation=a, to=theirs, on=DAY)
    assert project_total(project) == start
    for allocation in (a, b):
        assert live_total(allocation) == allocation.amount
        assert allocation.payments.filter(kind=PaymentKind.HOLDBACK, status=PaymentStatus.RELEASED).count() <= 1
