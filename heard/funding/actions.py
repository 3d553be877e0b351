"""Every write in `funding`: one named verb each, one transaction, one audit event.

Money rules (splits, the holdback) are in heard.lib.money; these verbs store what they return and refuse, with a
plain message, anything that would create or lose money.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Max

from heard.accounts.models import User
from heard.core import audit
from heard.core.models import AuditVerb
from heard.engagement.models import Activity, Project, ProjectPartner
from heard.funding import agreements as agreement_text
from heard.funding.models import (
    Agreement,
    AgreementTemplate,
    Allocation,
    Bid,
    BidStatus,
    BudgetLine,
    Funder,
    PartnershipTask,
    Payment,
    PaymentKind,
    PaymentStatus,
    Pot,
    ProjectFunding,
    Recompense,
    SignedCopy,
    TaskStatus,
)
from heard.lib import money
from heard.lib.money import MoneyError
from heard.partners.models import Organisation

__all__ = ["MoneyError"]


def holdback_percent(project: Project) -> Decimal:
    terms = ProjectFunding.objects.filter(project=project).first()
    return terms.holdback_percent if terms else money.HOLDBACK_DEFAULT


@transaction.atomic
def set_holdback(*, actor: Any, project: Project, percent: Decimal | str) -> ProjectFunding:
    """Sets the project's holdback (10% to 15%). Fixed once an allocation is awarded: partners agreed to it."""
    value = money.check_holdback_percent(percent)
    if Allocation.objects.filter(project=project).exists():
        raise MoneyError(
            f"{project.name} already has allocations with {holdback_percent(project)}% held back: the holdback is "
            "part of what partners agreed, so it is set before the first allocation is awarded."
        )
    terms, _ = ProjectFunding.objects.get_or_create(project=project)
    before = terms.holdback_percent
    terms.holdback_percent = value
    terms.save()
    audit.record(
        actor=actor,
        verb=AuditVerb.CHANGED,
        target=terms,
        project_id=project.pk,
        summary=f"Holdback for {project.name} set to {value}% of each allocation",
        before={"holdback_percent": before},
        after={"holdback_percent": value},
    )
    return terms


def _schedule(allocation: Allocation, amount: Decimal, first: datetime.date, payments: int, every: int) -> None:
    """Adds lines for `amount` to the allocation: the advance (and instalments) scheduled, the holdback withheld
    from the start. They add up to `amount` exactly."""
    amounts, kept = money.schedule_amounts(amount, holdback_percent(allocation.project), payments)
    dates = money.schedule_dates(first, payments, every)
    has_advance = allocation.payments.filter(kind=PaymentKind.ADVANCE).exists()
    for i, (part, due) in enumerate(zip(amounts, dates, strict=True)):
        kind = PaymentKind.ADVANCE if i == 0 and not has_advance else PaymentKind.INSTALMENT
        Payment.objects.create(
            allocation=allocation, kind=kind, amount=part, due_on=due, status=PaymentStatus.SCHEDULED
        )
    Payment.objects.create(
        allocation=allocation, kind=PaymentKind.HOLDBACK, amount=kept, due_on=dates[-1], status=PaymentStatus.WITHHELD
    )


@transaction.atomic
def award_allocation(
    *,
    actor: Any,
    project: Project,
    organisation: Organisation,
    amount: Decimal | str,
    first_payment_on: datetime.date,
    payments: int = 1,
    every_months: int = 3,
    pot: Pot | None = None,
) -> Allocation:
    """Awards a partner its allocation and its schedule: paid in advance (`payments` payments, the first due on
    `first_payment_on`, then every `every_months`), the project's holdback withheld until delivery is accepted.
    Nothing is paid here: each payment is scheduled until `record_payment` says it went."""
    value = money.pounds(amount)
    if value <= 0:
        raise MoneyError("An allocation is more than £0.00.")
    if not 1 <= payments <= 12:
        raise MoneyError("Pay an allocation in 1 to 12 payments.")
    if not 1 <= every_months <= 12:
        raise MoneyError("Space payments 1 to 12 months apart.")
    if not ProjectPartner.objects.filter(project=project, organisation=organisation).exists():
        raise MoneyError(f"{organisation.name} is not a partner in {project.name}: add it to the project first.")
    if Allocation.objects.filter(project=project, organisation=organisation).exists():
        raise MoneyError(
            f"{organisation.name} already has an allocation in {project.name}: reallocate its unpaid money instead."
        )
    ProjectFunding.objects.get_or_create(project=project)
    allocation = Allocation.objects.create(
        project=project, organisation=organisation, amount=value, awarded_on=first_payment_on, pot=pot
    )
    _schedule(allocation, value, first_payment_on, payments, every_months)
    audit.record(
        actor=actor,
        verb=AuditVerb.CREATED,
        target=allocation,
        project_id=project.pk,
        organisation_id=organisation.pk,
        summary=(
            f"Allocated {money.format_pounds(value)} to {organisation.name}: {payments} payment(s) in advance, the "
            f"first due on {first_payment_on.isoformat()}, {holdback_percent(project)}% held back until delivery is "
            "accepted"
        ),
        after={"amount": value, "payments": payments, "every_months": every_months},
    )
    return allocation


