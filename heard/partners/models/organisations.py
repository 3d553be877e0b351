"""Organisations (the host, partners, commissioners, providers, other stakeholders), their contacts, and the
communities Heard's partnership works with."""

from __future__ import annotations

from django.db import models
from django.urls import reverse

__all__ = [
    "TURNOVER_ORDER",
    "Community",
    "Contact",
    "Organisation",
    "OrganisationKind",
    "OrganisationQuerySet",
    "Sector",
    "TurnoverBand",
]


class OrganisationKind(models.TextChoices):
    HOST = "host", "Host organisation"
    PARTNER = "partner", "Partner"
    COMMISSIONER = "commissioner", "Commissioner"
    PROVIDER = "provider", "Provider"
    STAKEHOLDER = "stakeholder", "Other stakeholder"


class Sector(models.TextChoices):
    COMMUNITY = "community", "Community or voluntary group"
    FAITH = "faith", "Faith group"
    NHS = "nhs", "NHS"
    COUNCIL = "council", "Council"
    HOUSING = "housing", "Housing"
    SCHOOL = "school", "School or college"
    OTHER = "other", "Other"


class TurnoverBand(models.TextChoices):
    UNDER_10K = "under_10k", "Under £10,000"
    UNDER_100K = "10k_100k", "£10,000 to £100,000"
    UNDER_500K = "100k_500k", "£100,000 to £500,000"
    UNDER_1M = "500k_1m", "£500,000 to £1 million"
    OVER_1M = "over_1m", "Over £1 million"


# Smaller partners first (the selection's "turnover" criterion): a band's place in this list, smallest first.
TURNOVER_ORDER = list(TurnoverBand.values)


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def partners(self) -> OrganisationQuerySet:
        return self.filter(kind=OrganisationKind.PARTNER)

    def host(self) -> Organisation | None:
        return self.filter(kind=OrganisationKind.HOST).first()


class Organisation(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices, default=OrganisationKind.PARTNER)
    sector = models.CharField(max_length=20, choices=Sector.choices, default=Sector.COMMUNITY)
    description = models.TextField(blank=True, help_text="What the organisation does, in a sentence or two.")
    website = models.URLField(blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    address = models.CharField(max_length=300, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    privacy_contact = models.CharField(
        "Data protection officer",
        max_length=300,
        blank=True,
        help_text="The host's data protection officer and how to reach them (name, email or phone). Residents' "
        "privacy notice gives it, with the host's email, phone and address.",
    )
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    annual_income = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, help_text="Helps prioritise smaller partners."
    )
    communities: models.ManyToManyField[Community, Community] = models.ManyToManyField(
        "Community", blank=True, related_name="organisations"
    )
    languages = models.JSONField(default=list, blank=True, help_text="Languages the organisation works in.")
    areas = models.CharField(
        max_length=300, blank=True, help_text="Areas it works in, in its own words (wards, estates, boroughs)."
    )
    turnover_band = models.CharField(max_length=20, choices=TurnoverBand.choices, blank=True)
    staff = models.PositiveIntegerField(null=True, blank=True, help_text="Paid staff (people, not full-time posts).")
    volunteers = models.PositiveIntegerField(null=True, blank=True)
    charity_number = models.CharField(max_length=20, blank=True)
    company_number = models.CharField(max_length=20, blank=True)
    connected = models.BooleanField(
        default=True, help_text="Already connected to the partnership (for the stakeholder map)."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partners:organisation-detail", args=[self.slug])


class Contact(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    is_safeguarding_lead = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


class Community(models.Model):
    """A community of interest or identity the partnership hears from, in its own words
    (e.g. "Somali-speaking residents", "Deaf BSL users")."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    languages = models.JSONField(default=list, blank=True, help_text="Language codes the community uses.")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "communities"

    def __str__(self) -> str:
        return self.name
