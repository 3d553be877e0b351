"""The codebook (national themes and a project's own), machine suggestions, and people's coding decisions."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ThemeKind(models.TextChoices):
    CATEGORY = "category", "Category"
    THEME = "theme", "Theme"


class ThemeQuerySet(models.QuerySet["Theme"]):
    def national(self) -> ThemeQuerySet:
        return self.filter(project=None)

    def for_project(self, project_id: int) -> ThemeQuerySet:
        """The national themes and the project's own, themes only (not categories)."""
        return self.filter(models.Q(project=None) | models.Q(project_id=project_id), kind=ThemeKind.THEME)


class Theme(models.Model):
    """A coded topic. National themes (project is empty) come from the national framework; a project may add
    local themes, each optionally mapped to a national theme so evidence adds up across areas."""

    project = models.ForeignKey(
        "engagement.Project", null=True, blank=True, on_delete=models.CASCADE, related_name="themes"
    )
    kind = models.CharField(max_length=10, choices=ThemeKind.choices, default=ThemeKind.THEME)
    name = models.CharField(max_length=200)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="The category this theme sits in.",
    )
    national_theme = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="local_themes",
        help_text="For a local theme: the national theme it adds up to.",
    )
    description = models.TextField(blank=True)
    examples = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)

    objects = ThemeQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["project", "kind", "name"], name="theme_name_unique_in_codebook"),
            models.UniqueConstraint(
                fields=["kind", "name"], condition=models.Q(project=None), name="national_theme_name_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_local(self) -> bool:
        return self.project_id is not None


class Suggestion(models.Model):
    """A machine suggestion: this theme may apply to this answer, with a confidence."""

    answer = models.ForeignKey("engagement.Answer", on_delete=models.CASCADE, related_name="suggestions")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="suggestions")
    confidence = models.FloatField()
    model_version = models.CharField(max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-confidence"]
        constraints = [models.UniqueConstraint(fields=["answer", "theme"], name="one_suggestion_per_theme")]

    def __str__(self) -> str:
        return f"{self.theme} ({self.confidence:.0%})"


class SentimentGroup(models.TextChoices):
    POSITIVE = "positive", "Positive"
    NEUTRAL = "neutral", "Neutral or mixed"
    NEGATIVE = "negative", "Negative"


def sentiment_group(score: int) -> str:
    """1-2 positive, 3 neutral or mixed, 4-5 negative (1 = very positive)."""
    return SentimentGroup.POSITIVE if score <= 2 else SentimentGroup.NEUTRAL if score == 3 else SentimentGroup.NEGATIVE


class AnswerSentiment(models.Model):
    """How an answer feels, 1 (very positive) to 5 (very negative): suggested, and corrected by a person. Also
    where the suggester notes that it could not read the words (needs_person)."""

    answer = models.OneToOneField("engagement.Answer", on_delete=models.CASCADE, related_name="sentiment")
    suggested = models.PositiveSmallIntegerField(null=True, blank=True)
    decided = models.PositiveSmallIntegerField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    model_version = models.CharField(max_length=40, blank=True)
    needs_person = models.BooleanField(
        default=False,
        help_text="The model cannot read the words (not English, no English translation): neither a theme nor a "
        "sentiment is suggested, and a person codes the answer.",
    )

    def __str__(self) -> str:
        return f"{self.score}"

    @property
    def score(self) -> int | None:
        return self.decided or self.suggested

    @property
    def group(self) -> str | None:
        return sentiment_group(self.score) if self.score else None


class CodeSource(models.TextChoices):
    SUGGESTION = "suggestion", "Accepted a suggestion"
    MANUAL = "manual", "Added by a person"


class Code(models.Model):
    """One person's decision that a theme does (applied) or does not apply to an answer. Each coder has their own
    row, so two coders' decisions on a sample can be compared (Cohen's kappa)."""

    answer = models.ForeignKey("engagement.Answer", on_delete=models.CASCADE, related_name="codes")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="codes")
    coder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="codes")
    applied = models.BooleanField()
    source = models.CharField(max_length=20, choices=CodeSource.choices, default=CodeSource.MANUAL)
    coded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-coded_at"]
        constraints = [models.UniqueConstraint(fields=["answer", "theme", "coder"], name="one_code_per_coder")]
        indexes = [models.Index(fields=["answer", "applied"])]

    def __str__(self) -> str:
        return f"{self.theme} {'applies' if self.applied else 'does not apply'} ({self.coder})"


