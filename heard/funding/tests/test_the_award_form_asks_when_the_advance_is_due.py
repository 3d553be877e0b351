"""The award form asks for the day the advance is DUE (awarding schedules it; nothing is paid until host staff
record the payment), and the grant's page, its schedule and the audit trail say the same."""

from __future__ import annotations

import pytest

from heard.accounts.models import Role
from heard.core.models import AuditEvent, AuditVerb
from heard.core.testing import make_organisation, make_project, make_user
from heard.funding.models import Allocation, PaymentKind, PaymentStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(client):
    client.force_login(make_user(role=Role.HOST_STAFF))
    return make_project(slug="voices", partners=[make_organisation(name="Ours Circle", slug="ours")])


def test_the_form_asks_for_the_day_the_advance_is_due_and_says_nothing_is_paid_yet(client, project) -> None:
    page = client.get("/funding/projects/voices/award/").content.decode()
    assert "Advance due on" in page
    assert "Advance paid on" not in page
    assert "record each payment on the grant" in page


def test_awarding_schedules_the_advance_and_the_grant_page_says_when_it_is_due(client, project) -> None:
    ours = project.project_partners.get().organisation
    response = client.post(
        "/funding/projects/voices/award/",
        {"organisation": ours.pk, "amount": "2000", "first_payment_on": "2026-02-01", "payments": 2, "every_months": 3},
        follow=True,
    )
    page = response.content.decode()
    advance = Allocation.objects.get().payments.get(kind=PaymentKind.ADVANCE)
    assert (advance.status, advance.paid_on, str(advance.due_on)) == (PaymentStatus.SCHEDULED, None, "2026-02-01")
    assert "Its advance is due on 1 February 2026: record it as paid here when the money goes." in page
    assert "due 1 Feb 2026" in page
    assert "paid 1 Feb 2026" not in page
    award = AuditEvent.objects.get(verb=AuditVerb.CREATED, target_type="funding.allocation")
    assert "the first due on 2026-02-01" in award.summary


def test_a_payment_recorded_reads_as_paid_on_its_day(client, project) -> None:
    ours = project.project_partners.get().organisation
    client.post(
        "/funding/projects/voices/award/",
        {"organisation": ours.pk, "amount": "2000", "first_payment_on": "2026-02-01", "payments": 1, "every_months": 3},
    )
    allocation = Allocation.objects.get()
    advance = allocation.payments.get(kind=PaymentKind.ADVANCE)
    client.post(f"/funding/payments/{advance.pk}/paid/", {"paid_on": "2026-02-03"})
    page = client.get(allocation.get_absolute_url()).content.decode()
    assert "paid 3 Feb 2026" in page
