"""The story of change (the learning log), Common Standards self-assessments, and the review rhythm."""

from __future__ import annotations

from typing import Final

from django.conf import settings
from django.db import models

# The five Common Standards (City and Hackney's, for the Neighbourhood Programme).
STANDARDS: Final = (
    ("working_together", "Working together"),
    ("social_model", "Social model"),
    ("diversity_inclusion", "Diversity and inclusion"),
    ("community_action", "Community action and empowerment"),
    ("tackling_inequality", "Tackling inequality"),
)
RATINGS: Final = ((1, "1 (not yet)"), (2, "2"), (3, "3"), (4, "4"), (5, "5 (fully)"))


class LearningEntry(models.Model):
    project = models.ForeignKey("engagement.Project", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    outcomes = models.ManyToManyField("governance.ChangeElement", blank=True, related_name="learning_entries")
    happened_on = models.DateField()
    title = models.CharField(max_length=200)
    tried = models.TextField("What we tried")
    happened = models.TextField("What happened", blank=True)
    learned = models.TextField("What we learned", blank=True)
    will_change = models.TextField("What we will change", blank=True)
    went_wrong = models.BooleanField("Something went wrong", default=False)
    shared_with_partners = models.BooleanField(default=False)
    published = models.BooleanField(default=False, help_text="Shown on the public story of change.")

    class Meta:
        ordering = ["-happened_on", "-id"]

    def __str__(self) -> str:
        return self.title


class StandardsAssessment(models.Model):
    """A self-assessment of a project (or one of its activities) against the five Common Standards."""

    project = models.ForeignKey("engagement.Project", on_delete=models.CASCADE, related_name="+")
    activity = models.ForeignKey(
        "engagement.Activity", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assessed_on = models.DateField()

    class Meta:
        ordering = ["-assessed_on", "-id"]

    def __str__(self) -> str:
        return f"Common Standards, {self.assessed_on}"


class StandardRating(models.Model):
    assessment = models.ForeignKey(StandardsAssessment, on_delete=models.CASCADE, related_name="ratings")
    standard = models.CharField(max_length=30, choices=STANDARDS)
    rating = models.PositiveSmallIntegerField(choices=RATINGS)
    evidence = models.TextField(blank=True)
    actions = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["assessment", "standard"], name="one_rating_per_standard")]

    def __str__(self) -> str:
        return f"{self.get_standard_display()}: {self.rating}"


class ReviewSubject(models.TextChoices):
    CHARTER = "charter", "The charter"
    THEORY_OF_CHANGE = "theory_of_change", "The theory of change"
    STRUCTURE = "structure", "The governance structure"


class ReviewDate(models.Model):
    """When a subject is next due for review; `reminded_for` is the due date a reminder was sent for (once)."""

    subject = models.CharField(max_length=20, choices=ReviewSubject.choices, unique=True)
    due_on = models.DateField()
    reminded_for = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.get_subject_display()} due for review on {self.due_on}"


class Review(models.Model):
    subject = models.CharField(max_length=20, choices=ReviewSubject.choices)
    reviewed_on = models.DateField()
    what_changed = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-reviewed_on", "-id"]

    def __str__(self) -> str:
        return f"Review of {self.get_subject_display().lower()} on {self.reviewed_on}"
