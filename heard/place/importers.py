"""Reading place files a user has (`heard place-import KIND FILE`): validate every row first, collecting plain
errors (file, row as the spreadsheet shows it, column), and only then hand back what to write.

Supported files (the formats Heard ships, the shared developer copies, and the common official layouts):

- postcodes: CSV with a `postcode` column (or ONSPD's `pcds`/`pcd`) and any of `status`/`doterm`, `lat`,
  `long`, `lad_code`/`oslaua`, `ward_code`/`osward`, `lsoa11_code`/`lsoa11`, `lsoa21_code`/`lsoa21`,
  `imd2019_decile`, `iod2025_decile`. This covers Heard's own postcode file and the ONS Postcode Directory.
- census: Heard's long format `area_code, dimension, group, count`; or a table with an area column
  (`area_code`, `ltla21_code`, `ltla24_code`, `lad_code`, `ward24_code`, `ward_code`, `geography code`), a
  label column whose values are Census 2021 labels as the ONS writes them (age 6 bands, sex, 19 or 5 ethnic
  groups, disability, English proficiency) and a count column (`count`, `n`, `usual_residents`, `observation`).
- deprivation: IoD 2025 by LSOA 2021, either `lsoa21_code` + `IMD_decile` (+ `IMD_rank`, `ltla24_code`) or the
  official File 7 headers ("LSOA code (2021)", "Index of Multiple Deprivation (IMD) Decile ...").
- areas: `code, name` (+ `kind`, `parent_code`).
- boundaries: a GeoJSON FeatureCollection of wards whose properties carry a ward code (`WD..CD`) and a local
  authority code (`LAD..CD`), stored per local authority.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from heard.lib import census, postcodes

from .models import DatasetKind

MAX_ERRORS = 50


class ImportFailed(Exception):
    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class Parsed:
    kind: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def error(self, message: str) -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(message)
        elif len(self.errors) == MAX_ERRORS:
            self.errors.append("... and more; fix these first.")


def _csv(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(row number as a spreadsheet shows it, row) with header names stripped; handles a BOM and .gz."""
    raw = path.read_bytes()
    if path.suffix == ".gz":
        import gzip

        raw = gzip.decompress(raw)
    text = raw.decode("utf-8-sig", errors="strict")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if reader.fieldnames:
        reader.fieldnames = [name.strip() for name in reader.fieldnames]
    for number, row in enumerate(reader, start=2):
        yield number, {k: (v or "").strip() for k, v in row.items() if k is not None}


def _pick(columns: list[str], *names: str) -> str | None:
    lowered = {c.lower(): c for c in columns}
    for name in names:
        if name.lower() in lowered:
            return lowered[name.lower()]
    return None


def _decile(p: Parsed, where: str, value: str) -> int | None:
    if not value:
        return None
    if not value.isdigit() or not 1 <= int(value) <= 10:
        p.error(f"{where}: '{value}' is not a decile from 1 to 10.")
        return None
    return int(value)


def _coord(p: Parsed, where: str, value: str, low: float, high: float) -> float | None:
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        p.error(f"{where}: '{value}' is not a number.")
        return None
    if not low <= number <= high:
        # The ONS Postcode Directory writes 99.999999 / 0.000000 for postcodes with no grid reference.
        return None
    return number


CODE_RE = re.compile(r"^[EWSN]\d{8}$")


def _code(p: Parsed, where: str, value: str) -> str:
    if value and not CODE_RE.match(value):
        p.error(f"{where}: '{value}' is not an ONS area code like E09000019.")
        return ""
    return value


