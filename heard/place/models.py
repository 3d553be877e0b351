"""Place data a user has loaded beyond what Heard ships (heard/place/data/), and the record of what is loaded.

The shipped files are read straight from the package; these tables hold what `heard place-import` adds, and
lookups consult them after the shipped data.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class DatasetKind(models.TextChoices):
    POSTCODES = "postcodes", "Postcodes"
    CENSUS = "census", "Census 2021 counts"
    DEPRIVATION = "deprivation", "Indices of Deprivation by LSOA"
    AREAS = "areas", "Area names"
    BOUNDARIES = "boundaries", "Ward boundaries"


class PlaceDataset(models.Model):
    """One loaded file: what it is, where it came from, its licence and the attribution to show with it."""

    kind = models.CharField(max_length=20, choices=DatasetKind.choices)
    name = models.CharField(max_length=200)
    file_name = models.CharField(max_length=300, blank=True)
    source = models.CharField(max_length=500, blank=True, help_text="Publisher and edition.")
    licence = models.CharField(max_length=200, default="Open Government Licence v3.0")
    attribution = models.TextField(blank=True)
    published_on = models.DateField(null=True, blank=True, help_text="When the publisher released the data.")
    rows = models.PositiveIntegerField(default=0)
    loaded_at = models.DateTimeField(auto_now_add=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-loaded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"


class ImportedPostcode(models.Model):
    postcode = models.CharField(max_length=8, unique=True, help_text='Standard form, "N1 9AR".')
    status = models.CharField(max_length=1, choices=[("L", "live"), ("T", "terminated")], default="L")
    lat = models.FloatField(null=True, blank=True)
    long = models.FloatField(null=True, blank=True)
    lad_code = models.CharField(max_length=9, blank=True)
    ward_code = models.CharField(max_length=9, blank=True)
    lsoa11_code = models.CharField(max_length=9, blank=True)
    lsoa21_code = models.CharField(max_length=9, blank=True)
    imd2019_decile = models.PositiveSmallIntegerField(null=True, blank=True)
    iod2025_decile = models.PositiveSmallIntegerField(null=True, blank=True)
    dataset = models.ForeignKey(PlaceDataset, on_delete=models.CASCADE, related_name="postcodes")

    def __str__(self) -> str:
        return self.postcode


class ImportedArea(models.Model):
    """A local authority, ward or LSOA name."""

    code = models.CharField(max_length=9, unique=True)
    kind = models.CharField(max_length=10)
    name = models.CharField(max_length=200)
    parent_code = models.CharField(max_length=9, blank=True)
    dataset = models.ForeignKey(PlaceDataset, on_delete=models.CASCADE, related_name="areas")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class ImportedCount(models.Model):
    """Census residents in one group of one dimension for one area (the long format of the shipped files)."""

    area_code = models.CharField(max_length=9)
    dimension = models.CharField(max_length=30)
    group = models.CharField(max_length=40)
    count = models.PositiveIntegerField()
    dataset = models.ForeignKey(PlaceDataset, on_delete=models.CASCADE, related_name="counts")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["area_code", "dimension", "group"], name="one_count_per_area_group")
        ]

    def __str__(self) -> str:
        return f"{self.area_code} {self.dimension} {self.group}: {self.count}"


class ImportedLsoa(models.Model):
    """An LSOA 2021 with its deprivation decile (IoD 2025) and, where known, its ward and population."""

    lsoa21_code = models.CharField(max_length=9, unique=True)
    lad_code = models.CharField(max_length=9, blank=True)
    ward_code = models.CharField(max_length=9, blank=True)
    population = models.PositiveIntegerField(null=True, blank=True)
    iod2025_decile = models.PositiveSmallIntegerField()
    iod2025_rank = models.PositiveIntegerField(null=True, blank=True)
    dataset = models.ForeignKey(PlaceDataset, on_delete=models.CASCADE, related_name="lsoas")

    def __str__(self) -> str:
        return self.lsoa21_code


class ImportedBoundary(models.Model):
    """Ward boundaries (a GeoJSON FeatureCollection in WGS84) for one local authority."""

    lad_code = models.CharField(max_length=9, unique=True)
    geojson = models.JSONField()
    dataset = models.ForeignKey(PlaceDataset, on_delete=models.CASCADE, related_name="boundaries")

    def __str__(self) -> str:
        return self.lad_code
