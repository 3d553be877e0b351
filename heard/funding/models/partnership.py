"""Who does what across the partnership (tasks with owners, dates and status) and partnership agreements
(a template the host edits, versions made from it for each partner, and signed copies).

`PartnershipTask` is general: a task from a governance meeting's actions can join it later with `source`.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

__all__ = [
    "Agreement",
    "AgreementTemplate",
    "PartnershipTask",
    "SignedCopy",
    "TaskKind",
    "TaskStatus",
]


class TaskKind(models.TextChoices):
    PROJECT_MANAGEMENT = "project_management", "Project management"
    RESEARCH_TOOLS = "research_tools", "Research questions and recording tools"
    BRIEFING = "briefing", "Briefing partners"
    QUERIES = "queries", "Answering queries"
    SURVEYS = "surveys", "Surveys"
    ENGAGEMENT = "engagement", "Hearing from residents"
    ANALYSIS = "analysis", "Analysis"
    REPORTING = "reporting", "Reporting"
    PRESENTING = "presenting", "Presenting to commissioners"
    OTHER = "other", "Other"


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    WAITING = "waiting", "Waiting on someone"
    DONE = "done", "Done"


class PartnershipTask(models.Model):
    """One piece of the partnership's work, owned by an organisation, a person, or both (a person in it)."""

    project = models.ForeignKey("engagement.Project", on_delete=models.CASCADE, related_name="partnership_tasks")
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=TaskKind.choices, default=TaskKind.OTHER)
    owner_organisation = models.ForeignKey(
        "partners.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="partnership_tasks"
    )
    owner_person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="partnership_tasks"
    )
    starts_on = models.DateField(null=True, blank=True)
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED)
    notes = models.TextField(blank=True)
    source = models.CharField(
        max_length=40, blank=True, help_text="Where the task came from, e.g. a meeting's actions (blank: planned)."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(owner_organisation__isnull=False) | Q(owner_person__isnull=False), name="task_has_an_owner"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("funding:task-edit", args=[self.pk])

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or datetime.date.today()
        return self.status != TaskStatus.DONE and self.due_on is not None and self.due_on < today

    @property
    def owner_label(self) -> str:
        if self.owner_person and self.owner_organisation:
            return f"{self.owner_person.get_full_name() or self.owner_person} ({self.owner_organisation})"
        if self.owner_person:
            return self.owner_person.get_full_name() or str(self.owner_person)
        return str(self.owner_organisation)


class AgreementTemplate(models.Model):
    """The partnership agreement's words, with placeholders like {{ partner.name }} filled in for each partner.

    Lines starting "# " are headings, lines starting "- " are bullet points, blank lines separate paragraphs.
    """

    name = models.CharField(max_length=200, default="Partnership agreement")
    body = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class Agreement(models.Model):
    """One version of a partner's agreement for a project: the words as made, kept as they were."""

    project = models.ForeignKey("engagement.Project", on_delete=models.CASCADE, related_name="agreements")
    organisation = models.ForeignKey(
        "partners.Organisation", on_delete=models.PROTECT, related_name="partnership_agreements"
    )
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    body = models.TextField(help_text="The template filled in, as it was when this version was made.")
    figures = models.JSONField(default=dict, help_text="The figures filled in (allocation, holdback).")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["project__name", "organisation__name", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["project", "organisation", "version"], name="one_agreement_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.title}: {self.organisation}, version {self.version}"

    def get_absolute_url(self) -> str:
        return reverse("funding:agreement-detail", args=[self.pk])


def signed_upload_to(instance: models.Model, filename: str) -> str:
    return f"agreements/{datetime.date.today():%Y/%m}/{filename}"


class SignedCopy(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="signed_copies")
    file = models.FileField(upload_to=signed_upload_to, max_length=300)
    file_name = models.CharField(max_length=200)
    signed_on = models.DateField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-signed_on", "-pk"]
        verbose_name_plural = "signed copies"

    def __str__(self) -> str:
        return f"Signed copy of {self.agreement} ({self.signed_on})"