def parse_postcodes(path: Path) -> Parsed:
    p = Parsed(DatasetKind.POSTCODES)
    seen: set[str] = set()
    columns: dict[str, str | None] = {}
    for number, row in _csv(path):
        if not columns:
            names = list(row)
            columns = {
                "postcode": _pick(names, "postcode", "pcds", "pcd", "pcd7", "pcd8"),
                "status": _pick(names, "status"),
                "doterm": _pick(names, "doterm"),
                "lat": _pick(names, "lat", "latitude"),
                "long": _pick(names, "long", "longitude"),
                "lad_code": _pick(names, "lad_code", "oslaua", "lad25cd", "lad24cd", "ladcd"),
                "ward_code": _pick(names, "ward_code", "osward"),
                "lsoa11_code": _pick(names, "lsoa11_code", "lsoa11", "lsoa11cd"),
                "lsoa21_code": _pick(names, "lsoa21_code", "lsoa21", "lsoa21cd"),
                "imd2019_decile": _pick(names, "imd2019_decile"),
                "iod2025_decile": _pick(names, "iod2025_decile"),
            }
            if columns["postcode"] is None:
                p.error(f"{path.name}: no 'postcode' column (the first row must name the columns).")
                return p

        def get(key: str, row: dict[str, str] = row, columns: dict[str, str | None] = columns) -> str:
            column = columns[key]
            return row.get(column, "") if column else ""

        where = f"{path.name}, row {number}"
        try:
            postcode = postcodes.parse(get("postcode"))
        except postcodes.PostcodeError as error:
            p.error(f"{where}, column {columns['postcode']}: {error}")
            continue
        if not postcode.is_full:
            p.error(f"{where}, column {columns['postcode']}: '{postcode.text}' is a district, not a full postcode.")
            continue
        if postcode.text in seen:
            p.error(f"{where}: {postcode.text} appears twice.")
            continue
        seen.add(postcode.text)
        status = get("status").upper()[:1] or ("T" if get("doterm") else "L")
        if status not in {"L", "T"}:
            p.error(f"{where}, column status: use L (live) or T (terminated), not '{get('status')}'.")
            continue
        p.rows.append(
            {
                "postcode": postcode.text,
                "status": status,
                "lat": _coord(p, f"{where}, column lat", get("lat"), 49.0, 61.0),
                "long": _coord(p, f"{where}, column long", get("long"), -9.0, 3.0),
                "lad_code": _code(p, where, get("lad_code")),
                "ward_code": _code(p, where, get("ward_code")),
                "lsoa11_code": _code(p, where, get("lsoa11_code")),
                "lsoa21_code": _code(p, where, get("lsoa21_code")),
                "imd2019_decile": _decile(p, f"{where}, column imd2019_decile", get("imd2019_decile")),
                "iod2025_decile": _decile(p, f"{where}, column iod2025_decile", get("iod2025_decile")),
            }
        )
    if not p.rows and not p.errors:
        p.error(f"{path.name}: no rows.")
    return p


def _label_index() -> dict[str, tuple[str, str]]:
    """ONS label -> (dimension, group code), for every Census category Heard compares."""
    index: dict[str, tuple[str, str]] = {}
    for dimension, choices in (
        ("age_band", census.AGE_BANDS),
        ("sex", census.SEXES),
        ("ethnic_group", census.ETHNIC_GROUPS_19),
        ("ethnic_group_5", census.ETHNIC_GROUPS_5),
        ("english_proficiency", census.ENGLISH_PROFICIENCY),
    ):
        for code, label in choices:
            index[label.lower()] = (dimension, code)
    index["disabled under the equality act"] = ("disability", "disabled")
    index["not disabled under the equality act"] = ("disability", "not_disabled")
    index["females"] = ("sex", "female")
    index["males"] = ("sex", "male")
    return index


# The most specific first: a ward table also names each ward's local authority.
AREA_COLUMNS = ("area_code", "ward24_code", "ward_code", "ltla24_code", "ltla21_code", "lad_code", "geography code")
COUNT_COLUMNS = ("count", "n", "usual_residents", "observation", "value")
LABEL_COLUMNS = (
    "group",
    "ethnic_group",
    "disability",
    "disability_level",
    "age_group",
    "sex",
    "category",
    "english_proficiency",
)
DIMENSIONS = {"total", "age_band", "sex", "ethnic_group", "ethnic_group_5", "disability", "english_proficiency"}


