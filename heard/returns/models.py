"""Partner returns: each uploaded file, the rows it brought in (with a content hash, so the same row is never
stored twice) and the remembered column mappings for files that are not Heard templates."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ColumnMapping(models.Model):
    """How a partner's own spreadsheet (or a KoboToolbox, ODK, Microsoft Forms, Google Forms or SmartSurvey
    export) maps onto Heard: {"their header": "heard column code"}. A code of "" means "leave this column out",
    on purpose.

    A mapping belongs to one organisation: a partner's is private to that partner; the host's (no organisation)
    is shared with every partner. Names are unique within an organisation, so two partners may both have a
    "kobo-survey" without touching each other's."""

    organisation = models.ForeignKey(
        "partners.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="column_mappings",
        help_text="The partner it belongs to; empty for the host's mappings, which every partner may use.",
    )
    name = models.SlugField(max_length=80)
    description = models.CharField(max_length=300, blank=True)
    mapping = models.JSONField(default=dict, help_text='{"Their header": "age_band", "Q3 comments": "q3", ...}')
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"],
                condition=models.Q(organisation__isnull=False),
                name="column_mapping_name_unique_per_partner",
            ),
            models.UniqueConstraint(
                fields=["name"], condition=models.Q(organisation__isnull=True), name="column_mapping_name_unique_host"
            ),
        ]

    def __str__(self) -> str:
        return self.name if self.organisation_id else f"{self.name} (shared)"

    @property
    def is_shared(self) -> bool:
        return self.organisation_id is None

    def lookup(self) -> dict[str, str]:
        return {" ".join(str(k).casefold().split()): str(v) for k, v in (self.mapping or {}).items()}


class UploadStatus(models.TextChoices):
    UPLOADED = "uploaded", "Uploaded"
    CHECKING = "checking", "Checking"
    PROBLEMS = "problems", "Has problems"
    READY = "ready", "Ready to confirm"
    IMPORTING = "importing", "Importing"
    IMPORTED = "imported", "Imported"
    FAILED = "failed", "Failed"


class ReturnUpload(models.Model):
    """One file a partner (or staff on their behalf) sent back for a project."""

    project = models.ForeignKey("engagement.Project", on_delete=models.CASCADE, related_name="return_uploads")
    partner = models.ForeignKey("partners.Organisation", on_delete=models.PROTECT, related_name="return_uploads")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    file_name = models.CharField(max_length=300)
    file = models.FileField(upload_to="returns/%Y/%m/", blank=True)
    sheet = models.CharField(max_length=100, blank=True)
    mapping = models.ForeignKey(ColumnMapping, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=20, choices=UploadStatus.choices, default=UploadStatus.UPLOADED)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list, blank=True, help_text="Plain-language problems (the first 1,000).")
    problem_count = models.PositiveIntegerField(default=0)
    unmapped = models.JSONField(default=list, blank=True)
    summary = models.JSONField(default=dict, blank=True, help_text="Additions, changes, removals and unchanged rows.")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(
        null=True, blank=True, help_text="When the latest check or import began (or was queued)."
    )
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.partner})"

    @property
    def percent_done(self) -> int:
        if not self.rows_total:
            return 0
        return min(100, round(100 * self.rows_done / self.rows_total))

    @property
    def is_running(self) -> bool:
        return self.status in RUNNING


# Statuses of an upload that something is (or should be) working on.
RUNNING = (UploadStatus.UPLOADED, UploadStatus.CHECKING, UploadStatus.IMPORTING)


class ImportedRow(models.Model):
    """Where one resident's record came from: the file, sheet and row, and a hash of the row's normalised content
    (so re-importing the same row, even from a re-saved file, adds nothing)."""

    upload = models.ForeignKey(ReturnUpload, on_delete=models.CASCADE, related_name="rows")
    experience = models.OneToOneField("engagement.Experience", on_delete=models.CASCADE, related_name="imported_row")
    # No index of their own: the composite index below starts with project and partner (and serves both the
    # "every hash this partner sent" and "the rows this file brought" look-ups).
    project = models.ForeignKey("engagement.Project", on_delete=models.CASCADE, related_name="+", db_index=False)
    partner = models.ForeignKey("partners.Organisation", on_delete=models.PROTECT, related_name="+", db_index=False)
    file_name = models.CharField(max_length=300)
    sheet = models.CharField(max_length=100, blank=True)
    row_number = models.PositiveIntegerField()
    content_hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["file_name", "sheet", "row_number"]
        indexes = [models.Index(fields=["project", "partner", "file_name"])]

    def __str__(self) -> str:
        return f"{self.file_name} row {self.row_number}"
