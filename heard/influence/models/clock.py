"""The clock's records: notices sent (each kind once per recommendation) and extra bank holidays."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from heard.influence.models.recommendations import Recommendation


class NoticeKind(models.TextChoices):
    REMINDER = "reminder", "Reminder before the due date"
    ESCALATION = "escalation", "Escalation after the due date"
    FOLLOW_UP_3 = "follow_up_3", "Follow-up at 3 months"
    FOLLOW_UP_6 = "follow_up_6", "Follow-up at 6 months"
    FOLLOW_UP_12 = "follow_up_12", "Follow-up at 12 months"


class SentNotice(models.Model):
    """A notice the clock sent. The unique constraint makes each kind fire once per recommendation, even when two
    workers run the sweep at the same time: the row is made in the same transaction as the e-mail's record."""

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=20, choices=NoticeKind.choices)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["sent_at", "id"]
        constraints = [models.UniqueConstraint(fields=["recommendation", "kind"], name="one_notice_of_each_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.recommendation_id}"


class ExtraHoliday(models.Model):
    """A bank holiday announced after the `holidays` package was released, added by `heard holidays --update`."""

    date = models.DateField(unique=True)
    title = models.CharField(max_length=200)
    notes = models.CharField(max_length=200, blank=True)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date}: {self.title}"
