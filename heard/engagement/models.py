"""Projects, the activities partners run, and residents' experiences (what one person told us)."""

from __future__ import annotations

import calendar
import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse

from heard.lib import census


class ProjectStatus(models.TextChoices):
    PLANNING = "planning", "Planning"
    HEARING = "hearing", "Hearing from residents"
    UNDERSTANDING = "understanding", "Understanding"
    REPORTING = "reporting", "Reporting"
    INFLUENCING = "influencing", "Influencing"
    CLOSED = "closed", "Closed"


class ProjectQuerySet(models.QuerySet["Project"]):
    def open(self) -> ProjectQuerySet:
        return self.exclude(status=ProjectStatus.CLOSED)


class Project(models.Model):
    """A funded piece of work with its partners and communities."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.PLANNING)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    languages = models.JSONField(default=list, blank=True, help_text="Language codes the project works in.")
    area_codes = models.JSONField(
        default=list, blank=True, help_text="ONS codes of the local authorities the project covers."
    )
    retention_months = models.PositiveIntegerField(
        default=36, help_text="How long residents' contributions are kept after the project ends."
    )
    communities = models.ManyToManyField("partners.Community", blank=True, related_name="projects")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("engagement:project-detail", args=[self.slug])

    def retention_ends_on(self) -> datetime.date | None:
        """The day after which residents' contributions are anonymised: the project's end plus its retention."""
        if self.ends_on is None:
            return None
        months = self.ends_on.month - 1 + self.retention_months
        year, month = self.ends_on.year + months // 12, months % 12 + 1
        day = min(self.ends_on.day, calendar.monthrange(year, month)[1])
        return datetime.date(year, month, day)


class ProjectPartner(models.Model):
    """A partner organisation's part in a project: who it will hear from and how many (its money is in
    heard.funding's Allocation)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="project_partners")
    organisation = models.ForeignKey("partners.Organisation", on_delete=models.PROTECT, related_name="project_roles")
    communities = models.ManyToManyField("partners.Community", blank=True, related_name="+")
    target_people = models.PositiveIntegerField(
        null=True, blank=True, help_text="How many residents the partner agreed to hear from."
    )

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["project", "organisation"], name="one_role_per_partner_per_project")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.project}"


class Method(models.TextChoices):
    SURVEY = "survey", "Survey"
    FOCUS_GROUP = "focus_group", "Focus group"
    INTERVIEW = "interview", "Interview"
    EVENT = "event", "Event"
    MYSTERY_SHOP = "mystery_shop", "Mystery shop"
    STORY = "story", "Story"