def parse_census(path: Path) -> Parsed:
    p = Parsed(DatasetKind.CENSUS)
    labels = _label_index()
    seen: dict[tuple[str, str, str], int] = {}
    area_col = count_col = label_col = dim_col = None
    for number, row in _csv(path):
        names = list(row)
        if area_col is None:
            area_col, count_col = _pick(names, *AREA_COLUMNS), _pick(names, *COUNT_COLUMNS)
            dim_col = _pick(names, "dimension")
            # the most specific label column wins ("ethnic_group" over "high_level_group")
            label_col = _pick(names, *LABEL_COLUMNS)
            missing = [
                what
                for what, col in (("an area code", area_col), ("a count", count_col), ("a group label", label_col))
                if col is None
            ]
            if missing:
                p.error(f"{path.name}: cannot find {', '.join(missing)} column; columns are: {', '.join(names)}.")
                return p
        assert area_col and count_col and label_col
        where = f"{path.name}, row {number}"
        area = _code(p, f"{where}, column {area_col}", row[area_col])
        if not area:
            if not row[area_col]:
                p.error(f"{where}, column {area_col}: no area code.")
            continue
        value = row[count_col].replace(",", "")
        if not value.isdigit():
            p.error(f"{where}, column {count_col}: '{row[count_col]}' is not a whole number of residents.")
            continue
        if dim_col:
            dimension, group = row[dim_col], row[label_col]
            if dimension not in DIMENSIONS:
                p.error(f"{where}, column {dim_col}: '{dimension}' is not one of {', '.join(sorted(DIMENSIONS))}.")
                continue
        else:
            found = labels.get(row[label_col].lower())
            if found is None:
                p.error(
                    f"{where}, column {label_col}: '{row[label_col]}' is not a Census 2021 category Heard "
                    "compares (use the labels as the ONS writes them)."
                )
                continue
            dimension, group = found
        key = (area, dimension, group)
        if key in seen:
            p.error(f"{where}: a second count for {area}, {row[label_col]}.")
            continue
        seen[key] = int(value)
    p.rows = [{"area_code": a, "dimension": d, "group": g, "count": n} for (a, d, g), n in seen.items()]
    if not p.rows and not p.errors:
        p.error(f"{path.name}: no rows.")
    return p


def parse_deprivation(path: Path) -> Parsed:
    p = Parsed(DatasetKind.DEPRIVATION)
    cols: dict[str, str | None] = {}
    for number, row in _csv(path):
        if not cols:
            names = list(row)
            cols = {
                "lsoa": _pick(names, "lsoa21_code", "LSOA code (2021)", "lsoa21cd"),
                "decile": _pick(
                    names,
                    "IMD_decile",
                    "iod2025_decile",
                    "Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)",
                ),
                "rank": _pick(
                    names,
                    "IMD_rank",
                    "iod2025_rank",
                    "Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived)",
                ),
                "lad": _pick(names, "ltla24_code", "lad_code", "Local Authority District code (2024)"),
                "ward": _pick(names, "ward_code", "ward24_code"),
                "population": _pick(names, "population", "Total population: mid 2022"),
            }
            if not cols["lsoa"] or not cols["decile"]:
                p.error(
                    f"{path.name}: needs an LSOA 2021 code column and an IMD decile column; columns are: "
                    f"{', '.join(names)}."
                )
                return p

        def get(key: str, row: dict[str, str] = row, cols: dict[str, str | None] = cols) -> str:
            column = cols[key]
            return row.get(column, "") if column else ""

        where = f"{path.name}, row {number}"
        lsoa = _code(p, f"{where}, column {cols['lsoa']}", get("lsoa"))
        decile = _decile(p, f"{where}, column {cols['decile']}", get("decile"))
        if not lsoa or decile is None:
            if not get("decile"):
                p.error(f"{where}, column {cols['decile']}: no decile.")
            continue
        rank, population = get("rank").replace(",", ""), get("population").replace(",", "")
        p.rows.append(
            {
                "lsoa21_code": lsoa,
                "iod2025_decile": decile,
                "iod2025_rank": int(rank) if rank.isdigit() else None,
                "population": int(population) if population.isdigit() else None,
                "lad_code": _code(p, where, get("lad")),
                "ward_code": _code(p, where, get("ward")),
            }
        )
    if not p.rows and not p.errors:
        p.error(f"{path.name}: no rows.")
    return p


