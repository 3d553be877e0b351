"""A project's payment lines as rows: for `heard payments`, the finance export and the schedule page.

One row per line of a schedule (scheduled or made), never two for the same money: a partner's rows that are not
cancelled add up exactly to its allocation; a cancelled row is money that moved to another partner.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from heard.engagement.models import Project
from heard.funding.models import Allocation, Payment, PaymentStatus, Recompense

COLUMNS = ["partner", "amount", "date", "kind", "status"]
FINANCE_COLUMNS = [*COLUMNS, "partner_name", "due_on", "paid_on", "note"]
KIND_ORDER = {"advance": 0, "instalment": 1, "holdback": 2}


def project_payments(project: Project, payments: QuerySet[Payment] | None = None) -> list[Payment]:
    """The project's payment lines (all of them, or those in `payments`, a person's scope) in the schedule's order:
    by partner, then due date, then kind (advance, instalment, holdback)."""
    lines = (payments if payments is not None else Payment.objects.all()).filter(allocation__project=project)
    ordered = lines.select_related("allocation__organisation")
    return sorted(ordered, key=lambda p: (p.allocation.organisation.slug, p.due_on, KIND_ORDER[p.kind], p.pk))


def row(payment: Payment) -> dict[str, Any]:
    return {
        "partner": payment.allocation.organisation.slug,
        "amount": f"{payment.amount:.2f}",
        "date": (payment.paid_on or payment.due_on).isoformat(),
        "kind": payment.kind,
        "status": payment.status,
    }


def finance_row(payment: Payment) -> dict[str, Any]:
    return {
        **row(payment),
        "partner_name": payment.allocation.organisation.name,
        "due_on": payment.due_on.isoformat(),
        "paid_on": payment.paid_on.isoformat() if payment.paid_on else "",
        "note": payment.note,
    }


def totals(allocation: Allocation, lines: list[Payment]) -> dict[str, Decimal]:
    """What an allocation's lines say: paid (including the released holdback), due, withheld, and moved away."""
    own = [line for line in lines if line.allocation_id == allocation.pk]
    by_status = {status: Decimal("0.00") for status in PaymentStatus.values}
    for line in own:
        by_status[line.status] += line.amount
    return {
        "paid": by_status["paid"] + by_status["released"],
        "due": by_status["scheduled"],
        "withheld": by_status["withheld"],
        "moved": by_status["cancelled"],
    }


def recompense_totals(recompense: QuerySet[Recompense]) -> list[dict[str, Any]]:
    """Totals by kind: amount and how many residents shared it. Never a resident."""
    by_kind: dict[str, dict[str, Any]] = {}
    for item in recompense:
        entry = by_kind.setdefault(
            item.kind, {"kind": item.get_kind_display(), "amount": Decimal("0.00"), "residents": 0, "activities": 0}
        )
        entry["amount"] += item.amount
        entry["residents"] += item.residents
        entry["activities"] += 1
    return list(by_kind.values())
