"""Reading the place data Heard ships (heard/place/data/), once per process.

Each loader is cached; `clear()` forgets everything (after an import). Lookups in `heard.place.lookup` and
population figures in `heard.place.population` add what users imported (the `Imported*` models) on top.
"""

from __future__ import annotations

import csv
import functools
import gzip
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"


def rows(name: str) -> Iterator[dict[str, str]]:
    with gzip.open(DATA / name, "rb") as raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f)


def raw_rows(name: str) -> Iterator[list[str]]:
    """The rows of a shipped CSV as lists, header first (faster than `rows` for the big postcode file)."""
    with gzip.open(DATA / name, "rb") as raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as f:
        yield from csv.reader(f)


def _int(value: str) -> int | None:
    return int(value) if value else None


def _float(value: str) -> float | None:
    return float(value) if value else None


@dataclass(frozen=True, slots=True)
class Area:
    code: str
    kind: str  # "lad", "ward" or "lsoa21"
    name: str
    parent_code: str
    lat: float | None
    long: float | None


@dataclass(frozen=True, slots=True)
class Lsoa:
    lsoa21_code: str
    lad_code: str
    ward_code: str
    population: int | None
    iod2025_decile: int
    iod2025_rank: int | None


@functools.cache
def areas() -> dict[str, Area]:
    return {
        r["code"]: Area(r["code"], r["kind"], r["name"], r["parent_code"], _float(r["lat"]), _float(r["long"]))
        for r in rows("areas.csv.gz")
    }


@functools.cache
def lsoas() -> dict[str, Lsoa]:
    return {
        r["lsoa21_code"]: Lsoa(
            r["lsoa21_code"],
            r["lad_code"],
            r["ward_code"],
            _int(r["population"]),
            int(r["iod2025_decile"]),
            _int(r["iod2025_rank"]),
        )
        for r in rows("lsoa21.csv.gz")
    }


Counts = dict[str, dict[str, dict[str, int]]]


@functools.cache
def census_counts() -> Counts:
    """area_code -> dimension -> {group: residents}, for local authorities and London wards."""
    counts: Counts = {}
    for name in ("census2021-la.csv.gz", "census2021-ward.csv.gz"):
        for r in rows(name):
            counts.setdefault(r["area_code"], {}).setdefault(r["dimension"], {})[r["group"]] = int(r["count"])
    return counts


@functools.cache
def wards_of() -> dict[str, list[str]]:
    """lad_code -> codes of its wards that have Census figures."""
    found: dict[str, list[str]] = {}
    for code, area in areas().items():
        if area.kind == "ward" and code in census_counts():
            found.setdefault(area.parent_code, []).append(code)
    return {lad: sorted(codes) for lad, codes in found.items()}


@functools.cache
def ward_boundaries(lad_code: str) -> dict[str, Any] | None:
    path = DATA / "boundaries" / f"wards-{lad_code}.geojson.gz"
    if not path.exists():
        return None
    with gzip.open(path, "rt", encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


def clear() -> None:
    for loader in (areas, lsoas, census_counts, wards_of, ward_boundaries):
        loader.cache_clear()