@transaction.atomic
def record_payment(*, actor: Any, payment: Payment, paid_on: datetime.date) -> Payment:
    """Records that a scheduled advance or instalment was paid. The holdback is released by accepting delivery."""
    payment = Payment.objects.select_for_update().select_related("allocation__organisation").get(pk=payment.pk)
    if payment.kind == PaymentKind.HOLDBACK:
        raise MoneyError("The holdback is paid by accepting the partner's delivery, not recorded as a payment.")
    if payment.status != PaymentStatus.SCHEDULED:
        raise MoneyError(f"This payment is {payment.get_status_display().lower()}, so it cannot be paid now.")
    payment.status, payment.paid_on = PaymentStatus.PAID, paid_on
    payment.save(update_fields=["status", "paid_on"])
    allocation = payment.allocation
    audit.record(
        actor=actor,
        verb=AuditVerb.PAID,
        target=payment,
        project_id=allocation.project_id,
        organisation_id=allocation.organisation_id,
        summary=f"Paid {payment.get_kind_display().lower()} of {money.format_pounds(payment.amount)} to "
        f"{allocation.organisation.name} on {paid_on.isoformat()}",
        after={"status": payment.status, "paid_on": paid_on, "amount": payment.amount},
    )
    return payment


@transaction.atomic
def accept_delivery(*, actor: Any, allocation: Allocation, accepted_on: datetime.date) -> Allocation:
    """Host staff accept a partner's delivery (its returns imported and checked): its holdback is released, once."""
    allocation = Allocation.objects.select_for_update().select_related("organisation").get(pk=allocation.pk)
    held = list(allocation.payments.filter(kind=PaymentKind.HOLDBACK, status=PaymentStatus.WITHHELD))
    if allocation.delivery_accepted_on is not None or not held:
        raise MoneyError(f"{allocation.organisation.name}'s holdback has already been released or moved: nothing held.")
    for line in held:
        line.status, line.paid_on = PaymentStatus.RELEASED, accepted_on
        line.save(update_fields=["status", "paid_on"])
    allocation.delivery_accepted_on = accepted_on
    allocation.save(update_fields=["delivery_accepted_on"])
    released = sum((line.amount for line in held), Decimal("0.00"))
    audit.record(
        actor=actor,
        verb=AuditVerb.RELEASED,
        target=allocation,
        project_id=allocation.project_id,
        organisation_id=allocation.organisation_id,
        summary=f"Delivery accepted: holdback of {money.format_pounds(released)} released to "
        f"{allocation.organisation.name}",
        after={"released": released, "accepted_on": accepted_on},
    )
    return allocation


