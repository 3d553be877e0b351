"""Changes to place data and to residents' records from place data: loading a dataset, placing an experience."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django.db import transaction

from heard.core import audit
from heard.core.models import AuditVerb
from heard.engagement.models import Experience

from . import importers, lookup, sources
from .models import (
    DatasetKind,
    ImportedArea,
    ImportedBoundary,
    ImportedCount,
    ImportedLsoa,
    ImportedPostcode,
    PlaceDataset,
)

BATCH = 5_000

# What each kind writes, and the fields that identify a row (a re-import replaces the same rows).
TARGETS: dict[str, tuple[Any, list[str]]] = {
    DatasetKind.POSTCODES: (ImportedPostcode, ["postcode"]),
    DatasetKind.CENSUS: (ImportedCount, ["area_code", "dimension", "group"]),
    DatasetKind.DEPRIVATION: (ImportedLsoa, ["lsoa21_code"]),
    DatasetKind.AREAS: (ImportedArea, ["code"]),
    DatasetKind.BOUNDARIES: (ImportedBoundary, ["lad_code"]),
}


def load_dataset(
    *,
    actor: Any,
    kind: str,
    path: Path,
    name: str = "",
    source: str = "",
    licence: str = "",
    attribution: str = "",
    published_on: datetime.date | None = None,
) -> PlaceDataset:
    """Validate the whole file, then write it all or nothing, with one audit event. Raises ImportFailed."""
    parsed = importers.parse(kind, path)
    model, unique = TARGETS[kind]
    update_fields = [f for f in parsed.rows[0] if f not in unique]
    with transaction.atomic():
        dataset = PlaceDataset.objects.create(
            kind=kind,
            name=name or path.name,
            file_name=path.name,
            source=source,
            licence=licence or "Open Government Licence v3.0",
            attribution=attribution,
            published_on=published_on,
            rows=len(parsed.rows),
            loaded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        for start in range(0, len(parsed.rows), BATCH):
            model.objects.bulk_create(
                [model(dataset=dataset, **row) for row in parsed.rows[start : start + BATCH]],
                update_conflicts=True,
                unique_fields=unique,
                update_fields=[*update_fields, "dataset"],
            )
        audit.record(
            actor=actor,
            verb=AuditVerb.IMPORTED,
            target=dataset,
            summary=f"Loaded {len(parsed.rows):,} rows of {dataset.get_kind_display().lower()} from {path.name}",
        )
        transaction.on_commit(lookup.clear_cache)
    return dataset


def locate(experience: Experience, *, save: bool = False, actor: Any = None) -> bool:
    """Fill an experience's lad_code, ward_code, lsoa21_code and deprivation_decile (IoD 2025) from its
    postcode, and write the postcode in its standard form. A district only ("N7") gives the local authority
    when at least 80% of the district's postcodes are in one; nothing finer. Returns whether it could place
    the postcode. With save=True the change is saved and audited (one transaction)."""
    place = lookup.find(experience.postcode) if experience.postcode else None
    before = audit.snapshot(experience, ["postcode", "lad_code", "ward_code", "lsoa21_code", "deprivation_decile"])
    if place is None:
        experience.lad_code = experience.ward_code = experience.lsoa21_code = ""
        experience.deprivation_decile = None
    elif place.is_full:
        experience.postcode = place.postcode
        experience.lad_code = place.lad_code or ""
        experience.ward_code = place.ward_code or ""
        experience.lsoa21_code = place.lsoa21_code or ""
        experience.deprivation_decile = place.iod2025_decile
    else:
        experience.postcode = place.postcode
        confident = place.lad_share is not None and place.lad_share >= 0.8
        experience.lad_code = (place.lad_code or "") if confident else ""
        experience.ward_code = experience.lsoa21_code = ""
        experience.deprivation_decile = None
    after = audit.snapshot(experience, list(before))
    if save and experience.pk and after != before:
        with transaction.atomic():
            experience.save(update_fields=[*before, "updated_at"])
            audit.record(
                actor=actor,
                verb=AuditVerb.CHANGED,
                target=experience,
                project_id=experience.project_id,
                organisation_id=experience.partner_id,
                summary="Placed from postcode",
                before=before,
                after=after,
            )
    return place is not None


def clear_caches() -> None:
    lookup.clear_cache()
    sources.clear()
