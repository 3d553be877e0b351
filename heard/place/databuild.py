"""Developer script: rebuild the place data Heard ships (heard/place/data/) from the shared source folder.

    uv run python -m heard.place.databuild ../shared/data/place

Not used at run time. It reads the source files named in heard/place/data/PROVENANCE.md, keeps only the
columns and areas Heard needs, and writes gzipped CSVs (and simplified ward GeoJSON) in the shapes that
`heard.place.data` reads and `heard place-import` accepts.
"""

from __future__ import annotations

import csv
import gzip
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from heard.lib import census

OUT = Path(__file__).resolve().parent / "data"

# Islington, Hackney and the six boroughs around them (a 2-mile radius from any centre in either borough).
BOROUGHS = ["E09000019", "E09000012", "E09000007", "E09000014", "E09000001", "E09000030", "E09000031", "E09000025"]

POSTCODE_COLUMNS = [
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
]
CENSUS_COLUMNS = ["area_code", "dimension", "group", "count"]


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        yield from csv.DictReader(f)


def _write(name: str, columns: list[str], rows: Iterable[dict[str, Any]]) -> int:
    n = 0
    # mtime=0 keeps the gzip bytes identical between rebuilds of the same data.
    with gzip.GzipFile(OUT / name, "wb", mtime=0) as raw, open_text(raw) as f:
        writer = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in columns})
            n += 1
    print(f"{name}: {n} rows", file=sys.stderr)
    return n


def open_text(raw: gzip.GzipFile) -> Any:
    import io

    return io.TextIOWrapper(raw, encoding="utf-8", newline="")


def build_postcodes(src: Path) -> None:
    pc_dir = src / "postcodes_islington_hackney_and_neighbours"
    # LSOA11 -> LSOA21 where the change is one-to-one (U, S: unchanged or split keeps a single LSOA21 per
    # LSOA11 only when there is one row), and LSOA21 -> IoD2025 decile and best-fit ward.
    lsoa11_to_21: dict[str, set[str]] = defaultdict(set)
    for row in _rows(src / "deprivation_imd" / "lookup-lsoa11-lsoa21-lad22-england-wales.csv"):
        lsoa11_to_21[row["lsoa11_code"]].add(row["lsoa21_code"])
    iod2025 = {
        r["lsoa21_code"]: r["IMD_decile"]
        for r in _rows(src / "deprivation_imd" / "iod2025-lsoa21-england-deciles-ranks-scores.csv")
    }
    ward_of_lsoa21 = {
        r["lsoa21_code"]: r["ward24_code"]
        for r in _rows(src / "census2021_lsoa_ward_london" / "lookup-lsoa21-ward24-lad24-london.csv")
    }

    live: dict[str, dict[str, str]] = {}
    for row in _rows(pc_dir / "postcodes-live-8-lads.csv"):
        live[row["postcode"]] = {**row, "status": "L"}
    terminated: dict[str, dict[str, str]] = {}
    for row in _rows(pc_dir / "postcodes-terminated-8-lads-ons-may2022.csv"):
        if row["postcode"] in live:
            continue
        candidates = lsoa11_to_21.get(row["lsoa11_code"], set())
        lsoa21 = next(iter(candidates)) if len(candidates) == 1 else ""
        terminated[row["postcode"]] = {
            "postcode": row["postcode"],
            "status": "T",
            "lat": "",
            "long": "",
            "lad_code": row["lad_code_2022"],
            "ward_code": ward_of_lsoa21.get(lsoa21, ""),
            "lsoa11_code": row["lsoa11_code"],
            "lsoa21_code": lsoa21,
            "imd2019_decile": row["imd2019_decile"],
            "iod2025_decile": iod2025.get(lsoa21, ""),
        }
    rows = sorted([*live.values(), *terminated.values()], key=lambda r: r["postcode"])
    _write("postcodes.csv.gz", POSTCODE_COLUMNS, rows)


