"""Benchmark: postcode lookups and the who-is-missing table.

    uv run python bench/place.py [--lookups 100000] [--experiences 100000]

1. 100,000 postcode lookups after warm-up (shipped data, module-level dict), written three ways people write
   them; baseline: a bare dict access on the standard form (the floor), and indexed SQLite lookups of the
   same postcodes imported into the database (what a database-only design would cost).
2. The representation table for 100,000 synthetic experiences: in a temporary SQLite database (GROUP BY
   queries + comparison, the path `heard representation` takes), and the pure core from an in-memory list.
Targets (issue 5): lookups >= 50,000/s; representation for 100,000 experiences < 1 s on SQLite.
Uses only data shipped inside Heard; no ../shared needed.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
TMP = tempfile.mkdtemp(prefix="heard-bench-place-")
os.environ["DATABASE_URL"] = f"sqlite:///{TMP}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heard.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from heard.lib import census  # noqa: E402
from heard.place import lookup, missing, representation  # noqa: E402


def rate(n: int, seconds: float) -> str:
    return f"{n / seconds:,.0f}/s ({seconds * 1000:,.0f} ms for {n:,})"


def bench_lookups(n: int) -> None:
    t0 = time.perf_counter()
    lookup.warm_up()
    print(f"warm-up (read {len(lookup.all_places()):,} shipped postcodes): {time.perf_counter() - t0:.2f} s")
    rng = random.Random(5)
    places = [p.postcode for p in lookup.all_places()]
    sample = [rng.choice(places) for _ in range(n)]
    variants = {
        "standard form ('N1 0AA')": sample,
        "lower case, no space ('n10aa')": [s.lower().replace(" ", "") for s in sample],
        "messy (' n1  0aa ')": [f" {s.lower().replace(' ', '  ')} " for s in sample],
    }
    index = {p.postcode: p for p in lookup.all_places()}
    t0 = time.perf_counter()
    for s in sample:
        index.get(s)
    floor = time.perf_counter() - t0
    print(f"baseline, bare dict.get on the standard form: {rate(n, floor)}")
    for name, values in variants.items():
        t0 = time.perf_counter()
        for value in values:
            lookup.lookup(value)
        elapsed = time.perf_counter() - t0
        print(f"lookup, {name}: {rate(n, elapsed)}; {elapsed / floor:.1f}x the bare dict")
    districts = [s.split(" ")[0].lower() for s in sample]
    t0 = time.perf_counter()
    for value in districts:
        lookup.lookup(value)
    print(f"lookup, district only ('n1'): {rate(n, time.perf_counter() - t0)}")

    from heard.place.models import ImportedPostcode, PlaceDataset

    dataset = PlaceDataset.objects.create(kind="postcodes", name="bench")
    ImportedPostcode.objects.bulk_create(
        [ImportedPostcode(postcode=p.postcode, lad_code=p.lad_code or "", dataset=dataset) for p in index.values()],
        batch_size=5000,
    )
    m = min(n, 10_000)
    t0 = time.perf_counter()
    for s in sample[:m]:
        ImportedPostcode.objects.filter(postcode=s).values().first()
    db = time.perf_counter() - t0
    print(f"database only, indexed SQLite query per postcode: {rate(m, db)}")


def bench_representation(n: int) -> None:
    from heard.core.testing import make_organisation, make_project
    from heard.engagement.models import Experience

    rng = random.Random(7)
    partner = make_organisation()
    project = make_project(partners=[partner], area_codes=["E09000019", "E09000012"])
    located = [p for p in lookup.all_places() if p.status == "live" and p.lad_code in project.area_codes]

    def pick(choices: census.Choices) -> str:
        return rng.choice([*(c for c, _ in choices), "", census.PREFER_NOT_TO_SAY])

    t0 = time.perf_counter()
    people = []
    for _ in range(n):
        place = rng.choice(located) if rng.random() < 0.9 else None
        people.append(
            Experience(
                project=project,
                partner=partner,
                collected_on="2026-03-01",
                ethnic_group=pick(census.ETHNIC_GROUPS_19),
                age_band=pick(census.AGE_BANDS),
                sex=pick(census.SEXES),
                disability=pick(census.DISABILITY),
                english_proficiency=pick(census.ENGLISH_PROFICIENCY),
                postcode=place.postcode if place else "",
                lad_code=(place.lad_code or "") if place else "",
                ward_code=(place.ward_code or "") if place else "",
                lsoa21_code=(place.lsoa21_code or "") if place else "",
                deprivation_decile=place.iod2025_decile if place else None,
            )
        )
    Experience.objects.bulk_create(people, batch_size=5000)
    print(f"created {n:,} experiences in SQLite: {time.perf_counter() - t0:.1f} s")

    missing.project_report(project)  # warm the Census figures (read once per process)
    runs = []
    for _ in range(3):
        t0 = time.perf_counter()
        report = missing.project_report(project)
        runs.append(time.perf_counter() - t0)
    rows = sum(len(c.rows) for c in report.comparisons)
    best = min(runs)
    print(
        f"representation from SQLite (GROUP BY + compare), {n:,} experiences, {rows} group rows: "
        f"best {best * 1000:,.0f} ms of 3 ({n / best:,.0f} experiences/s)"
    )

    # The pure core from an in-memory list: tally in Python, then compare.
    from heard.place import population

    profile = population.combined(project.area_codes)
    in_area = [p for p in people if p.lad_code in project.area_codes]
    t0 = time.perf_counter()
    for dimension in representation.DIMENSION_LABELS:
        if dimension not in profile:
            continue
        field = missing.FIELDS[dimension]
        raw = Counter(getattr(p, field) for p in in_area)
        heard, not_stated = missing.tally(dimension, raw.items())
        representation.compare(dimension, heard, profile[dimension], not_stated=not_stated)
    pure = time.perf_counter() - t0
    print(
        f"representation from an in-memory list (pure core): {pure * 1000:,.0f} ms "
        f"({len(in_area) / pure:,.0f} experiences/s); SQLite path is {best / pure:.1f}x that"
    )
    print("highlights:", *report.highlights(), sep="\n  ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lookups", type=int, default=100_000)
    parser.add_argument("--experiences", type=int, default=100_000)
    args = parser.parse_args()
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"temporary SQLite database ready in {time.perf_counter() - t0:.1f} s ({TMP})")
    try:
        bench_lookups(args.lookups)
        bench_representation(args.experiences)
    finally:
        import shutil

        shutil.rmtree(TMP, ignore_errors=True)


if __name__ == "__main__":
    main()
