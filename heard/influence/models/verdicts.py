"""Residents' verdicts: after taking part, did people feel heard, and did anything change?

A verdict holds four short answers and where it came from (the partner who collected it, the community, the
channel); never a name, contact details or free text, so it is not a resident's record and no one can be found from
it. Counts of verdicts are shown through the aggregate-scope rule like any other count of residents.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class Listened(models.TextChoices):
    YES = "yes", _("Yes")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")


class SawChange(models.TextChoices):
    YES = "yes", _("Yes")
    NOT_YET = "not_yet", _("Not yet")
    NO = "no", _("No")


class Again(models.TextChoices):
    YES = "yes", _("Yes")
    MAYBE = "maybe", _("Maybe")
    NO = "no", _("No")


class Influence(models.TextChoices):
    MORE = "more", _("More able (empowered)")
    SAME = "same", _("No different")
    LESS = "less", _("Less able (disempowered)")


class VerdictChannel(models.TextChoices):
    ONLINE = "online", "Online, from a link or QR code"
    PARTNER = "partner", "Entered by a partner"
    IMPORTED = "imported", "Imported from a spreadsheet"


# The questions in the order residents see them: (field, question, its choices).
QUESTIONS: list[tuple[str, StrOrPromise, type[models.TextChoices]]] = [
    ("listened", _("Did you feel listened to?"), Listened),
    ("saw_change", _("Have you seen anything change because of what people said?"), SawChange),
    ("again", _("Would you take part again?"), Again),
    (
        "influence",
        _("Has taking part left you feeling more or less able to influence things?"),
        Influence,
    ),
]


class Verdict(models.Model):
    """One resident's verdict on a project (and a community, or a recommendation, when the link or sheet says)."""

    project = models.ForeignKey("engagement.Project", on_delete=models.CASCADE, related_name="verdicts")
    partner = models.ForeignKey(
        "partners.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="verdicts",
        help_text="The partner who asked: its members count its own verdicts only.",
    )
    community = models.ForeignKey(
        "partners.Community", null=True, blank=True, on_delete=models.SET_NULL, related_name="verdicts"
    )
    recommendation = models.ForeignKey(
        "influence.Recommendation", null=True, blank=True, on_delete=models.SET_NULL, related_name="verdicts"
    )
    listened = models.CharField(max_length=10, blank=True, choices=Listened.choices)
    saw_change = models.CharField(max_length=10, blank=True, choices=SawChange.choices)
    again = models.CharField(max_length=10, blank=True, choices=Again.choices)
    influence = models.CharField(max_length=10, blank=True, choices=Influence.choices)
    channel = models.CharField(max_length=10, choices=VerdictChannel.choices)
    language = models.CharField(max_length=10, blank=True, help_text="The language the questions were shown in.")
    given_on = models.DateField()
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_file = models.CharField(max_length=300, blank=True)
    source_row = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-given_on", "-pk"]
        indexes = [models.Index(fields=["project", "community"]), models.Index(fields=["project", "partner"])]

    def __str__(self) -> str:
        return f"Verdict {self.pk} on {self.project_id}"


def _new_token() -> str:
    return secrets.token_urlsafe(12)


class VerdictLink(models.Model):
    """A link (and QR code) residents open to give their verdict on a phone, without an account. What they send is
    filed under the link's partner (and community and recommendation, when set)."""

    project = models.ForeignKey("engagement.Project", on_delete=models.CASCADE, related_name="verdict_links")
    partner = models.ForeignKey("partners.Organisation", on_delete=models.CASCADE, related_name="verdict_links")
    community = models.ForeignKey(
        "partners.Community", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recommendation = models.ForeignKey(
        "influence.Recommendation", null=True, blank=True, on_delete=models.SET_NULL, related_name="verdict_links"
    )
    token = models.CharField(max_length=40, unique=True, default=_new_token)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.partner} verdict link for {self.project}"

    def get_absolute_url(self) -> str:
        return reverse("influence:verdict-public", args=[self.token])
