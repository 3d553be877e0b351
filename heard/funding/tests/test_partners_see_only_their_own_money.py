"""A partner sees its own allocation, payment lines and recompense, never another partner's; it changes nothing."""

from __future__ import annotations

import csv
import datetime
import io

import pytest

from heard.accounts.models import Role
from heard.core.testing import make_activity, make_organisation, make_project, make_user
from heard.funding import actions
from heard.funding.models import PaymentKind

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 2, 1)


@pytest.fixture
def world():
    ours = make_organisation(name="Ours Circle", slug="ours")
    theirs = make_organisation(name="Theirs Club", slug="theirs")
    project = make_project(slug="voices", partners=[ours, theirs])
    mine = actions.award_allocation(
        actor=None, project=project, organisation=ours, amount="1111.11", first_payment_on=DAY
    )
    other = actions.award_allocation(
        actor=None, project=project, organisation=theirs, amount="7777.77", first_payment_on=DAY
    )
    actions.record_recompense(
        actor=None,
        activity=make_activity(project=project, partner=theirs),
        kind="voucher",
        amount="333.33",
        residents=9,
        given_on=DAY,
    )
    return project, mine, other, make_user(role=Role.PARTNER_MEMBER, organisation=ours)


def test_the_funding_page_shows_a_partner_only_its_own_allocation(client, world) -> None:
    _, _, _, partner = world
    client.force_login(partner)
    page = client.get("/funding/projects/voices/").content.decode()
    assert "Ours Circle" in page and "£1,111.11" in page
    assert "Theirs Club" not in page and "7,777.77" not in page and "333.33" not in page


def test_host_staff_see_every_partners_allocation(client, world) -> None:
    client.force_login(make_user(role=Role.HOST_STAFF))
    page = client.get("/funding/projects/voices/").content.decode()
    assert "£1,111.11" in page and "£7,777.77" in page and "£333.33" in page


def test_another_partners_allocation_and_payments_are_not_found(client, world) -> None:
    _, _, other, partner = world
    client.force_login(partner)
    assert client.get(f"/funding/allocations/{other.pk}/").status_code == 404
    payment = other.payments.get(kind=PaymentKind.ADVANCE)
    assert client.post(f"/funding/payments/{payment.pk}/paid/", {"paid_on": "2026-02-02"}).status_code == 404
    assert client.post(f"/funding/allocations/{other.pk}/accept/", {"accepted_on": "2026-02-02"}).status_code == 404
    payment.refresh_from_db()
    assert payment.status == "scheduled"


def test_a_partner_cannot_pay_itself_or_release_its_own_holdback(client, world) -> None:
    _, mine, _, partner = world
    client.force_login(partner)
    assert client.get(f"/funding/allocations/{mine.pk}/").status_code == 200
    advance = mine.payments.get(kind=PaymentKind.ADVANCE)
    assert client.post(f"/funding/payments/{advance.pk}/paid/", {"paid_on": "2026-02-02"}).status_code == 403
    assert client.post(f"/funding/allocations/{mine.pk}/accept/", {"accepted_on": "2026-02-02"}).status_code == 403
    assert set(mine.payments.values_list("status", flat=True)) == {"scheduled", "withheld"}


def test_the_finance_export_gives_a_partner_only_its_own_lines(client, world) -> None:
    _, _, _, partner = world
    client.force_login(partner)
    response = client.get("/funding/projects/voices/payments.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {row["partner"] for row in rows} == {"ours"}
    assert sorted(row["amount"] for row in rows) == ["1000.00", "111.11"]


def test_the_steering_group_sees_no_money_lines(client, world) -> None:
    client.force_login(make_user(role=Role.STEERING_MEMBER))
    assert client.get("/funding/projects/voices/").status_code == 403
    assert client.get("/funding/projects/voices/payments.csv").status_code == 403