def parse_areas(path: Path) -> Parsed:
    p = Parsed(DatasetKind.AREAS)
    for number, row in _csv(path):
        if "code" not in row or "name" not in row:
            p.error(
                f"{path.name}: the first row must name the columns code and name (and optionally kind and "
                f"parent_code); it has: {', '.join(row)}."
            )
            return p
        code, name = row.get("code", ""), row.get("name", "")
        where = f"{path.name}, row {number}"
        if not _code(p, f"{where}, column code", code) or not name:
            if not code or not name:
                p.error(f"{where}: needs a code and a name.")
            continue
        kind = row.get("kind") or ("ward" if code[:3] in {"E05", "W05"} else "lad")
        p.rows.append({"code": code, "name": name, "kind": kind, "parent_code": row.get("parent_code", "")})
    if not p.rows and not p.errors:
        p.error(f"{path.name}: no rows (the first row must be: code,name).")
    return p


def parse_boundaries(path: Path) -> Parsed:
    p = Parsed(DatasetKind.BOUNDARIES)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (ValueError, UnicodeDecodeError) as error:
        p.error(f"{path.name}: not GeoJSON ({error}).")
        return p
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        p.error(f"{path.name}: not a GeoJSON FeatureCollection.")
        return p
    by_lad: dict[str, list[dict[str, Any]]] = {}
    for n, feature in enumerate(data.get("features", []), start=1):
        props = feature.get("properties") or {}
        ward = next((v for k, v in props.items() if re.fullmatch(r"(?i)wd\d\dcd|ward_code", k)), None)
        lad = next((v for k, v in props.items() if re.fullmatch(r"(?i)lad\d\dcd|lad_code", k)), None)
        ward_name = next((v for k, v in props.items() if re.fullmatch(r"(?i)wd\d\dnm|ward_name", k)), "")
        geometry = feature.get("geometry") or {}
        if not ward or not lad or geometry.get("type") not in {"Polygon", "MultiPolygon"}:
            p.error(
                f"{path.name}, feature {n}: needs a ward code (WD..CD), a local authority code (LAD..CD) and "
                "a Polygon or MultiPolygon."
            )
            continue
        by_lad.setdefault(lad, []).append(
            {
                "type": "Feature",
                "properties": {"ward_code": ward, "ward_name": ward_name, "lad_code": lad},
                "geometry": geometry,
            }
        )
    p.rows = [
        {"lad_code": lad, "geojson": {"type": "FeatureCollection", "features": features}}
        for lad, features in by_lad.items()
    ]
    if not p.rows and not p.errors:
        p.error(f"{path.name}: no ward features.")
    return p


PARSERS = {
    DatasetKind.POSTCODES: parse_postcodes,
    DatasetKind.CENSUS: parse_census,
    DatasetKind.DEPRIVATION: parse_deprivation,
    DatasetKind.AREAS: parse_areas,
    DatasetKind.BOUNDARIES: parse_boundaries,
}


def parse(kind: str, path: Path) -> Parsed:
    if not path.exists():
        raise ImportFailed([f"{path}: no such file."])
    try:
        parsed = PARSERS[DatasetKind(kind)](path)
    except UnicodeDecodeError as error:
        raise ImportFailed([f"{path.name}: not UTF-8 text ({error.reason}); save it as CSV UTF-8."]) from error
    if parsed.errors:
        raise ImportFailed(parsed.errors)
    return parsed