@transaction.atomic
def reallocate(
    *, actor: Any, allocation: Allocation, to: Organisation, on: datetime.date, reason: str = ""
) -> Allocation:
    """A partner cannot deliver: the money not yet paid to it (scheduled lines and the withheld holdback) moves to
    another partner in the same project. Its unpaid lines are cancelled and its allocation becomes what it was
    paid; the other partner's allocation grows by exactly the same amount, with a new instalment and holdback.
    No money is created or lost."""
    source = Allocation.objects.select_for_update().select_related("organisation", "project").get(pk=allocation.pk)
    project = source.project
    if to.pk == source.organisation_id:
        raise MoneyError("Choose another partner to move the money to.")
    if not ProjectPartner.objects.filter(project=project, organisation=to).exists():
        raise MoneyError(f"{to.name} is not a partner in {project.name}: add it to the project first.")
    unpaid = list(source.payments.filter(status__in=(PaymentStatus.SCHEDULED, PaymentStatus.WITHHELD)))
    moved = sum((line.amount for line in unpaid), Decimal("0.00"))
    if moved == 0:
        raise MoneyError(f"Everything allocated to {source.organisation.name} has been paid: there is nothing to move.")
    for line in unpaid:
        line.status = PaymentStatus.CANCELLED
        line.note = f"Moved to {to.name} on {on.isoformat()}"[:300]
        line.save(update_fields=["status", "note"])
    source.amount -= moved
    source.save(update_fields=["amount"])
    target, _created = Allocation.objects.select_for_update().get_or_create(
        project=project, organisation=to, defaults={"amount": Decimal("0.00"), "awarded_on": on, "pot": source.pot}
    )
    target.amount += moved
    target.save(update_fields=["amount"])
    if target.delivery_accepted_on is not None:
        Payment.objects.create(
            allocation=target, kind=PaymentKind.INSTALMENT, amount=moved, due_on=on, status=PaymentStatus.SCHEDULED
        )
    else:
        _schedule(target, moved, on, 1, 1)
    audit.record(
        actor=actor,
        verb=AuditVerb.REALLOCATED,
        target=source,
        project_id=project.pk,
        organisation_id=source.organisation_id,
        summary=f"Moved {money.format_pounds(moved)} not yet paid to {source.organisation.name} to {to.name}"
        + (f": {reason}" if reason else ""),
        before={"from": source.organisation.slug, "amount": source.amount + moved},
        after={"from_amount": source.amount, "to": to.slug, "to_amount": target.amount, "moved": moved},
    )
    return target


@transaction.atomic
def save_funder(*, actor: Any, funder: Funder) -> Funder:
    created = funder.pk is None
    funder.save()
    audit.record(
        actor=actor,
        verb=AuditVerb.CREATED if created else AuditVerb.CHANGED,
        target=funder,
        summary=f"Funder {funder.name} {'added' if created else 'changed'}",
        after=audit.snapshot(funder),
    )
    return funder


@transaction.atomic
def save_pot(*, actor: Any, pot: Pot) -> Pot:
    created = pot.pk is None
    money.pounds(pot.amount)
    pot.save()
    audit.record(
        actor=actor,
        verb=AuditVerb.CREATED if created else AuditVerb.CHANGED,
        target=pot,
        summary=f"Pot {pot} {'added' if created else 'changed'}: {money.format_pounds(pot.amount)}",
        after=audit.snapshot(pot),
    )
    return pot


@transaction.atomic
def save_bid(*, actor: Any, bid: Bid, pots: list[Pot]) -> Bid:
    """Saves a bid and the pots it goes in for (one partnership bid may go in for several)."""
    created = bid.pk is None
    if bid.status == BidStatus.WON and bid.amount_awarded is None:
        raise MoneyError("A bid that was won needs the amount awarded.")
    if not pots:
        raise MoneyError("Choose at least one pot the bid goes in for.")
    bid.save()
    bid.pots.set(pots)
    audit.record(
        actor=actor,
        verb=AuditVerb.CREATED if created else AuditVerb.CHANGED,
        target=bid,
        project_id=bid.project_id,
        summary=f"Bid '{bid.title}' for {len(pots)} pot(s) {'added' if created else 'changed'}: "
        f"{bid.get_status_display().lower()}",
        after={**audit.snapshot(bid), "pots": [p.pk for p in pots]},
    )
    return bid


@transaction.atomic
def add_budget_line(
    *, actor: Any, project: Project, organisation: Organisation | None, description: str, amount: Decimal | str
) -> BudgetLine:
    """A line of the project's budget: a partner's share, or the host's own costs when there is no organisation."""
    line = BudgetLine.objects.create(
        project=project, organisation=organisation, description=description, amount=money.pounds(amount)
    )
    audit.record(
        actor=actor,
        verb=AuditVerb.CREATED,
        target=line,
        project_id=project.pk,
        organisation_id=organisation.pk if organisation else None,
        summary=f"Budget line for {organisation.name if organisation else 'the host'}: {description}, "
        f"{money.format_pounds(line.amount)}",
    )
    return line