class Activity(models.Model):
    """One piece of hearing: a survey round, a focus group, an interview, an event, a mystery shop or a story."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="activities")
    partner = models.ForeignKey("partners.Organisation", on_delete=models.PROTECT, related_name="activities")
    community = models.ForeignKey(
        "partners.Community", null=True, blank=True, on_delete=models.SET_NULL, related_name="activities"
    )
    method = models.CharField(max_length=20, choices=Method.choices)
    title = models.CharField(max_length=200)
    held_on = models.DateField()
    languages = models.JSONField(default=list, blank=True)
    people_count = models.PositiveIntegerField(
        default=0, help_text="How many people took part (including those who gave no individual record)."
    )
    location = models.CharField(max_length=200, blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "title"]
        verbose_name_plural = "activities"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("engagement:activity-detail", args=[self.pk])

    def language_labels(self) -> list[str]:
        return [census.label(census.LANGUAGES, code) for code in self.languages]


class Channel(models.TextChoices):
    PARTNER_RETURN = "partner_return", "Partner return (spreadsheet)"
    ENTERED_BY_PARTNER = "entered_by_partner", "Entered by a partner"
    ENTERED_BY_STAFF = "entered_by_staff", "Entered by host staff"
    ONLINE = "online", "Resident online"


class ConsentMethod(models.TextChoices):
    VERBAL = "verbal", "Verbal, recorded by the partner"
    WRITTEN = "written", "Written (paper form)"
    ONLINE = "online", "Online form"


# The Census 2021 questions every contribution may answer, and its consent, in the order forms and files use.
DEMOGRAPHIC_FIELDS = (
    "age_band",
    "sex",
    "gender_identity",
    "ethnic_group",
    "disability",
    "main_language",
    "english_proficiency",
)
CONSENT_FIELDS = ("consent_store", "consent_quote", "consent_contact")


# Records whose words may be quoted (the dashboard counts them inside one GROUP BY with this same rule).
QUOTABLE = models.Q(consent_store=True, consent_quote=True)


# The columns the project dashboard counts by (heard.engagement.stats), carried in the record list's indexes.
# The columns the theme table groups records by (heard.analysis.tables.DIMENSIONS), and the partner it scopes by.
GROUP_COLUMNS = ["partner", "community", "activity", "age_band", "sex", "ethnic_group", "disability", "main_language"]
DASHBOARD_COLUMNS = ["community", "activity", "consent_store", "consent_quote", "consent_method", "main_language"]


class ExperienceQuerySet(models.QuerySet["Experience"]):
    def quotable(self) -> ExperienceQuerySet:
        return self.filter(QUOTABLE)

    def contactable(self) -> ExperienceQuerySet:
        return self.filter(consent_store=True, consent_contact=True)


class Experience(models.Model):
    """One resident's contribution: their answers, their words, who they are (Census 2021 categories), where
    they live, what they consented to, and where it came from."""

    # Indexes are kept to those queries use: every write of a resident's record pays for each one (see
    # docs/performance.md). The project has no index of its own: the composite indexes below start with it.
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="experiences", db_index=False)
    partner = models.ForeignKey("partners.Organisation", on_delete=models.PROTECT, related_name="experiences")
    activity = models.ForeignKey(Activity, null=True, blank=True, on_delete=models.SET_NULL, related_name="experiences")
    community = models.ForeignKey(
        "partners.Community", null=True, blank=True, on_delete=models.SET_NULL, related_name="experiences"
    )
    channel = models.CharField(max_length=30, choices=Channel.choices, default=Channel.ENTERED_BY_PARTNER)
    collected_on = models.DateField()

    age_band = models.CharField(max_length=20, blank=True, choices=census.with_prefer_not_to_say(census.AGE_BANDS))
    sex = models.CharField(max_length=20, blank=True, choices=census.with_prefer_not_to_say(census.SEXES))
    gender_identity = models.CharField(
        max_length=30, blank=True, choices=census.with_prefer_not_to_say(census.GENDER_IDENTITIES)
    )
    ethnic_group = models.CharField(
        max_length=40, blank=True, choices=census.with_prefer_not_to_say(census.ETHNIC_GROUPS_19)
    )
    disability = models.CharField(max_length=30, blank=True, choices=census.with_prefer_not_to_say(census.DISABILITY))
    main_language = models.CharField(max_length=20, blank=True, choices=census.with_prefer_not_to_say(census.LANGUAGES))
    english_proficiency = models.CharField(
        max_length=20, blank=True, choices=census.with_prefer_not_to_say(census.ENGLISH_PROFICIENCY)
    )
    postcode = models.CharField(max_length=10, blank=True, help_text="Never shown publicly.")
    # Not indexed: places are only ever asked about within a project (its index comes first).
    lad_code = models.CharField(max_length=9, blank=True)
    ward_code = models.CharField(max_length=9, blank=True)
    lsoa21_code = models.CharField(max_length=9, blank=True)
    deprivation_decile = models.PositiveSmallIntegerField(null=True, blank=True)

    consent_store = models.BooleanField("Consent to store", default=False)
    consent_quote = models.BooleanField("Consent to quote", default=False)
    consent_contact = models.BooleanField("Consent to be contacted", default=False)
    consent_method = models.CharField(max_length=20, choices=ConsentMethod.choices, blank=True)
    consent_given_on = models.DateField(null=True, blank=True)
    consent_recorded_by = models.CharField(
        max_length=200, blank=True, help_text="Who recorded consent on the resident's behalf."
    )
    contact_details = models.CharField(max_length=300, blank=True, help_text="Only kept with consent to be contacted.")

    consent_withdrawn_on = models.DateField(
        null=True, blank=True, help_text="When the resident withdrew consent to quote or to be contacted."
    )
    anonymised_at = models.DateTimeField(
        null=True, blank=True, help_text="When retention removed what could identify the resident."
    )

    receipt = models.CharField(
        max_length=12,
        null=True,
        blank=True,
        unique=True,
        help_text="The reference a resident was given on the thanks page (like R-7KQ3-M9), to withdraw or erase.",
    )

    source_file = models.CharField(max_length=300, blank=True)
    source_sheet = models.CharField(max_length=100, blank=True)
    source_row = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Not indexed: only deleting an account looks records up by who created them (accounts are deactivated).
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", db_index=False
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ExperienceQuerySet.as_manager()

    class Meta:
        ordering = ["-collected_on", "-id"]
        # The records list pages through (project[, partner], newest first) without sorting; on PostgreSQL the
        # included columns let the dashboard count its figures from the index alone (index-only scan).
        indexes = [
            models.Index(
                fields=["project", "partner", "collected_on", "id"],
                include=DASHBOARD_COLUMNS,
                name="experience_project_partner",
            ),
            models.Index(
                fields=["project", "collected_on", "id"],
                include=["partner", *DASHBOARD_COLUMNS],
                name="experience_project_newest",
            ),
            models.Index(fields=["project", "community"]),
            # The theme table (heard.analysis.theme_counts) reads the records in scope and their groups from this
            # index alone on PostgreSQL: one project's ids with every column it groups by.
            models.Index(fields=["project", "id"], include=GROUP_COLUMNS, name="experience_groups"),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("engagement:experience-detail", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"R-{self.pk:05d}" if self.pk else "R-new"

    def references(self) -> str:
        """Every reference the record can be looked up by: Heard's own, and the one a resident was given."""
        return f"{self.reference} ({self.receipt})" if self.receipt else self.reference

    @property
    def ethnic_group_5(self) -> str | None:
        return census.high_level_group(self.ethnic_group)


