"""Responding without an account: the link (token stored hashed), the response, the actions committed to and the
evidence of progress and change."""

from __future__ import annotations

import datetime
import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from heard.influence.models.recommendations import Decision, Recommendation, RecommendationStatus


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Addressee(models.Model):
    """A person a recommendation is addressed to (the main addressee, or someone else at the organisation)."""

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="addressees")
    name = models.CharField(max_length=200)
    email = models.EmailField()

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["recommendation", "email"], name="one_addressee_per_email")]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"


class ResponseLink(models.Model):
    """An expiring, revocable link for one addressee of one recommendation. Only the token's sha256 is kept."""

    addressee = models.ForeignKey(Addressee, on_delete=models.CASCADE, related_name="links")
    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["addressee"], condition=Q(revoked_at__isnull=True), name="one_live_link_per_addressee"
            )
        ]

    def __str__(self) -> str:
        return f"Link for {self.addressee}"

    def is_live(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and self.expires_at > now


class ResponseChannel(models.TextChoices):
    """How a response came: through the addressee's own link, or by another way host staff recorded it from."""

    LINK = "link", "Through their link"
    EMAIL = "email", "E-mail"
    LETTER = "letter", "Letter"
    MEETING = "meeting", "In a meeting"
    PHONE = "phone", "Phone call"


class Response(models.Model):
    """An addressee's answer: accept, partly accept or decline, with reasons. Through their link, or recorded by
    host staff on their behalf from an e-mail, a letter, a meeting or a phone call (`recorded_by` says who)."""

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="responses")
    link = models.ForeignKey(ResponseLink, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decision = models.CharField(max_length=20, choices=Decision.choices)
    reasons = models.TextField()
    responder_name = models.CharField(max_length=200, blank=True)
    received_at = models.DateTimeField(default=timezone.now)
    channel = models.CharField(max_length=10, choices=ResponseChannel.choices, default=ResponseChannel.LINK)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The staff member who recorded it on the addressee's behalf (empty when it came by link).",
    )

    class Meta:
        ordering = ["received_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_decision_display()}: {self.recommendation}"

    @property
    def decided(self) -> str:
        """What was decided, as it reads after the event: "Accepted", "Partly accepted", "Declined"."""
        return str(RecommendationStatus(self.decision).label)

    @property
    def came(self) -> str:
        """How it came, as a phrase: "through their link", "by e-mail", "in a meeting"."""
        return CAME[ResponseChannel(self.channel)]


CAME = {
    ResponseChannel.LINK: "through their link",
    ResponseChannel.EMAIL: "by e-mail",
    ResponseChannel.LETTER: "by letter",
    ResponseChannel.MEETING: "in a meeting",
    ResponseChannel.PHONE: "by phone",
}


class CommitmentStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"


class Commitment(models.Model):
    """An action the organisation commits to, with an owner and a date."""

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="commitments")
    response = models.ForeignKey(Response, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions")
    action = models.TextField()
    owner = models.CharField(max_length=200)
    due_on = models.DateField()
    status = models.CharField(max_length=20, choices=CommitmentStatus.choices, default=CommitmentStatus.PLANNED)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.action[:60]


class EvidenceKind(models.TextChoices):
    PROGRESS = "progress", "Progress"
    CHANGE = "change", "Evidence of change"


class Evidence(models.Model):
    """Progress on, or evidence of, change: some text, a link, a file (kept through Django's storage)."""

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="evidence")
    commitment = models.ForeignKey(
        Commitment, null=True, blank=True, on_delete=models.SET_NULL, related_name="evidence"
    )
    kind = models.CharField(max_length=20, choices=EvidenceKind.choices, default=EvidenceKind.PROGRESS)
    text = models.TextField()
    url = models.URLField(blank=True)
    file = models.FileField(upload_to="influence/evidence/%Y/%m/", blank=True)
    file_name = models.CharField(max_length=200, blank=True, help_text="The name the file was sent with.")
    submitted_by = models.CharField(max_length=200, blank=True)
    link = models.ForeignKey(ResponseLink, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name_plural = "evidence"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:40]}"