def build_areas(src: Path) -> None:
    """Names (and centroids where known) of local authorities (all), London wards and London LSOA21s."""
    centroids: dict[str, tuple[str, str]] = {}
    for r in _rows(src / "geo_lookups_codes_centroids" / "ward_latlong.csv"):
        centroids[r["wdcd"]] = (r["latitude"], r["longitude"])
    for r in _rows(src / "geo_lookups_codes_centroids" / "lsoa_latlong.csv"):
        centroids[r["LSOACD"]] = (r["latitude"], r["longitude"])
    rows: list[dict[str, str]] = []
    seen: set[str] = set()
    for r in _rows(src / "geo_lookups_codes_centroids" / "la_all_codes.csv"):
        if r["Current"] == "TRUE" and r["LADCD"] not in seen and r["LADCD"][0] in "EW":
            seen.add(r["LADCD"])
            rows.append({"code": r["LADCD"], "kind": "lad", "name": r["LADNM"], "parent_code": r["RGNCD"]})
    lookup = list(_rows(src / "census2021_lsoa_ward_london" / "lookup-lsoa21-ward24-lad24-london.csv"))
    # Ward names: the Code-Point (May 2025) names for the eight boroughs, the ONS ward24 lookup elsewhere.
    ward_names: dict[str, tuple[str, str]] = {}
    for r in lookup:
        ward_names[r["ward24_code"]] = (r["ward24_name"], r["ltla24_code"])
    for r in _rows(src / "postcodes_islington_hackney_and_neighbours" / "postcodes-live-8-lads.csv"):
        ward_names[r["ward_code"]] = (r["ward_name"], r["lad_code"])
    for code, (name, lad) in sorted(ward_names.items()):
        lat, long = centroids.get(code, ("", ""))
        rows.append({"code": code, "kind": "ward", "name": name, "parent_code": lad, "lat": lat, "long": long})
    iod = {
        r["lsoa21_code"]: r for r in _rows(src / "deprivation_imd" / "iod2025-lsoa21-england-deciles-ranks-scores.csv")
    }
    population: Counter[str] = Counter()
    for r in _rows(src / "census2021_lsoa_ward_london" / "census2021-age-6cat-lsoa21-london.csv"):
        population[r["lsoa21_code"]] += int(r["usual_residents"])
    lsoa_rows = []
    for r in sorted(lookup, key=lambda r: r["lsoa21_code"]):
        code = r["lsoa21_code"]
        lat, long = centroids.get(code, ("", ""))
        rows.append(
            {
                "code": code,
                "kind": "lsoa21",
                "name": r["lsoa21_name"],
                "parent_code": r["ward24_code"],
                "lat": lat,
                "long": long,
            }
        )
        lsoa_rows.append(
            {
                "lsoa21_code": code,
                "lad_code": r["ltla24_code"],
                "ward_code": r["ward24_code"],
                "population": population[code],
                "iod2025_decile": iod[code]["IMD_decile"],
                "iod2025_rank": iod[code]["IMD_rank"],
            }
        )
    _write("areas.csv.gz", ["code", "kind", "name", "parent_code", "lat", "long"], rows)
    _write(
        "lsoa21.csv.gz",
        ["lsoa21_code", "lad_code", "ward_code", "population", "iod2025_decile", "iod2025_rank"],
        lsoa_rows,
    )


def _codes(choices: census.Choices) -> dict[str, str]:
    return {label: code for code, label in choices}


def build_census_la(src: Path) -> None:
    la = src / "census2021_la"
    out: list[dict[str, Any]] = []
    for r in _rows(la / "census2021-ts007-ltla.csv"):
        v = {
            k.removeprefix("Age: ").removesuffix("; measures: Value"): int(x)
            for k, x in r.items()
            if k.startswith("Age:")
        }
        bands = {
            "0-15": v["Aged 4 years and under"] + v["Aged 5 to 9 years"] + v["Aged 10 to 15 years"],
            "16-24": v["Aged 16 to 19 years"] + v["Aged 20 to 24 years"],
            "25-34": v["Aged 25 to 34 years"],
            "35-49": v["Aged 35 to 49 years"],
            "50-64": v["Aged 50 to 64 years"],
            "65+": v["Aged 65 to 74 years"] + v["Aged 75 to 84 years"] + v["Aged 85 years and over"],
        }
        assert sum(bands.values()) == v["Total"], r["geography code"]
        code = r["geography code"]
        out.append({"area_code": code, "dimension": "total", "group": "all", "count": v["Total"]})
        out += [{"area_code": code, "dimension": "age_band", "group": g, "count": n} for g, n in bands.items()]
    for r in _rows(la / "census2021-sex-broad-age-ltla.csv"):
        out.append({"area_code": r["ltla21_code"], "dimension": "sex", "group": "female", "count": r["total_females"]})
        out.append({"area_code": r["ltla21_code"], "dimension": "sex", "group": "male", "count": r["total_males"]})
    codes19 = _codes(census.ETHNIC_GROUPS_19)
    for r in _rows(la / "census2021-ts021-ethnic-group-ltla.csv"):
        out.append(
            {
                "area_code": r["ltla21_code"],
                "dimension": "ethnic_group",
                "group": codes19[r["ethnic_group"]],
                "count": r["count"],
            }
        )
    for name in ("census2021-ts038-disability-ltla-england.csv", "census2021-ts038-disability-ltla-wales.csv"):
        for r in _rows(la / name):
            group = "not_disabled" if r["disability_level"].startswith("Not") else "disabled"
            out.append({"area_code": r["ltla21_code"], "dimension": "disability", "group": group, "count": r["n"]})
    codes_en = _codes(census.ENGLISH_PROFICIENCY)
    for r in _rows(la / "census2021-ts029-english-proficiency-lad-aggregated-from-msoa21.csv"):
        for label, code in codes_en.items():
            out.append(
                {"area_code": r["lad_code"], "dimension": "english_proficiency", "group": code, "count": r[label]}
            )
    out.sort(key=lambda r: (r["area_code"], r["dimension"]))
    _write("census2021-la.csv.gz", CENSUS_COLUMNS, out)


