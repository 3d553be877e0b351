"""The theory of change: a living, versioned model for a project. Each version is whole (its bold challenge and
every element); changing an approved version starts a new draft copied from it, so old versions stay readable."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class TheoryOfChange(models.Model):
    project = models.ForeignKey("engagement.Project", on_delete=models.CASCADE, related_name="theories_of_change")
    number = models.PositiveIntegerField()
    bold_challenge = models.TextField()
    change_note = models.CharField(max_length=300, blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    written_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.CharField(max_length=200, blank=True)
    approved_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["project", "-number"]
        constraints = [models.UniqueConstraint(fields=["project", "number"], name="one_number_per_toc_version")]

    def __str__(self) -> str:
        return f"Theory of change version {self.number}"

    @property
    def is_draft(self) -> bool:
        return self.approved_on is None


class ElementKind(models.TextChoices):
    ACTIVITY = "activity", "Activity"
    OUTPUT = "output", "Output"
    OUTCOME = "outcome", "Outcome"
    IMPACT = "impact", "Impact"


class ChangeElement(models.Model):
    toc = models.ForeignKey(TheoryOfChange, on_delete=models.CASCADE, related_name="elements")
    kind = models.CharField(max_length=10, choices=ElementKind.choices)
    text = models.TextField()
    assumptions = models.TextField(blank=True)
    evidence = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class Indicator(models.Model):
    """An outcome's indicator, computed from Heard's own data (`metric`, see governance.indicators)."""

    outcome = models.ForeignKey(ChangeElement, on_delete=models.CASCADE, related_name="indicators")
    metric = models.CharField(max_length=40)
    target = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.metric


class IndicatorSnapshot(models.Model):
    """A metric's value for a project at one time: the trend."""

    project = models.ForeignKey("engagement.Project", on_delete=models.CASCADE, related_name="+")
    metric = models.CharField(max_length=40)
    value = models.FloatField()
    taken_on = models.DateField()

    class Meta:
        ordering = ["taken_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "metric", "taken_on"], name="one_snapshot_per_metric_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.metric} = {self.value} on {self.taken_on}"
