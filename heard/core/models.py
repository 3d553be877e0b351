"""The one audit trail: every change to resident data or to a decision writes an AuditEvent."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class AuditVerb(models.TextChoices):
    CREATED = "created", "created"
    CHANGED = "changed", "changed"
    DELETED = "deleted", "deleted"
    IMPORTED = "imported", "imported"
    EXPORTED = "exported", "exported"
    VIEWED = "viewed", "viewed"
    SIGNED_IN = "signed_in", "signed in"
    DECIDED = "decided", "decided"
    ERASED = "erased", "erased"
    CONSENT_WITHDRAWN = "consent_withdrawn", "withdrew consent"
    SIGN_IN_FAILED = "sign_in_failed", "failed to sign in"
    TWO_FACTOR_SET_UP = "two_factor_set_up", "set up two-factor sign-in"
    TWO_FACTOR_FAILED = "two_factor_failed", "failed a two-factor check"
    RECOVERY_CODES_MADE = "recovery_codes_made", "made recovery codes"
    QUEUED = "queued", "queued"
    FAILED = "failed", "failed"
    HELD_BACK = "held_back", "held back"
    RELEASED = "released", "released"
    PUBLISHED = "published", "published"
    # The second half of the loop: reports, recommendations, funding and the partnership's learning.
    RESTORED = "restored", "restored"
    SENT = "sent", "sent"
    RESPONDED = "responded", "responded"
    REMINDED = "reminded", "sent a reminder"
    ESCALATED = "escalated", "escalated"
    REVOKED = "revoked", "revoked"
    PAID = "paid", "paid"
    WITHHELD = "withheld", "withheld"
    REALLOCATED = "reallocated", "reallocated"
    CANCELLED = "cancelled", "cancelled"
    SCORED = "scored", "scored"
    APPROVED = "approved", "approved"
    ANSWERED = "answered", "answered"
    REVIEWED = "reviewed", "reviewed"


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def for_target(self, obj: models.Model) -> AuditEventQuerySet:
        return self.filter(target_type=obj._meta.label_lower, target_id=str(obj.pk))


class AuditEvent(models.Model):
    """Who did what, when, to which record; before/after where sensible.

    A private record for host admins: public pages are never built from it. It keeps plain ids rather than
    foreign keys so that it outlives what it describes (an erased record's event stays, without content).
    """

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=200, blank=True, help_text="Who, kept if the account goes.")
    verb = models.CharField(max_length=30, choices=AuditVerb.choices)
    target_type = models.CharField(max_length=100, db_index=True)
    target_id = models.CharField(max_length=64, blank=True)
    target_label = models.CharField(max_length=300, blank=True)
    project_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    organisation_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    summary = models.CharField(max_length=500, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.actor_label or 'system'} {self.get_verb_display()} {self.target_label}"

    @property
    def target_kind(self) -> str:
        """The kind of record in plain words ("Resident's record", not "engagement.experience")."""
        from heard.core.auditlabels import plain_kind

        return plain_kind(self.target_type)

    @property
    def actor_name(self) -> str:
        """Who did it: the person's full name, their username only when they have no name, or the label kept."""
        if self.actor is not None:
            return self.actor.get_full_name() or self.actor.get_username()
        return self.actor_label or "system"

    def changes(self) -> list[tuple[str, Any, Any]]:
        """(field, before, after) for each field whose value differs."""
        before = self.before or {}
        after = self.after or {}
        keys = sorted(set(before) | set(after))
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]


class TaskWorker(models.Model):
    """A running `heard db_worker`: where it runs and when it was last seen (it says so every half a minute,
    even in the middle of a long task). A running task whose worker is no longer seen was lost when the worker
    stopped (killed, restarted, out of memory); `heard.core.sweep` finds it and runs it again or fails it."""

    worker_id = models.CharField(max_length=64, unique=True)
    machine = models.CharField(max_length=200, help_text="Host name and process namespace.")
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField(auto_now_add=True)
    seen_at = models.DateTimeField()

    class Meta:
        ordering = ["started_at"]

    def __str__(self) -> str:
        return f"{self.worker_id} (pid {self.pid} on {self.machine})"
