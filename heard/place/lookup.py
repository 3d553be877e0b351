"""What Heard knows about a postcode: local authority, ward, LSOA, deprivation and location.

The shipped postcodes (heard/place/data/postcodes.csv.gz) are read once into a dict on first use; a lookup is
a normalisation and a dict access. Postcodes a user imported (`ImportedPostcode`) are consulted when the
shipped data does not know a postcode. A district only ("N7") resolves approximately: its centroid and the
local authority most of its postcodes are in. Residents' full postcodes are never shown publicly; that is the
pages' job, this module only answers questions.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from heard.lib import postcodes
from heard.lib.postcodes import PostcodeError

from . import sources

FIELDS = [
    "postcode",
    "status",
    "precision",
    "lad_code",
    "lad_name",
    "ward_code",
    "ward_name",
    "lsoa11_code",
    "lsoa21_code",
    "imd2019_decile",
    "iod2025_decile",
    "lat",
    "long",
]
STATUS = {"L": "live", "T": "terminated"}


class PostcodeNotFound(PostcodeError):
    """A well-formed postcode Heard has no data for."""


@dataclass(frozen=True, slots=True)
class Place:
    postcode: str
    status: str  # "live" or "terminated"
    precision: str  # "full" or "district"
    lad_code: str | None
    lad_name: str | None
    ward_code: str | None
    ward_name: str | None
    lsoa11_code: str | None
    lsoa21_code: str | None
    imd2019_decile: int | None
    iod2025_decile: int | None
    lat: float | None
    long: float | None
    # For a district: the share of its postcodes in `lad_code` (1.0 when it lies in one local authority).
    lad_share: float | None = None

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        return {key: data[key] for key in FIELDS}

    @property
    def is_full(self) -> bool:
        return self.precision == postcodes.FULL


def _name(code: str) -> str | None:
    area = sources.areas().get(code)
    return area.name if area else None


def _place(row: Mapping[str, Any], status: str) -> Place:
    def text(key: str) -> str | None:
        return str(row[key]) if row.get(key) else None

    def number(key: str) -> int | None:
        value = row.get(key)
        return int(value) if value not in (None, "") else None

    def coord(key: str) -> float | None:
        value = row.get(key)
        return float(value) if value not in (None, "") else None

    lad, ward = text("lad_code"), text("ward_code")
    return Place(
        postcode=str(row["postcode"]),
        status=STATUS.get(status, status),
        precision=postcodes.FULL,
        lad_code=lad,
        lad_name=_name(lad) if lad else None,
        ward_code=ward,
        ward_name=_name(ward) if ward else None,
        lsoa11_code=text("lsoa11_code"),
        lsoa21_code=text("lsoa21_code"),
        imd2019_decile=number("imd2019_decile"),
        iod2025_decile=number("iod2025_decile"),
        lat=coord("lat"),
        long=coord("long"),
    )


@dataclass(frozen=True, slots=True)
class _Index:
    postcodes: dict[str, Place]
    districts: dict[str, Place]


def _district_place(district: str, members: list[Place]) -> Place:
    lads = Counter(p.lad_code for p in members if p.lad_code)
    lad, lad_count = lads.most_common(1)[0] if lads else (None, 0)
    located = [p for p in members if p.lat is not None and p.long is not None]
    lat = round(sum(p.lat for p in located if p.lat is not None) / len(located), 6) if located else None
    long = round(sum(p.long for p in located if p.long is not None) / len(located), 6) if located else None
    live = any(p.status == "live" for p in members)
    return Place(
        postcode=district,
        status="live" if live else "terminated",
        precision=postcodes.DISTRICT,
        lad_code=lad,
        lad_name=_name(lad) if lad else None,
        ward_code=None,
        ward_name=None,
        lsoa11_code=None,
        lsoa21_code=None,
        imd2019_decile=None,
        iod2025_decile=None,
        lat=lat,
        long=long,
        lad_share=round(lad_count / sum(lads.values()), 3) if lads else None,
    )


def _int(value: str) -> int | None:
    return int(value) if value else None


def _float(value: str) -> float | None:
    return float(value) if value else None


@functools.cache
def _index() -> _Index:
    # csv.reader over the shipped columns (not DictReader, not _place): this runs once per process, but it is
    # the warm-up every first lookup pays.
    names = {code: area.name for code, area in sources.areas().items()}
    by_postcode: dict[str, Place] = {}
    by_district: defaultdict[str, list[Place]] = defaultdict(list)
    reader = sources.raw_rows("postcodes.csv.gz")
    header = next(reader)
    assert header[:10] == [
        "postcode",
        "status",
        "lat",
        "long",
        "lad_code",
        "ward_code",
        "lsoa11_code",
        "lsoa21_code",
        "imd2019_decile",
        "iod2025_decile",
    ], header
    for pc, status, lat, long, lad, ward, lsoa11, lsoa21, imd2019, iod2025, *_ in reader:
        place = Place(
            pc,
            STATUS[status],
            postcodes.FULL,
            lad or None,
            names.get(lad),
            ward or None,
            names.get(ward),
            lsoa11 or None,
            lsoa21 or None,
            _int(imd2019),
            _int(iod2025),
            _float(lat),
            _float(long),
        )
        by_postcode[pc] = place
        by_district[pc.split(" ", 1)[0]].append(place)
    districts = {}
    for district, members in by_district.items():
        live = [p for p in members if p.status == "live"]
        districts[district] = _district_place(district, live or members)
    return _Index(by_postcode, districts)


def warm_up() -> None:
    _index()


def clear_cache() -> None:
    _index.cache_clear()
    sources.clear()


def all_places() -> list[Place]:
    """Every shipped full postcode (live and terminated)."""
    return list(_index().postcodes.values())


def _imported(postcode: postcodes.Postcode) -> Place | None:
    from .models import ImportedPostcode

    if postcode.is_full:
        row = ImportedPostcode.objects.filter(postcode=postcode.text).values().first()
        return _place(row, str(row["status"])) if row else None
    members = [
        _place(r, str(r["status"]))
        for r in ImportedPostcode.objects.filter(postcode__startswith=f"{postcode.text} ").values()
    ]
    return _district_place(postcode.text, members) if members else None


def lookup(value: str, *, imported: bool = True) -> Place:
    """The place for a postcode written any way people write it. Raises PostcodeError (not a postcode) or
    PostcodeNotFound (well-formed, but Heard has no data for it). `imported=False` skips the database."""
    index = _index()
    place = index.postcodes.get(value)  # fast path: already in standard form
    if place is not None:
        return place
    postcode = postcodes.parse(value)
    place = (index.postcodes if postcode.is_full else index.districts).get(postcode.text)
    if place is None and imported:
        place = _imported(postcode)
    if place is None:
        what = "postcode" if postcode.is_full else "postcode district"
        raise PostcodeNotFound(
            f"Heard has no data for the {what} {postcode.text}. It may be outside the areas loaded "
            "(Islington, Hackney and neighbouring boroughs ship with Heard; `heard place-import postcodes` adds "
            "others), or mistyped."
        )
    return place


def find(value: str, *, imported: bool = True) -> Place | None:
    """Like `lookup`, but None for anything Heard cannot place."""
    try:
        return lookup(value, imported=imported)
    except PostcodeError:
        return None
