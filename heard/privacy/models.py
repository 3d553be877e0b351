"""Keeping residents safe: safeguarding flags, redaction decisions, data-sharing agreements and the record of
erasures (which keeps no content)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models


class FlagStatus(models.TextChoices):
    OPEN = "open", "Waiting for a safeguarding lead"
    NO_ACTION = "no_action", "Looked at: no action needed"
    FOLLOWED_UP = "followed_up", "Followed up with the partner"
    REFERRED = "referred", "Referred to safeguarding services"


class WordsUse(models.TextChoices):
    """What a safeguarding lead decided about the resident's words once the flag is dealt with. Until a lead
    decides "may be used", the flagged answer is held back from everything beyond host staff and safeguarding
    leads."""

    REDACTED = "redacted", "May be used outside the host, with personal details removed"
    NEVER = "never", "Never use these words outside the host"


class SafeguardingFlagQuerySet(models.QuerySet["SafeguardingFlag"]):
    def open(self) -> SafeguardingFlagQuerySet:
        return self.filter(status=FlagStatus.OPEN)

    def holding_words_back(self) -> SafeguardingFlagQuerySet:
        """Flags that keep the resident's words inside: still open, or decided without "may be used"."""
        return self.filter(models.Q(status=FlagStatus.OPEN) | ~models.Q(words=WordsUse.REDACTED))


class SafeguardingFlag(models.Model):
    """Free text that suggests a risk of harm, for the host's and the partner's safeguarding leads to look at.
    Heard never acts beyond raising the flag; what people decide is recorded here and in the audit trail."""

    experience = models.ForeignKey("engagement.Experience", on_delete=models.CASCADE, related_name="+")
    answer = models.ForeignKey("engagement.Answer", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30)
    label = models.CharField(max_length=100)
    raised_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=20, choices=FlagStatus.choices, default=FlagStatus.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_notes = models.TextField(blank=True)
    words = models.CharField(
        "Use of the resident's words",
        max_length=20,
        choices=WordsUse.choices,
        blank=True,
        help_text="Blank until a lead decides: the words are held back from every output beyond the host.",
    )

    objects = SafeguardingFlagQuerySet.as_manager()

    class Meta:
        ordering = ["status", "-raised_at"]
        constraints = [models.UniqueConstraint(fields=["experience", "answer", "kind"], name="one_flag_per_concern")]

    def __str__(self) -> str:
        return f"{self.label} (record {self.experience_id})"


class FlagView(models.Model):
    """Who opened a flag, and when: a safeguarding record shows who looked."""

    flag = models.ForeignKey(SafeguardingFlag, on_delete=models.CASCADE, related_name="views")
    viewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    viewed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-viewed_at"]

    def __str__(self) -> str:
        return f"{self.viewer} looked at {self.flag} on {self.viewed_at:%d %b %Y}"


class RedactionDecision(models.Model):
    """A person's decision that a span Heard redacted is not a personal detail (so it is shown after all), or
    that it is. Spans are identified by position and kind in the answer's current text."""

    answer = models.ForeignKey("engagement.Answer", on_delete=models.CASCADE, related_name="redaction_decisions")
    field = models.CharField(max_length=20, default="text", help_text="text or english_text")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    kind = models.CharField(max_length=30)
    keep_visible = models.BooleanField(help_text="True when the person decided this is not a personal detail.")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["answer", "field", "start", "end"], name="one_decision_per_span")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.start}-{self.end}: {'shown' if self.keep_visible else 'redacted'}"


class SharingScope(models.TextChoices):
    AGGREGATES = "aggregates", "Counts only (small numbers suppressed)"
    DEMOGRAPHICS = "demographics", "Records without free text or postcodes"
    REDACTED_TEXT = "redacted_text", "Records with redacted free text (quotes only with consent)"


class PlaceDetail(models.TextChoices):
    """How finely a record-level export outside the host may say where a resident lives."""

    LOCAL_AUTHORITY = "local_authority", "Local authority (borough) only"
    WARD = "ward", "Ward and local authority"
    POSTCODE_DISTRICT = "postcode_district", "Postcode district, ward and local authority"


MIN_GROUP_SIZE = 5


class DataSharingAgreement(models.Model):
    """What a partner agreed the host may share with others outside it, and for how long."""

    organisation = models.ForeignKey("partners.Organisation", on_delete=models.CASCADE, related_name="agreements")
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    scope = models.CharField(max_length=20, choices=SharingScope.choices, default=SharingScope.AGGREGATES)
    place_detail = models.CharField(
        "Where residents live",
        max_length=20,
        choices=PlaceDetail.choices,
        default=PlaceDetail.LOCAL_AUTHORITY,
        help_text="The finest place a record shared outside the host may carry.",
    )
    min_group_size = models.PositiveSmallIntegerField(
        "Fewest people a shared record may be told apart from",
        default=MIN_GROUP_SIZE,
        validators=[MinValueValidator(MIN_GROUP_SIZE)],
        help_text="k: every combination of community, age, sex, ethnic group, language, place and the other details "
        "someone could know holds at least this many residents in an export for sharing (5 or more).",
    )
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation", "-starts_on"]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.get_scope_display()} from {self.starts_on}"


class ErasureReason(models.TextChoices):
    REQUEST = "request", "The resident asked for their contribution to be erased"
    CONSENT_WITHDRAWN = "consent_withdrawn", "The resident withdrew consent to store it"
    RETENTION = "retention", "The retention period ended"


class Erasure(models.Model):
    """That a contribution was erased: when, why, and the non-identifying facts needed to keep counts that were
    already published consistent. No content, no demographics."""

    project = models.ForeignKey("engagement.Project", on_delete=models.CASCADE, related_name="+")
    partner = models.ForeignKey("partners.Organisation", on_delete=models.SET_NULL, null=True, related_name="+")
    community = models.ForeignKey("partners.Community", on_delete=models.SET_NULL, null=True, related_name="+")
    reference = models.CharField(max_length=20)
    reason = models.CharField(max_length=20, choices=ErasureReason.choices)
    erased_at = models.DateTimeField(auto_now_add=True)
    erased_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-erased_at"]

    def __str__(self) -> str:
        return f"{self.reference} erased ({self.get_reason_display()})"
