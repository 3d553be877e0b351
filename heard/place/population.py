"""Who lives in an area (Census 2021), by the dimensions Heard compares: counts per group.

Local authorities have: total, age_band, sex, ethnic_group (19), ethnic_group_5 (summed from the 19),
disability, english_proficiency, ward (wards' totals, London) and deprivation_quintile (IoD 2025, from LSOA
populations, London). Wards have: total, age_band, disability, ethnic_group_5 and deprivation_quintile.
Figures come from the shipped files, with anything a user imported (`ImportedCount`, `ImportedLsoa`) taking
precedence for the same area and dimension.
"""

from __future__ import annotations

from collections import Counter
from typing import Final

from heard.lib import census

from . import sources

DIMENSIONS: Final = [
    "ethnic_group",
    "ethnic_group_5",
    "age_band",
    "sex",
    "disability",
    "english_proficiency",
    "ward",
    "deprivation_quintile",
]
LA_ONLY: Final = {"sex", "ethnic_group", "english_proficiency", "ward"}

Groups = dict[str, int]


def quintile(decile: int | None) -> str | None:
    """IoD decile 1-10 -> quintile "1".."5" (1 = most deprived fifth of neighbourhoods in England)."""
    if decile is None or not 1 <= decile <= 10:
        return None
    return str((decile + 1) // 2)


def _imported_counts(area_code: str) -> dict[str, Groups]:
    from .models import ImportedCount

    found: dict[str, Groups] = {}
    for dimension, group, count in ImportedCount.objects.filter(area_code=area_code).values_list(
        "dimension", "group", "count"
    ):
        found.setdefault(dimension, {})[group] = count
    return found


def _lsoas(area_code: str, *, imported: bool) -> list[sources.Lsoa]:
    found = {code: lsoa for code, lsoa in sources.lsoas().items() if area_code in (lsoa.lad_code, lsoa.ward_code)}
    if imported:
        from django.db.models import Q

        from .models import ImportedLsoa

        for row in ImportedLsoa.objects.filter(Q(lad_code=area_code) | Q(ward_code=area_code)):
            found[row.lsoa21_code] = sources.Lsoa(
                row.lsoa21_code, row.lad_code, row.ward_code, row.population, row.iod2025_decile, row.iod2025_rank
            )
    return list(found.values())


def area_kind(area_code: str) -> str | None:
    """ "lad" or "ward" (by the ONS code prefix), None for anything else."""
    if area_code[:3] in {"E06", "E07", "E08", "E09", "W06"}:
        return "lad"
    if area_code[:3] in {"E05", "W05"}:
        return "ward"
    return None


def area_name(area_code: str) -> str:
    area = sources.areas().get(area_code)
    if area:
        return area.name
    from .models import ImportedArea

    imported = ImportedArea.objects.filter(code=area_code).values_list("name", flat=True).first()
    return imported or area_code


def profile(area_code: str, *, imported: bool = True) -> dict[str, Groups]:
    """dimension -> {group code: residents} for one area; dimensions without data are left out."""
    shipped = sources.census_counts()
    result: dict[str, Groups] = {}
    for dimension, groups in shipped.get(area_code, {}).items():
        result[dimension] = dict(groups)
    if imported:
        result.update(_imported_counts(area_code))
    if "ethnic_group" in result and "ethnic_group_5" not in result:
        five: Counter[str] = Counter()
        for group, count in result["ethnic_group"].items():
            high = census.high_level_group(group)
            if high:
                five[high] += count
        result["ethnic_group_5"] = dict(five)
    kind = area_kind(area_code)
    lsoas = _lsoas(area_code, imported=imported)
    with_population = [lsoa for lsoa in lsoas if lsoa.population]
    if with_population:
        quintiles: Counter[str] = Counter()
        for lsoa in with_population:
            q = quintile(lsoa.iod2025_decile)
            if q and lsoa.population:
                quintiles[q] += lsoa.population
        result["deprivation_quintile"] = dict(sorted(quintiles.items()))
    if kind == "lad":
        wards = {code: shipped[code]["total"]["all"] for code in sources.wards_of().get(area_code, [])}
        if wards:
            result["ward"] = dict(sorted(wards.items()))
    elif kind == "ward":
        for dimension in LA_ONLY:
            result.pop(dimension, None)
    return result


def combined(area_codes: list[str], *, imported: bool = True) -> dict[str, Groups]:
    """Profiles of several areas added up; a dimension is kept only when every area has it."""
    profiles = [profile(code, imported=imported) for code in area_codes]
    if not profiles:
        return {}
    shared = set(profiles[0]).intersection(*profiles[1:])
    result: dict[str, Groups] = {}
    for dimension in shared:
        total: Counter[str] = Counter()
        for p in profiles:
            total.update(p[dimension])
        result[dimension] = dict(total)
    return result