def build_census_ward(src: Path) -> None:
    ward = src / "census2021_lsoa_ward_london"
    out: list[dict[str, Any]] = []
    age = _codes(census.AGE_BANDS)
    totals: Counter[str] = Counter()
    for r in _rows(ward / "census2021-age-6cat-ward24-bestfit-london.csv"):
        out.append(
            {
                "area_code": r["ward24_code"],
                "dimension": "age_band",
                "group": age[r["age_group"]],
                "count": r["usual_residents"],
            }
        )
        totals[r["ward24_code"]] += int(r["usual_residents"])
    out += [{"area_code": c, "dimension": "total", "group": "all", "count": n} for c, n in totals.items()]
    for r in _rows(ward / "census2021-disability-ward24-bestfit-london.csv"):
        group = "not_disabled" if r["disability"].startswith("Not") else "disabled"
        out.append({"area_code": r["ward24_code"], "dimension": "disability", "group": group, "count": r["n"]})
    eth5 = _codes(census.ETHNIC_GROUPS_5)
    for r in _rows(ward / "census2021-ethnic-group-5cat-ward24-bestfit-london.csv"):
        out.append(
            {
                "area_code": r["ward24_code"],
                "dimension": "ethnic_group_5",
                "group": eth5[r["ethnic_group"]],
                "count": r["n"],
            }
        )
    out.sort(key=lambda r: (r["area_code"], r["dimension"]))
    _write("census2021-ward.csv.gz", CENSUS_COLUMNS, out)


def _round_coords(value: Any) -> Any:
    if isinstance(value, list):
        if value and isinstance(value[0], float | int):
            return [round(float(x), 5) for x in value]
        return [_round_coords(v) for v in value]
    return value


def build_boundaries(src: Path) -> None:
    folder = OUT / "boundaries"
    folder.mkdir(exist_ok=True)
    for lad in BOROUGHS:
        data = json.loads(
            (src / "boundaries_geojson_islington_hackney_and_neighbours" / "ward" / f"{lad}.geojson").read_text(
                encoding="utf-8"
            )
        )
        features = []
        for feature in data["features"]:
            p = feature["properties"]
            features.append(
                {
                    "type": "Feature",
                    "properties": {
                        "ward_code": p["WD25CD"],
                        "ward_name": p["WD25NM"],
                        "lad_code": p["LAD25CD"],
                        "lad_name": p["LAD25NM"],
                    },
                    "geometry": {
                        "type": feature["geometry"]["type"],
                        "coordinates": _round_coords(feature["geometry"]["coordinates"]),
                    },
                }
            )
        text = json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"))
        with gzip.GzipFile(folder / f"wards-{lad}.geojson.gz", "wb", mtime=0) as f:
            f.write(text.encode("utf-8"))
        print(f"boundaries/wards-{lad}.geojson.gz: {len(features)} wards", file=sys.stderr)


def main(argv: list[str]) -> None:
    src = Path(argv[1] if len(argv) > 1 else "../shared/data/place")
    if not src.is_dir():
        sys.exit(f"{src} is not a folder: pass the shared place data folder")
    OUT.mkdir(exist_ok=True)
    build_postcodes(src)
    build_areas(src)
    build_census_la(src)
    build_census_ward(src)
    build_boundaries(src)


if __name__ == "__main__":
    main(sys.argv)
