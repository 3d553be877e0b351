"""Funders, pots, bids, budgets, allocations to partners, payments with holdback, and recompense to residents.

Amounts are pounds as Decimal with two places; the rules (splits, the holdback) are in heard.lib.money.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import Sum
from django.urls import reverse

from heard.lib.money import HOLDBACK_DEFAULT

__all__ = [
    "Allocation",
    "Bid",
    "BidStatus",
    "BudgetLine",
    "Funder",
    "FunderKind",
    "Payment",
    "PaymentKind",
    "PaymentStatus",
    "Pot",
    "ProjectFunding",
    "Recompense",
    "RecompenseKind",
]


def _money(**kwargs: object) -> models.DecimalField[Decimal, Decimal]:
    return models.DecimalField(max_digits=10, decimal_places=2, **kwargs)  # type: ignore[arg-type]


class FunderKind(models.TextChoices):
    STATUTORY = "statutory", "Statutory"
    NHS = "nhs", "NHS"
    PUBLIC_HEALTH = "public_health", "Public health"
    TRUST = "trust", "Trusts and foundations"
    LOTTERY = "lottery", "Lottery"


class Funder(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=20, choices=FunderKind.choices, default=FunderKind.STATUTORY)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Pot(models.Model):
    """One pot of money a funder makes available."""

    funder = models.ForeignKey(Funder, on_delete=models.PROTECT, related_name="pots")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=FunderKind.choices, default=FunderKind.STATUTORY)
    amount = _money(help_text="How much the pot holds, in pounds.")
    closes_on = models.DateField(null=True, blank=True, help_text="When bids are due.")

    class Meta:
        ordering = ["funder__name", "name"]

    def __str__(self) -> str:
        return f"{self.funder}: {self.name}"


class BidStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    WON = "won", "Won"
    LOST = "lost", "Lost"


class Bid(models.Model):
    """A bid for one or more pots (a partnership bid may go in for several), for a project."""

    title = models.CharField(max_length=200)
    project = models.ForeignKey(
        "engagement.Project", null=True, blank=True, on_delete=models.SET_NULL, related_name="bids"
    )
    pots = models.ManyToManyField(Pot, related_name="bids")
    lead = models.ForeignKey(
        "partners.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bids_led",
        help_text="Who writes and leads the bid (the host, or a larger partner).",
    )
    amount_requested = _money()
    amount_awarded = _money(null=True, blank=True)
    status = models.CharField(max_length=20, choices=BidStatus.choices, default=BidStatus.DRAFT)
    submitted_on = models.DateField(null=True, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-submitted_on", "title"]

    def __str__(self) -> str:
        return self.title


class ProjectFunding(models.Model):
    """A project's money terms: the holdback every allocation in it keeps back until delivery is accepted."""

    project = models.OneToOneField("engagement.Project", on_delete=models.CASCADE, related_name="funding")
    holdback_percent = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=HOLDBACK_DEFAULT,
        help_text="Between 10% and 15% of each allocation, released when the partner's delivery is accepted.",
    )

    def __str__(self) -> str:
        return f"{self.project}: {self.holdback_percent}% held back"


class BudgetLine(models.Model):
    """A line of a project's budget: a partner's share, or (no organisation) the host's own costs."""

    project = models.ForeignKey("engagement.Project", on_delete=models.CASCADE, related_name="budget_lines")
    organisation = models.ForeignKey(
        "partners.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="budget_lines"
    )
    description = models.CharField(max_length=200)
    amount = _money()

    class Meta:
        ordering = ["organisation__name", "description"]

    def __str__(self) -> str:
        return f"{self.description}: £{self.amount}"

    @property
    def is_host_cost(self) -> bool:
        return self.organisation_id is None


class Allocation(models.Model):
    """The money a partner is awarded for its part in a project, paid by its schedule of payments."""

    project = models.ForeignKey("engagement.Project", on_delete=models.CASCADE, related_name="allocations")
    organisation = models.ForeignKey("partners.Organisation", on_delete=models.PROTECT, related_name="allocations")
    amount = _money(help_text="What the partner is to be paid in all: its lines that are not cancelled add up to it.")
    awarded_on = models.DateField(null=True, blank=True)
    pot = models.ForeignKey(Pot, null=True, blank=True, on_delete=models.SET_NULL, related_name="allocations")
    delivery_accepted_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["project__name", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["project", "organisation"], name="one_allocation_per_partner_per_project")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.project}: £{self.amount}"

    def get_absolute_url(self) -> str:
        return reverse("funding:allocation-detail", args=[self.pk])

    def scheduled_total(self) -> Decimal:
        total = self.payments.exclude(status=PaymentStatus.CANCELLED).aggregate(total=Sum("amount"))["total"]
        return total or Decimal("0.00")

    def paid_total(self) -> Decimal:
        done = (PaymentStatus.PAID, PaymentStatus.RELEASED)
        total = self.payments.filter(status__in=done).aggregate(total=Sum("amount"))["total"]
        return total or Decimal("0.00")


class PaymentKind(models.TextChoices):
    ADVANCE = "advance", "Advance"
    INSTALMENT = "instalment", "Instalment"
    HOLDBACK = "holdback", "Holdback"


class PaymentStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    PAID = "paid", "Paid"
    WITHHELD = "withheld", "Withheld"
    RELEASED = "released", "Released"
    CANCELLED = "cancelled", "Cancelled"


class Payment(models.Model):
    """One line of an allocation's schedule: money to be paid, paid, held back, released or cancelled."""

    allocation = models.ForeignKey(Allocation, on_delete=models.CASCADE, related_name="payments")
    kind = models.CharField(max_length=20, choices=PaymentKind.choices)
    amount = _money()
    due_on = models.DateField()
    status = models.CharField(max_length=20, choices=PaymentStatus.choices)
    paid_on = models.DateField(null=True, blank=True, help_text="When it was paid or released.")
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["allocation__organisation__name", "due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of £{self.amount} to {self.allocation.organisation}"

    @property
    def date(self) -> object:
        return self.paid_on or self.due_on


class RecompenseKind(models.TextChoices):
    VOUCHER = "voucher", "Vouchers"
    EXPENSES = "expenses", "Expenses"
    PAID_EXPERTISE = "paid_expertise", "Paid expertise"


class Recompense(models.Model):
    """What residents who took part in an activity were given, in all: never who they were."""

    activity = models.ForeignKey("engagement.Activity", on_delete=models.CASCADE, related_name="recompense")
    kind = models.CharField(max_length=20, choices=RecompenseKind.choices)
    amount = _money(help_text="The total given, in pounds.")
    residents = models.PositiveIntegerField(help_text="How many residents shared it (a count, never names).")
    given_on = models.DateField()

    class Meta:
        ordering = ["-given_on", "pk"]
        verbose_name_plural = "recompense"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: £{self.amount} at {self.activity}"
