"""Recommendations (one host-wide list, fed by every project's report) and the timeline of every step."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from heard.reporting.models import Priority as Priority


class RecommendationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SENT = "sent", "Sent (awaiting response)"
    ACCEPTED = "accepted", "Accepted"
    PARTLY_ACCEPTED = "partly_accepted", "Partly accepted"
    DECLINED = "declined", "Declined"
    IN_PROGRESS = "in_progress", "In progress"
    CHANGED = "changed", "Changed (evidenced)"


class Decision(models.TextChoices):
    """What an addressee answered."""

    ACCEPTED = "accepted", "Accept"
    PARTLY_ACCEPTED = "partly_accepted", "Partly accept"
    DECLINED = "declined", "Decline"


class Recommendation(models.Model):
    """A recommendation addressed to an organisation (a commissioner or provider) and a named person there."""

    project = models.ForeignKey("engagement.Project", on_delete=models.PROTECT, related_name="recommendations")
    source = models.ForeignKey(
        "reporting.ReportRecommendation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tracked",
        help_text="The report's recommendation this was made from, if any.",
    )
    title = models.CharField(max_length=200)
    text = models.TextField(blank=True, help_text="What should change, and why, in plain words.")
    summary_translations = models.JSONField(
        default=dict,
        blank=True,
        help_text='The plain-words summary (`text`) in residents\' languages, by project language code ({"so": '
        '"..."}): "you said, we did" shows it in that language, the English where there is none.',
    )
    themes = models.ManyToManyField("analysis.Theme", blank=True, related_name="+")
    communities = models.ManyToManyField("partners.Community", blank=True, related_name="+")
    quotes = models.ManyToManyField(
        "engagement.Answer", blank=True, related_name="+", help_text="Residents' words this rests on."
    )
    organisation = models.ForeignKey("partners.Organisation", on_delete=models.PROTECT, related_name="+")
    addressee_name = models.CharField(max_length=200, blank=True)
    addressee_email = models.EmailField(blank=True)
    senior_name = models.CharField(max_length=200, blank=True, help_text="Who it is escalated to when overdue.")
    senior_email = models.EmailField(blank=True)
    priority = models.CharField(max_length=10, choices=Priority.choices, default=Priority.MEDIUM)
    status = models.CharField(max_length=20, choices=RecommendationStatus.choices, default=RecommendationStatus.DRAFT)
    sent_on = models.DateField(null=True, blank=True)
    due_on = models.DateField(null=True, blank=True, help_text="The 20th working day after the day it was sent.")
    notes = models.TextField(blank=True, help_text="The host's own notes (kept off public pages).")
    regulator_escalated_on = models.DateField(
        null=True, blank=True, help_text="When the host escalated it to the regulator, if it decided to."
    )
    regulator_note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-sent_on", "-id"]
        indexes = [models.Index(fields=["status", "due_on"], name="rec_status_due")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("influence:recommendation", args=[self.pk])

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        """Sent, no response yet, and the due day has passed."""
        today = today or timezone.localdate()
        return self.status == RecommendationStatus.SENT and self.due_on is not None and self.due_on < today

    @property
    def overdue(self) -> bool:
        return self.is_overdue()

    @property
    def status_label(self) -> str:
        return "Overdue" if self.overdue else self.get_status_display()


class TimelineKind(models.TextChoices):
    CREATED = "created", "Made"
    CHANGED = "changed", "Edited"
    SENT = "sent", "Sent"
    EMAILED = "emailed", "E-mailed"
    REMINDED = "reminded", "Reminder sent"
    ESCALATED = "escalated", "Escalated"
    REGULATOR = "regulator", "Escalated to the regulator"
    RESPONDED = "responded", "Responded"
    COMMITTED = "committed", "Action committed"
    PROGRESS = "progress", "Progress reported"
    EVIDENCE = "evidence", "Evidence of change"
    FOLLOW_UP = "follow_up", "Follow-up"
    STATUS = "status", "Status changed"
    LINK = "link", "Link"


class TimelineEvent(models.Model):
    """One step in a recommendation's life. E-mails keep who they went to, the subject and the body."""

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="timeline")
    kind = models.CharField(max_length=20, choices=TimelineKind.choices)
    at = models.DateTimeField(default=timezone.now)
    summary = models.CharField(max_length=300)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(max_length=200, blank=True, help_text="An addressee without an account.")
    email_to = models.CharField(max_length=500, blank=True)
    email_subject = models.CharField(max_length=300, blank=True)
    email_body = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.summary}"
