"""Selecting partners: the partnership's criteria with weights the host can change, and a scored checklist per
candidate organisation with notes and a decision."""

from __future__ import annotations

from django.conf import settings
from django.db import models

__all__ = ["MAX_SCORE", "Assessment", "Criterion", "Decision", "Score"]

MAX_SCORE = 3


class Criterion(models.Model):
    """One of the partnership's criteria for choosing partners, with its weight (0 leaves it out)."""

    key = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    guidance = models.TextField(blank=True, help_text="What a high score means.")
    weight = models.PositiveSmallIntegerField(default=1, help_text="0 to 5: how much this criterion counts.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "criteria"

    def __str__(self) -> str:
        return self.name


class Decision(models.TextChoices):
    UNDECIDED = "undecided", "Not decided yet"
    SELECTED = "selected", "Selected as a partner"
    LEAD = "lead", "Asked to lead the bid"
    NOT_NOW = "not_now", "Not this time"


class Assessment(models.Model):
    """The host's scored checklist for one candidate organisation."""

    organisation = models.OneToOneField("partners.Organisation", on_delete=models.CASCADE, related_name="assessment")
    notes = models.TextField(blank=True)
    decision = models.CharField(max_length=20, choices=Decision.choices, default=Decision.UNDECIDED)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assessed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["organisation__name"]

    def __str__(self) -> str:
        return f"Assessment of {self.organisation}"


class Score(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    score = models.PositiveSmallIntegerField(help_text=f"0 (not at all) to {MAX_SCORE} (fully).")
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["criterion__position"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="one_score_per_criterion"),
            models.CheckConstraint(condition=models.Q(score__lte=MAX_SCORE), name="score_at_most_max"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"
