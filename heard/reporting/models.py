"""The Report: one per project, its sections with versioned narratives and chosen quotes, its structured
recommendations, and the versions published (frozen, with a permanent link).

A draft changes as staff edit it; a `PublishedReport` never does: it holds the documents as they were rendered
for the public (protected counts, no provenance), so later edits to the draft cannot reach its public page.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse


class Report(models.Model):
    """A project's overarching report, as a draft staff edit."""

    project = models.OneToOneField("engagement.Project", on_delete=models.CASCADE, related_name="report")
    title = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reporting:report", args=[self.project.slug])

    @property
    def latest_published(self) -> PublishedReport | None:
        return self.published_versions.order_by("-number").first()


class SectionKind(models.TextChoices):
    SUMMARY = "summary", "Summary"
    HOW_WE_LISTENED = "how_we_listened", "How we listened"
    WHO_WE_HEARD = "who_we_heard", "Who we heard from"
    COMMUNITY = "community", "A community's voice"
    CROSS_CUTTING = "cross_cutting", "Across every community"
    RECOMMENDATIONS = "recommendations", "Recommendations"
    NEXT_STEPS = "next_steps", "Next steps"
    THANKS = "thanks", "Thank you"
    NOTES_ON_DATA = "notes_on_data", "Notes on data, methods and attribution"


class ReportSection(models.Model):
    """One section of the report. Community sections have one per community of the project."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sections")
    kind = models.CharField(max_length=20, choices=SectionKind.choices)
    community = models.ForeignKey(
        "partners.Community", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    heading = models.CharField(max_length=200)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["report", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "kind", "community"], name="one_section_per_kind_and_community"),
            models.UniqueConstraint(
                fields=["report", "kind"], condition=models.Q(community=None), name="one_section_per_kind"
            ),
        ]

    def __str__(self) -> str:
        return self.heading

    @property
    def current(self) -> SectionVersion | None:
        """The narrative as it stands: the latest version."""
        versions = getattr(self, "_prefetched_objects_cache", {}).get("versions")
        if versions is not None:
            return max(versions, key=lambda v: (v.number, v.pk), default=None)
        return self.versions.order_by("-number").first()

    @property
    def narrative(self) -> str:
        current = self.current
        return current.text if current else ""


class SectionVersion(models.Model):
    """One saved state of a section's narrative. Never changed: an edit, an autosave or a restore adds one."""

    section = models.ForeignKey(ReportSection, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    text = models.TextField(blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    autosaved = models.BooleanField(default=False, help_text="Saved as a draft while typing.")
    restored_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", help_text="A restore copies this."
    )

    class Meta:
        ordering = ["section", "-number"]
        constraints = [models.UniqueConstraint(fields=["section", "number"], name="one_section_version_number")]

    def __str__(self) -> str:
        return f"{self.section} v{self.number}"


class ChosenQuote(models.Model):
    """A resident's answer chosen for a section, in order. Checked again against `privacy.outputs.quotable_answers`
    every time the report is rendered: a withdrawn consent or a new safeguarding flag takes it out."""

    section = models.ForeignKey(ReportSection, on_delete=models.CASCADE, related_name="quotes")
    answer = models.ForeignKey("engagement.Answer", on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField(default=0)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    chosen_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["section", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["section", "answer"], name="quote_chosen_once_per_section")]

    def __str__(self) -> str:
        return f"Quote {self.answer_id} in {self.section}"


class Priority(models.TextChoices):
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


class ReportRecommendation(models.Model):
    """One recommendation of the report, addressed to an organisation (a commissioner, a provider...). Influence
    turns these into tracked records with responses; keep this model simple and stable."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="recommendations")
    title = models.CharField(max_length=200)
    text = models.TextField(blank=True, help_text="What should change, and why, in plain words.")
    addressed_to = models.ForeignKey("partners.Organisation", on_delete=models.PROTECT, related_name="+")
    addressed_to_person = models.ForeignKey(
        "partners.Contact",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who at the organisation it goes to (never shown in the report itself).",
    )
    priority = models.CharField(max_length=10, choices=Priority.choices, default=Priority.MEDIUM)
    themes = models.ManyToManyField("analysis.Theme", blank=True, related_name="+")
    communities = models.ManyToManyField("partners.Community", blank=True, related_name="+")
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["report", "position", "id"]

    def __str__(self) -> str:
        return self.title


def _new_slug() -> str:
    return secrets.token_urlsafe(9)


class PublishedReport(models.Model):
    """A published version: frozen. `documents` holds what was rendered for the public (the report, its plain
    summary and its Easy Read version, as `heard.reporting.snapshot` JSON); nothing here changes afterwards."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="published_versions")
    number = models.PositiveIntegerField()
    slug = models.SlugField(max_length=40, unique=True, default=_new_slug)
    title = models.CharField(max_length=200)
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    documents = models.JSONField(help_text='{"report": {...}, "plain": {...}, "easy_read": {...}}')
    findings = models.JSONField(default=list, blank=True, help_text="Plain-language findings listed at publishing.")

    class Meta:
        ordering = ["report", "-number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="one_published_number")]

    def __str__(self) -> str:
        return f"{self.title} (version {self.number})"

    def get_absolute_url(self) -> str:
        return reverse("reporting:public", args=[self.slug])