class LocalThemeEvaluation(models.Model):
    """How much retraining on people's codes improves suggestions of a project's local themes, measured on coded
    answers held out of training (k-fold), against the national model's mapped national theme."""

    project = models.ForeignKey("engagement.Project", on_delete=models.CASCADE, related_name="+")
    measured_at = models.DateTimeField(auto_now_add=True)
    answers = models.PositiveIntegerField()
    folds = models.PositiveSmallIntegerField()
    results = models.JSONField(help_text='[{"theme": ..., "examples": n, "before_f1": x, "after_f1": y}]')

    class Meta:
        ordering = ["-measured_at"]

    def __str__(self) -> str:
        return f"Local themes measured {self.measured_at:%d %b %Y}"


DEFAULT_SUGGESTION_THRESHOLD = 0.6


class CodingSettings(models.Model):
    """How a project's coding grid treats machine suggestions; host staff set it on the codebook page."""

    project = models.OneToOneField("engagement.Project", on_delete=models.CASCADE, related_name="coding_settings")
    suggestion_threshold = models.FloatField(
        default=DEFAULT_SUGGESTION_THRESHOLD,
        help_text="A suggestion below this confidence (0 to 1) is never pre-selected, and 'accept' keys leave it.",
    )

    def __str__(self) -> str:
        return f"Coding settings for {self.project}"


class AnswerTheme(models.Model):
    """The theme summary: one row per answer x theme that currently applies (people's latest decision says so, or
    the machine suggests it), with the answer's record, project, question and sentiment score copied on, so the
    theme table counts a few indexed rows. Kept by database triggers on codes, suggestions and sentiment
    (heard.analysis.summary); never written by the application."""

    answer = models.ForeignKey("engagement.Answer", on_delete=models.CASCADE, related_name="+", db_index=False)
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="+", db_index=False)
    experience = models.ForeignKey("engagement.Experience", on_delete=models.CASCADE, related_name="+")
    project = models.ForeignKey("engagement.Project", on_delete=models.CASCADE, related_name="+", db_index=False)
    question = models.ForeignKey("engagement.Question", on_delete=models.CASCADE, related_name="+", db_index=False)
    coded = models.BooleanField()  # people's latest decision says the theme applies
    suggested = models.BooleanField()  # the machine suggests it
    score = models.PositiveSmallIntegerField(null=True)  # the answer's sentiment, 1 (very positive) to 5

    class Meta:
        constraints = [models.UniqueConstraint(fields=["answer", "theme"], name="one_summary_row_per_answer_theme")]
        indexes = [
            # The theme table's GROUP BY reads a project's rows from this index alone (PostgreSQL: INCLUDE), and
            # each theme's first quotes are a walk of it in the answers' order.
            models.Index(
                fields=["project", "theme", "question", "answer"],
                include=["experience", "coded", "suggested", "score"],
                name="answer_theme_project",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.theme_id} applies to answer {self.answer_id}"


class ThemeGeneration(models.Model):
    """Which of a project's themes changed: a random token per (project, theme) that the database replaces in the
    same transaction as any code, suggestion or sentiment that touches the theme's summary rows (theme 0: the
    project's sentiment). The themes page keeps each theme's counts with the token they were counted at and
    recounts only the themes whose token moved (heard.analysis.theme_generation, decision record 0011). Plain
    numbers, not keys: written only by the triggers, never by the application."""

    project_id = models.BigIntegerField()
    theme_id = models.BigIntegerField()
    token = models.BigIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project_id", "theme_id"], name="one_generation_per_theme")]

    def __str__(self) -> str:
        return f"project {self.project_id}, theme {self.theme_id}: {self.token}"
