"""Host staff award an allocation, record the advance, see the partner's returns, accept delivery and move money
from the pages; bad input gets a plain message and changes nothing."""

from __future__ import annotations

from typing import Any

import pytest

from heard.accounts.models import Role
from heard.core.models import AuditEvent, AuditVerb
from heard.core.testing import make_activity, make_organisation, make_project, make_user
from heard.funding.models import Allocation, PaymentKind, Recompense
from heard.returns.models import ReturnUpload, UploadStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = make_user(role=Role.HOST_STAFF)
    client.force_login(user)
    return user


@pytest.fixture
def project():
    ours, theirs = make_organisation(name="Ours Circle", slug="ours"), make_organisation(name="Theirs", slug="theirs")
    return make_project(slug="voices", partners=[ours, theirs])


def award(client, project, amount: str = "£2,000.00") -> Any:
    ours = project.project_partners.get(organisation__slug="ours").organisation
    return client.post(
        "/funding/projects/voices/award/",
        {"organisation": ours.pk, "amount": amount, "first_payment_on": "2026-02-01", "payments": 2, "every_months": 3},
    )


def test_the_project_page_links_to_funding_and_payments(client, staff, project) -> None:
    assert "/funding/projects/voices/" in client.get("/projects/voices/").content.decode()


def test_awarding_records_the_advance_and_releasing_the_holdback_from_the_pages(client, staff, project) -> None:
    response = award(client, project)
    allocation = Allocation.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/funding/allocations/{allocation.pk}/"
    advance = allocation.payments.get(kind=PaymentKind.ADVANCE)
    client.post(f"/funding/payments/{advance.pk}/paid/", {"paid_on": "2026-02-03"})
    advance.refresh_from_db()
    assert (advance.status, str(advance.amount)) == ("paid", "900.00")
    ReturnUpload.objects.create(
        project=project, partner=allocation.organisation, file_name="ours-return.xlsx", status=UploadStatus.IMPORTED
    )
    page = client.get(f"/funding/allocations/{allocation.pk}/").content.decode()
    assert "ours-return.xlsx" in page and "Accept delivery and release the holdback" in page
    client.post(f"/funding/allocations/{allocation.pk}/accept/", {"accepted_on": "2026-10-01"})
    holdback = allocation.payments.get(kind=PaymentKind.HOLDBACK)
    assert (holdback.status, str(holdback.amount)) == ("released", "200.00")
    verbs = list(AuditEvent.objects.filter(project_id=project.pk).values_list("verb", flat=True).order_by("pk"))
    assert verbs == [AuditVerb.CREATED, AuditVerb.PAID, AuditVerb.RELEASED]


@pytest.mark.parametrize("amount", ["-5", "12.345", "lots", "0"])
def test_an_amount_that_is_not_pounds_is_refused_in_plain_words(client, staff, project, amount) -> None:
    response = award(client, project, amount)
    assert response.status_code == 200
    assert "pounds" in response.content.decode()
    assert not Allocation.objects.exists()


def test_a_holdback_outside_ten_to_fifteen_is_refused_in_plain_words(client, staff, project) -> None:
    response = client.post("/funding/projects/voices/holdback/", {"holdback_percent": "20"}, follow=True)
    assert "between 10% and 15%" in response.content.decode()
    client.post("/funding/projects/voices/holdback/", {"holdback_percent": "15"})
    award(client, project)
    assert str(Allocation.objects.get().payments.get(kind=PaymentKind.HOLDBACK).amount) == "300.00"


def test_moving_the_unpaid_money_from_the_page(client, staff, project) -> None:
    award(client, project)
    allocation = Allocation.objects.get()
    theirs = project.project_partners.get(organisation__slug="theirs").organisation
    client.post(f"/funding/allocations/{allocation.pk}/reallocate/", {"to": theirs.pk, "on": "2026-05-01"})
    moved = Allocation.objects.get(organisation=theirs)
    allocation.refresh_from_db()
    assert (str(allocation.amount), str(moved.amount)) == ("0.00", "2000.00")


def test_recompense_is_a_count_of_residents_never_who(client, staff, project) -> None:
    activity = make_activity(project=project, partner=project.project_partners.first().organisation)
    response = client.post(
        "/funding/projects/voices/recompense/new/",
        {"activity": activity.pk, "kind": "voucher", "amount": "150", "residents": "6", "given_on": "2026-03-01"},
    )
    assert response.status_code == 302
    assert [f.name for f in Recompense._meta.get_fields()] == [
        "id",
        "activity",
        "kind",
        "amount",
        "residents",
        "given_on",
    ]
    page = client.get("/funding/projects/voices/").content.decode()
    assert "£150.00" in page
