"""`heard payments --project SLUG --format json|csv`: one line per payment, exactly the agreed keys."""

from __future__ import annotations

import datetime
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from heard.core.testing import make_organisation, make_project
from heard.funding import actions
from heard.funding.models import PaymentKind

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 4, 1)


@pytest.fixture
def project():
    ours, theirs = make_organisation(slug="ours"), make_organisation(slug="theirs")
    project = make_project(slug="money", partners=[ours, theirs])
    paid = actions.award_allocation(
        actor=None, project=project, organisation=ours, amount="1000.01", first_payment_on=DAY, payments=2
    )
    actions.award_allocation(actor=None, project=project, organisation=theirs, amount="500", first_payment_on=DAY)
    actions.record_payment(
        actor=None, payment=paid.payments.get(kind=PaymentKind.ADVANCE), paid_on=datetime.date(2026, 4, 3)
    )
    actions.accept_delivery(actor=None, allocation=paid, accepted_on=datetime.date(2026, 9, 30))
    return project


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("payments", *args, stdout=out)
    return out.getvalue()


def test_json_is_a_list_of_one_object_per_payment_with_exactly_the_agreed_keys(project) -> None:
    assert json.loads(run("--project", "money", "--format", "json")) == [
        {"partner": "ours", "amount": "450.01", "date": "2026-04-03", "kind": "advance", "status": "paid"},
        {"partner": "ours", "amount": "450.00", "date": "2026-07-01", "kind": "instalment", "status": "scheduled"},
        {"partner": "ours", "amount": "100.00", "date": "2026-09-30", "kind": "holdback", "status": "released"},
        {"partner": "theirs", "amount": "450.00", "date": "2026-04-01", "kind": "advance", "status": "scheduled"},
        {"partner": "theirs", "amount": "50.00", "date": "2026-04-01", "kind": "holdback", "status": "withheld"},
    ]


def test_csv_has_one_header_and_one_line_per_payment(project) -> None:
    assert run("--project", "money", "--format", "csv").splitlines() == [
        "partner,amount,date,kind,status",
        "ours,450.01,2026-04-03,advance,paid",
        "ours,450.00,2026-07-01,instalment,scheduled",
        "ours,100.00,2026-09-30,holdback,released",
        "theirs,450.00,2026-04-01,advance,scheduled",
        "theirs,50.00,2026-04-01,holdback,withheld",
    ]


def test_each_partners_lines_add_up_to_its_allocation_after_a_reallocation(project) -> None:
    theirs = project.allocations.get(organisation__slug="theirs")
    actions.reallocate(
        actor=None, allocation=theirs, to=project.allocations.get(organisation__slug="ours").organisation, on=DAY
    )
    rows = json.loads(run("--project", "money", "--format", "json"))
    for allocation in project.allocations.all():
        lines = [r for r in rows if r["partner"] == allocation.organisation.slug and r["status"] != "cancelled"]
        assert sum(Decimal(r["amount"]) for r in lines) == allocation.amount
    assert sum(Decimal(r["amount"]) for r in rows if r["status"] != "cancelled") == Decimal("1500.01")
    assert [r["status"] for r in rows if r["partner"] == "theirs"] == ["cancelled", "cancelled"]


def test_an_unknown_project_is_a_plain_error_listing_the_projects(project) -> None:
    with pytest.raises(CommandError, match=r"No project with slug 'nope'\. Projects: money"):
        run("--project", "nope", "--format", "json")