@transaction.atomic
def record_recompense(
    *, actor: Any, activity: Activity, kind: str, amount: Decimal | str, residents: int, given_on: datetime.date
) -> Recompense:
    """Records what residents at an activity were given in all (vouchers, expenses, paid expertise): a count of
    residents, never who they were."""
    value = money.pounds(amount)
    if value <= 0:
        raise MoneyError("Recompense is more than £0.00.")
    if residents < 1:
        raise MoneyError("Say how many residents shared it: at least 1.")
    recompense = Recompense.objects.create(
        activity=activity, kind=kind, amount=value, residents=residents, given_on=given_on
    )
    audit.record(
        actor=actor,
        verb=AuditVerb.CREATED,
        target=recompense,
        project_id=activity.project_id,
        organisation_id=activity.partner_id,
        summary=f"Recompense recorded at {activity.title}: {recompense.get_kind_display().lower()}, "
        f"{money.format_pounds(value)}",
    )
    return recompense


# Who does what.


@transaction.atomic
def save_task(*, actor: User, task: PartnershipTask) -> PartnershipTask:
    creating = task.pk is None
    before = None if creating else audit.snapshot(PartnershipTask.objects.get(pk=task.pk))
    task.save()
    audit.record(
        actor=actor,
        verb=AuditVerb.CREATED if creating else AuditVerb.CHANGED,
        target=task,
        project_id=task.project_id,
        organisation_id=task.owner_organisation_id,
        before=before,
        after=audit.snapshot(task),
    )
    return task


@transaction.atomic
def set_task_status(*, actor: User, task: PartnershipTask, status: str) -> PartnershipTask:
    before = task.status
    task.status = status
    task.save(update_fields=["status"])
    audit.record(
        actor=actor,
        verb=AuditVerb.CHANGED,
        target=task,
        project_id=task.project_id,
        organisation_id=task.owner_organisation_id,
        before={"status": before},
        after={"status": status},
        summary=f"Task now {TaskStatus(status).label.lower()}",
    )
    return task


# Agreements.


@transaction.atomic
def save_agreement_template(*, actor: User, template: AgreementTemplate) -> AgreementTemplate:
    """Save the host's template (already checked by heard.funding.agreements.check_template)."""
    creating = template.pk is None
    before = None if creating else audit.snapshot(AgreementTemplate.objects.get(pk=template.pk), ["body"])
    template.updated_by = actor
    template.save()
    audit.record(
        actor=actor,
        verb=AuditVerb.CREATED if creating else AuditVerb.CHANGED,
        target=template,
        before=before,
        after=audit.snapshot(template, ["body"]),
    )
    return template


@transaction.atomic
def make_agreement(
    *, actor: User, project: Project, organisation: Organisation, template: AgreementTemplate
) -> Agreement:
    """A new version of the partner's agreement, filled in from the template with today's figures and tasks."""
    tasks = [
        f"{t.title} ({t.get_kind_display().lower()}){f', by {t.due_on:%-d %B %Y}' if t.due_on else ''}"
        for t in PartnershipTask.objects.filter(project=project, owner_organisation=organisation).order_by(
            "due_on", "title"
        )
    ]
    context = agreement_text.context_for(project, organisation, tasks)
    body = agreement_text.fill(template.body, context)
    latest = (
        Agreement.objects.select_for_update()
        .filter(project=project, organisation=organisation)
        .aggregate(latest=Max("version"))["latest"]
    )
    agreement = Agreement.objects.create(
        project=project,
        organisation=organisation,
        version=(latest or 0) + 1,
        title=template.name,
        body=body,
        figures=context["figures"],
        created_by=actor,
    )
    audit.record(
        actor=actor,
        verb=AuditVerb.CREATED,
        target=agreement,
        project_id=project.pk,
        organisation_id=organisation.pk,
        after=context["figures"],
        summary=f"Agreement version {agreement.version} made from “{template.name}”",
    )
    return agreement


@transaction.atomic
def attach_signed_copy(*, actor: User, agreement: Agreement, upload: Any, signed_on: datetime.date) -> SignedCopy:
    """Keep a signed copy (already checked by heard.lib.doccheck)."""
    copy = SignedCopy(agreement=agreement, signed_on=signed_on, uploaded_by=actor)
    copy.file_name = Path(upload.name).name[:200]
    copy.file.save(copy.file_name, upload, save=False)
    copy.save()
    audit.record(
        actor=actor,
        verb=AuditVerb.APPROVED,
        target=agreement,
        project_id=agreement.project_id,
        organisation_id=agreement.organisation_id,
        summary=f"Signed copy of version {agreement.version} attached (signed {signed_on:%-d %B %Y})",
    )
    return copy
