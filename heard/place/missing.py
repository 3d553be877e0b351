"""Who is missing from a project: counts of people heard from the database, compared with the Census.

People heard count for an area when their postcode placed them in it (lad_code or ward_code of the
experience). Those without a usable postcode cannot be compared with an area and are reported separately.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

from django.db.models import Count, Q, QuerySet

from heard.engagement.models import Experience, Project
from heard.engagement.scope import command_scope
from heard.lib import census, disclosure

from . import population, representation

# Experience field behind each dimension (ethnic_group_5 is summed from ethnic_group).
FIELDS: Final = {
    "ethnic_group": "ethnic_group",
    "ethnic_group_5": "ethnic_group",
    "age_band": "age_band",
    "sex": "sex",
    "disability": "disability",
    "english_proficiency": "english_proficiency",
    "ward": "ward_code",
    "deprivation_quintile": "deprivation_decile",
}
CHILDREN: Final = "0-15"
DISABILITY: Final = {"disabled_a_lot": "disabled", "disabled_a_little": "disabled", "not_disabled": "not_disabled"}


class UnknownArea(ValueError):
    pass


@dataclass
class Report:
    area_codes: list[str]
    area_name: str
    comparisons: list[representation.Comparison]
    people_heard: int  # in the project, anywhere
    people_in_area: int  # placed in the area
    notes: list[str] = field(default_factory=list)

    def figures(self, *, public: bool = False) -> tuple[disclosure.Cell, disclosure.Cell, disclosure.Cell]:
        """(people placed in the area, people not, everyone heard) as the reader sees them: protected together in
        the public form, since the first two add up to the third."""
        outside = self.people_heard - self.people_in_area
        in_area, not_in_area, heard = disclosure.protect(
            [self.people_in_area, outside, self.people_heard], [([0, 1], 2)], exact=not public
        )
        return in_area, not_in_area, heard

    def all_notes(self, *, public: bool = False) -> list[str]:
        """Notes for the reader; the count of people not compared is "<5" in the public form when small."""
        if self.people_heard == self.people_in_area:
            return list(self.notes)
        _in_area, outside, heard = self.figures(public=public)
        return [
            f"{outside} of the {heard} people heard are not counted here: no postcode, a postcode district only, or "
            "a home outside the area.",
            *self.notes,
        ]

    def highlights(self, *, public: bool = False, limit: int = 3) -> list[str]:
        return [
            representation.sentence(dimension, row, self.area_name, public=public)
            for dimension, row in representation.most_under_represented(self.comparisons, limit=limit)
        ]


def group_of(dimension: str, value: object) -> str | None:
    """The Census group an Experience value belongs to, None when not stated."""
    if value in (None, "", census.PREFER_NOT_TO_SAY):
        return None
    if dimension == "ethnic_group_5":
        return census.high_level_group(str(value))
    if dimension == "disability":
        return DISABILITY.get(str(value))
    if dimension == "deprivation_quintile":
        return population.quintile(int(str(value)))
    return str(value)


def tally(dimension: str, raw: Iterable[tuple[object, int]]) -> tuple[dict[str, int], int]:
    """(Experience value, people) pairs -> ({group: people}, people who did not say)."""
    counts: Counter[str] = Counter()
    not_stated = 0
    for value, n in raw:
        group = group_of(dimension, value)
        if group is None:
            not_stated += n
        else:
            counts[group] += n
    return dict(counts), not_stated


def area_filter(area_codes: list[str]) -> Q:
    lads = [c for c in area_codes if population.area_kind(c) == "lad"]
    wards = [c for c in area_codes if population.area_kind(c) == "ward"]
    return Q(lad_code__in=lads) | Q(ward_code__in=wards)


def area_label(area_codes: list[str]) -> str:
    names = [
        population.area_name(code) + (" ward" if population.area_kind(code) == "ward" else "") for code in area_codes
    ]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def compare_experiences(experiences: QuerySet[Experience], area_codes: list[str]) -> Report:
    """Compare a set of experiences with the residents of the areas (local authorities and/or wards)."""
    unknown = [c for c in area_codes if population.area_kind(c) is None]
    if unknown:
        raise UnknownArea(f"Not a local authority or ward code: {', '.join(unknown)} (codes look like E09000019).")
    profile = population.combined(area_codes)
    if not profile:
        raise UnknownArea(
            f"Heard has no Census figures for {', '.join(area_codes)}. Load them with `heard place-import census`."
        )
    in_area = experiences.filter(area_filter(area_codes))
    wards = {code: population.area_name(code) for code in profile.get("ward", {})}
    comparisons = []
    notes: list[str] = []
    raw_by_field: dict[str, list[tuple[object, int]]] = {}
    for dimension in representation.DIMENSION_LABELS:
        if dimension not in profile:
            continue
        field_name = FIELDS[dimension]
        if field_name not in raw_by_field:
            raw_by_field[field_name] = [
                (row[field_name], row["n"]) for row in in_area.order_by().values(field_name).annotate(n=Count("id"))
            ]
        heard, not_stated = tally(dimension, raw_by_field[field_name])
        residents = profile[dimension]
        if dimension == "age_band" and not heard.get(CHILDREN) and CHILDREN in residents:
            # Projects hear adults unless they say otherwise: compare ages among residents aged 16 and over,
            # so "children are missing" does not drown out the adults who are.
            residents = {group: n for group, n in residents.items() if group != CHILDREN}
            notes.append("Ages are compared with residents aged 16 and over (nobody aged 15 or under was heard).")
        comparisons.append(
            representation.compare(
                dimension,
                heard,
                residents,
                not_stated=not_stated,
                labels=wards if dimension == "ward" else None,
            )
        )
    people_in_area = (
        sum(n for _, n in raw_by_field.get("age_band", [])) if "age_band" in raw_by_field else (in_area.count())
    )
    report = Report(area_codes, area_label(area_codes), comparisons, experiences.count(), people_in_area, notes)
    missing = [representation.DIMENSION_LABELS[d] for d in representation.DIMENSION_LABELS if d not in profile]
    if missing:
        report.notes.append(
            "Not compared at this level (the Census tables for it are not available here): " + ", ".join(missing) + "."
        )
    return report


def project_report(
    project: Project, area_codes: list[str] | None = None, *, experiences: QuerySet[Experience] | None = None
) -> Report:
    """The project's people heard (or the subset given, e.g. one partner's) against its own local authorities
    unless other areas are given."""
    codes = list(area_codes or project.area_codes or [])
    if not codes:
        raise UnknownArea(f"Project '{project.slug}' has no area codes; give --area CODE.")
    if experiences is None:
        experiences = command_scope(project).experiences
    return compare_experiences(experiences, codes)
