"""The partner register's due diligence: an organisation's centres (where it works from: they feed the map and the
2-mile patches), its policies as dated documents with who checked them, the reminders sent before they lapse
(each once), and the policy templates the host shares with partners."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models

__all__ = [
    "REQUIRED_POLICIES",
    "Centre",
    "Policy",
    "PolicyKind",
    "PolicyReminder",
    "PolicyStatus",
    "PolicyTemplate",
    "ReminderKind",
]


class Centre(models.Model):
    """A place an organisation works from: a community centre, a clinic, a mosque hall."""

    organisation = models.ForeignKey("partners.Organisation", on_delete=models.CASCADE, related_name="centres")
    name = models.CharField(max_length=200)
    address = models.CharField(max_length=300, blank=True)
    postcode = models.CharField(max_length=10)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["organisation__name", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.postcode})"


class PolicyKind(models.TextChoices):
    SAFEGUARDING = "safeguarding", "Safeguarding"
    HEALTH_SAFETY = "health_safety", "Health and safety"
    EDI = "edi", "Equality, diversity and inclusion"
    DATA_PROTECTION = "data_protection", "Data protection"
    INSURANCE = "insurance", "Insurance"


REQUIRED_POLICIES = (PolicyKind.SAFEGUARDING, PolicyKind.HEALTH_SAFETY, PolicyKind.EDI)


class PolicyStatus(models.TextChoices):
    CURRENT = "current", "Current"
    DUE = "due", "Review due soon"
    LAPSED = "lapsed", "Lapsed"
    MISSING = "missing", "Not on file"


def policy_upload_to(instance: models.Model, filename: str) -> str:
    return f"policies/{datetime.date.today():%Y/%m}/{filename}"


class Policy(models.Model):
    """One version of one of an organisation's policies. The newest (by issue date) is the one that counts."""

    organisation = models.ForeignKey("partners.Organisation", on_delete=models.CASCADE, related_name="policies")
    kind = models.CharField(max_length=20, choices=PolicyKind.choices)
    file = models.FileField(upload_to=policy_upload_to, max_length=300)
    file_name = models.CharField(max_length=200)
    issued_on = models.DateField()
    expires_on = models.DateField(help_text="When it must be reviewed or renewed by.")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    checked_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["organisation__name", "kind", "-issued_on", "-pk"]
        verbose_name_plural = "policies"

    def __str__(self) -> str:
        return f"{self.organisation}: {self.get_kind_display()} policy ({self.issued_on:%d %b %Y})"

    def status(self, today: datetime.date, *, warn_days: int = 30) -> PolicyStatus:
        if self.expires_on < today:
            return PolicyStatus.LAPSED
        if self.expires_on <= today + datetime.timedelta(days=warn_days):
            return PolicyStatus.DUE
        return PolicyStatus.CURRENT


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", "Due for review within 30 days"
    LAPSED = "lapsed", "Lapsed"


class PolicyReminder(models.Model):
    """A reminder sent about one policy: one row per (policy, kind), so each is sent once however often the sweep
    runs."""

    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [models.UniqueConstraint(fields=["policy", "kind"], name="one_reminder_per_policy_and_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.policy}"


def template_upload_to(instance: models.Model, filename: str) -> str:
    return f"policy-templates/{filename}"


class PolicyTemplate(models.Model):
    """A model policy the host shares with every partner (e.g. a safeguarding policy a small group can adapt)."""

    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=PolicyKind.choices)
    description = models.TextField(blank=True)
    file = models.FileField(upload_to=template_upload_to, max_length=300)
    file_name = models.CharField(max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "title"]

    def __str__(self) -> str:
        return self.title