class QuestionKind(models.TextChoices):
    FREE_TEXT = "free_text", "Free text"
    SINGLE_CHOICE = "single_choice", "Single choice"
    MULTIPLE_CHOICE = "multiple_choice", "Multiple choice"
    RATING = "rating", "Rating scale"


class Question(models.Model):
    """One of a project's own research questions. Standard demographic and consent questions are fields on
    Experience; these are the rest. `code` is stable: spreadsheet headers carry it."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="questions")
    code = models.SlugField(max_length=60)
    kind = models.CharField(max_length=20, choices=QuestionKind.choices)
    text = models.CharField(max_length=500)
    help_text = models.CharField(max_length=500, blank=True, help_text="A hint residents see under the question.")
    staff_help_text = models.CharField(
        max_length=500, blank=True, help_text="Help for staff and partners recording answers; never shown to residents."
    )
    choices = models.JSONField(default=list, blank=True, help_text='[["code", "Label"], ...]')
    scale_min = models.PositiveSmallIntegerField(default=1)
    scale_max = models.PositiveSmallIntegerField(default=5)
    scale_min_label = models.CharField(
        max_length=80, blank=True, help_text="What the lowest number means, for example “not at all”."
    )
    scale_max_label = models.CharField(
        max_length=80, blank=True, help_text="What the highest number means, for example “very well”."
    )
    translations = models.JSONField(
        default=dict, blank=True, help_text='{"so": {"text": "...", "help_text": "...", "choices": {"code": "label"}}}'
    )
    position = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["project", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "code", "version"], name="question_code_version_unique")
        ]

    def __str__(self) -> str:
        return self.text

    def text_in(self, language: str) -> str:
        return str(self.translations.get(language, {}).get("text") or self.text)

    def missing_in(self, language: str) -> list[str]:
        """What of this question residents would still read in English in `language`: its words, its hint and
        the answers to choose from (by their English words). Empty when it is wholly translated."""
        words = self.translations.get(language) or {}
        missing = [] if str(words.get("text") or "").strip() else ["the question"]
        if self.help_text.strip() and not str(words.get("help_text") or "").strip():
            missing.append("the hint")
        if self.kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE):
            chosen = words.get("choices") or {}
            missing += [f"“{label}”" for code, label in self.choices if not str(chosen.get(str(code)) or "").strip()]
        return missing

    def scale_words(self) -> str:
        """Which end of a rating scale is which ("1 = not at all, 5 = very well"), or the numbers alone when the
        ends have no words."""
        low = f"{self.scale_min} = {self.scale_min_label}" if self.scale_min_label else str(self.scale_min)
        high = f"{self.scale_max} = {self.scale_max_label}" if self.scale_max_label else str(self.scale_max)
        return f"{low}, {high}" if self.scale_min_label or self.scale_max_label else f"{low} to {high}"

    def choice_label(self, code: str) -> str:
        return {str(c): str(label) for c, label in self.choices}.get(code, code)


# The coding grid's sort keys (heard.analysis.views): uncoded first, then the least confident suggestion, answers
# with no suggestion last (answers that are not free text have none either: at the front they would be walked past
# on every page).
GRID_CODED = models.F("is_coded")
GRID_LEAST_CONFIDENT_FIRST = Coalesce(models.F("top_confidence"), models.Value(2.0))


class Answer(models.Model):
    """A resident's answer to one question, in their own words. A translation is kept beside the original,
    never instead of it."""

    # No index of its own: the one-answer-per-question constraint's index starts with the experience.
    experience = models.ForeignKey(Experience, on_delete=models.CASCADE, related_name="answers", db_index=False)
    # Indexed with the record (answer_question_experience below): who answered a question, from the index alone.
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers", db_index=False)
    text = models.TextField(blank=True, help_text="Free text in the resident's words, or the chosen code.")
    choices = models.JSONField(default=list, blank=True, help_text="Codes, for multiple choice.")
    number = models.SmallIntegerField(null=True, blank=True, help_text="For rating scales.")
    language = models.CharField(max_length=10, blank=True)
    language_detected = models.BooleanField(default=False)
    english_text = models.TextField(blank=True)
    translated_by = models.CharField(max_length=200, blank=True)
    # The coding grid's order, kept by heard.analysis.actions whenever codes or suggestions change (refresh_grid_keys):
    # whether anyone has coded the answer, and its most confident suggestion. Stored so that the grid pages
    # through a million answers by an index instead of counting every answer's codes and suggestions.
    is_coded = models.BooleanField(default=False, db_default=False)
    top_confidence = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["question__position", "id"]
        constraints = [models.UniqueConstraint(fields=["experience", "question"], name="one_answer_per_question")]
        indexes = [
            models.Index(GRID_CODED, GRID_LEAST_CONFIDENT_FIRST, models.F("id"), name="answer_grid_order"),
            models.Index(fields=["question", "experience"], name="answer_question_experience"),
        ]

    def __str__(self) -> str:
        return f"{self.question.code}: {self.text[:40]}"

    @property
    def display_text(self) -> str:
        """English where a translation exists, else the original."""
        return self.english_text or self.text

    def value_display(self) -> str:
        """The answer as a person reads it: choice labels rather than codes, a rating out of its scale."""
        question = self.question
        if question.kind == QuestionKind.MULTIPLE_CHOICE:
            return ", ".join(question.choice_label(code) for code in self.choices)
        if question.kind == QuestionKind.SINGLE_CHOICE:
            return question.choice_label(self.text)
        if question.kind == QuestionKind.RATING:
            return f"{self.number} out of {question.scale_max}" if self.number is not None else ""
        return self.text


def _new_token() -> str:
    return secrets.token_urlsafe(12)


# Letters and digits nobody mistakes for each other when reading a reference aloud or copying it from a phone.
RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_receipt() -> str:
    """A short reference that says nothing about the record, such as R-7KQ3-M9 (31^6, about 900 million)."""
    chars = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(6))
    return f"R-{chars[:4]}-{chars[4:]}"


class EntryLink(models.Model):
    """A link (and QR code) residents open to tell a partner what happened, without an account. What they send
    is filed under the link's partner (and community, when set)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="entry_links")
    partner = models.ForeignKey("partners.Organisation", on_delete=models.CASCADE, related_name="entry_links")
    community = models.ForeignKey(
        "partners.Community", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    token = models.CharField(max_length=40, unique=True, default=_new_token)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.partner} link for {self.project}"

    def get_absolute_url(self) -> str:
        return reverse("engagement:public-entry", args=[self.token])


class DataGeneration(models.Model):
    """A project's data generation (project_id 0: every project's): a random token the database replaces in the
    same transaction as any write to what the project's figures count (heard.engagement.generation)."""

    project_id = models.BigIntegerField(primary_key=True)
    token = models.BigIntegerField()

    def __str__(self) -> str:
        return f"project {self.project_id}: {self.token}"
