"""The re-identification check every export for sharing passes before it leaves the host.

The quasi-identifiers are what someone outside could already know about a resident: the partner that heard them,
their community, the activity and the day, their age band, sex, gender identity, ethnic group, disability, main
language, how well they speak English, and where they live (postcode district, ward, local authority). Each has a
hierarchy of coarser codings below; `heard.lib.kanon.generalise` climbs them until every combination released
holds at least k residents (k = 5, or more where the partner's agreement says so), and the records still in
smaller groups are withheld and counted. Where a partner's agreement allows only the local authority or the ward,
its records are never released finer than that. Answers to the project's own questions and consent are not
quasi-identifiers (nobody outside knows them); residents' words are redacted separately (`privacy.outputs`).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from heard.engagement.models import Experience, Method
from heard.lib import census, kanon, postcodes
from heard.lib.kanon import Hierarchy, everything
from heard.privacy.models import MIN_GROUP_SIZE, DataSharingAgreement, PlaceDetail

MAX_WITHHELD = 0.05  # withhold at most about 5% of records before generalising further (Samarati's MaxSup)

NOT_ENGLISH = "Main language is not English"
DIFFERENT_GENDER = "Gender identity different from sex registered at birth"
DISABLED = "Disabled under the Equality Act"
WIDER_AGES = {
    "0-15": "Aged 24 years and under",
    "16-24": "Aged 24 years and under",
    "25-34": "Aged 25 to 49 years",
    "35-49": "Aged 25 to 49 years",
    "50-64": "Aged 50 years and over",
    "65+": "Aged 50 years and over",
}
PLACE_FLOORS = {PlaceDetail.POSTCODE_DISTRICT: 0, PlaceDetail.WARD: 1, PlaceDetail.LOCAL_AUTHORITY: 2}


def _label(choices: census.Choices) -> Callable[[Any], Hashable]:
    labels = dict(census.with_prefer_not_to_say(choices))
    return lambda code: labels.get(code, code) if code else ""


def _wider(choices: census.Choices, wider: Callable[[str], str | None]) -> Callable[[Any], Hashable]:
    """Codes mapped to a coarser group; "prefer not to say" and blanks kept as they are."""
    label = _label(choices)

    def code(value: Any) -> Hashable:
        if not value or value == census.PREFER_NOT_TO_SAY:
            return label(value)
        return wider(value) or label(value)

    return code


def _quarter(day: Any) -> Hashable:
    if not isinstance(day, datetime.date):
        return ""
    first = (day.month - 1) // 3 * 3 + 1
    return f"{datetime.date(2000, first, 1):%b}-{datetime.date(2000, first + 2, 1):%b} {day.year}"


def _month(day: Any) -> Hashable:
    return f"{day:%B %Y}" if isinstance(day, datetime.date) else ""


@dataclass(frozen=True)
class QuasiIdentifier:
    hierarchy: Hierarchy
    label: str
    levels: Sequence[str]  # what each level releases, in words


def quasi_identifiers(rows: Sequence[dict[str, Any]], k: int = MIN_GROUP_SIZE) -> list[QuasiIdentifier]:
    """The hierarchies, some of which depend on the data (rare groups become "other")."""
    ethnic_labels = _label(census.ETHNIC_GROUPS_19)
    five = dict(census.ETHNIC_GROUPS_5)

    def five_groups(code: Any) -> Hashable:
        group = census.high_level_group(code)
        return f"{five[group]}: any" if group in five else ethnic_labels(code)

    rare_ethnic = kanon.rare_to_other([r["ethnic_group"] for r in rows], k, None)
    rare_language = kanon.rare_to_other([r["main_language"] for r in rows], k, "other")
    rare_community = kanon.rare_to_other([r["community"] for r in rows], k, "Other communities")
    languages = _label(census.LANGUAGES)
    methods = dict(Method.choices)

    def activity(level: int) -> Callable[[Any], Hashable]:
        """(title, method) -> the title, or the kind of activity."""
        return lambda pair: (pair[0] if level == 0 else methods.get(pair[1], pair[1])) if pair else ""

    def place(level: int) -> Callable[[Any], Hashable]:
        return lambda where: tuple("" if i < level else part for i, part in enumerate(where))

    return [
        QuasiIdentifier(Hierarchy("partner", [lambda v: v, everything], cost=6), "Partner", ["as heard", "left out"]),
        QuasiIdentifier(
            Hierarchy("community", [lambda v: v, rare_community, everything], cost=4),
            "Community",
            ["as recorded", f"communities with fewer than {k} records as 'Other communities'", "left out"],
        ),
        QuasiIdentifier(
            Hierarchy("activity", [activity(0), activity(1), everything]),
            "Activity",
            ["as recorded", "the kind of activity only (focus group, survey ...)", "left out"],
        ),
        QuasiIdentifier(
            Hierarchy("collected_on", [lambda v: v, _month, _quarter, everything]),
            "Date heard",
            ["the day", "the month", "the quarter", "left out"],
        ),
        QuasiIdentifier(
            Hierarchy(
                "age_band",
                [_label(census.AGE_BANDS), _wider(census.AGE_BANDS, WIDER_AGES.get), everything],
                cost=4,
            ),
            "Age band",
            ["Census age bands", "three wider bands (24 and under, 25 to 49, 50 and over)", "left out"],
        ),
        QuasiIdentifier(
            Hierarchy("sex", [_label(census.SEXES), everything], cost=3), "Sex", ["as recorded", "left out"]
        ),
        QuasiIdentifier(
            Hierarchy(
                "gender_identity",
                [
                    _label(census.GENDER_IDENTITIES),
                    _wider(census.GENDER_IDENTITIES, lambda c: None if c == "same_as_sex" else DIFFERENT_GENDER),
                    everything,
                ],
            ),
            "Gender identity",
            ["as recorded", "the same as or different from sex registered at birth", "left out"],
        ),
        QuasiIdentifier(
            Hierarchy(
                "ethnic_group",
                [
                    ethnic_labels,
                    lambda code: ethnic_labels(code) if rare_ethnic(code) else five_groups(code),
                    five_groups,
                    everything,
                ],
                cost=4,
            ),
            "Ethnic group",
            [
                "the 19 Census groups",
                f"groups with fewer than {k} records as their high-level group",
                "the 5 high-level groups",
                "left out",
            ],
        ),
        QuasiIdentifier(
            Hierarchy(
                "disability",
                [
                    _label(census.DISABILITY),
                    _wider(census.DISABILITY, lambda c: DISABLED if c != "not_disabled" else None),
                    everything,
                ],
                cost=3,
            ),
            "Disability",
            ["as recorded", "disabled or not", "left out"],
        ),
        QuasiIdentifier(
            Hierarchy(
                "main_language",
                [
                    languages,
                    lambda code: languages(rare_language(code)),
                    _wider(census.LANGUAGES, lambda c: None if c == "en" else NOT_ENGLISH),
                    everything,
                ],
                cost=3,
            ),
            "Main language",
            [
                "as recorded",
                f"languages with fewer than {k} records as 'Another language'",
                "English or not",
                "left out",
            ],
        ),
        QuasiIdentifier(
            Hierarchy(
                "english_proficiency",
                [
                    _label(census.ENGLISH_PROFICIENCY),
                    _wider(census.ENGLISH_PROFICIENCY, lambda c: None if c == "main_language" else NOT_ENGLISH),
                    everything,
                ],
            ),
            "How well they speak English",
            ["as recorded", "English as main language or not", "left out"],
        ),
        QuasiIdentifier(
            Hierarchy("place", [place(0), place(1), place(2), everything], cost=2),
            "Where they live",
            ["postcode district, ward and local authority", "ward and local authority", "local authority", "left out"],
        ),
    ]


CENSUS_FIELDS = [
    "age_band",
    "sex",
    "gender_identity",
    "ethnic_group",
    "disability",
    "main_language",
    "english_proficiency",
]
FIELDS = [
    "pk",
    "partner_id",
    "partner__name",
    "community__name",
    "activity__title",
    "activity__method",
    "collected_on",
    *CENSUS_FIELDS,
    "postcode",
    "ward_code",
    "lad_code",
]


@dataclass
class SharingCheck:
    """The check's result for one export: which records go, their released values, and what to tell people."""

    qis: list[QuasiIdentifier]
    result: kanon.Anonymised
    ids: list[int]  # experience ids, in the order the check saw them
    ks: list[int]
    place_floors: list[int]
    values: dict[int, dict[str, Hashable]] = field(default_factory=dict)  # experience id -> released values

    @property
    def released_ids(self) -> list[int]:
        return [self.ids[i] for i in self.result.released]

    @property
    def withheld(self) -> int:
        return len(self.result.withheld)

    @property
    def k(self) -> int:
        return min(self.ks, default=MIN_GROUP_SIZE)

    def place(self, experience_id: int) -> tuple[str, str, str]:
        """(postcode district, ward code, local authority code) as released; blank where generalised away."""
        where = self.values[experience_id]["place"]
        return where if isinstance(where, tuple) else ("", "", "")

    def level(self, name: str) -> int:
        return self.result.levels[name]

    def left_out(self, name: str) -> bool:
        return next(q for q in self.qis if q.hierarchy.name == name).hierarchy.top == self.level(name)

    def notes(self) -> list[str]:
        before, after = self.result.before, self.result.after
        names = ", ".join(q.label.lower() for q in self.qis)
        k_words = f"k = {self.k}" + (
            f" to {max(self.ks)} where an agreement asks more" if max(self.ks, default=0) > self.k else ""
        )
        lines = [
            f"Before release, Heard checked that every combination of {names} holds at least k residents "
            f"({k_words}), so nobody can be singled out by what is already known about them.",
            f"As each partner's agreement allows: {before.records:,} records; {before.unique:,} "
            f"({before.unique_share:.0%}) unique, {before.under_k:,} ({before.under_k_share:.0%}) in groups of fewer "
            f"than k.",
        ]
        changes = [
            f"{q.label}: {q.levels[self.level(q.hierarchy.name)]}" for q in self.qis if self.level(q.hierarchy.name)
        ]
        lines.append("Generalised: " + ("; ".join(changes) if changes else "nothing needed") + ".")
        lines.append(
            f"Withheld: {self.withheld:,} record{'s' if self.withheld != 1 else ''} still in groups of fewer than k "
            "(not in this export)."
        )
        lines.append(
            f"Released: {after.records:,} records in {after.groups:,} groups; the smallest holds {after.smallest:,}."
        )
        return lines


def check_for_sharing(experiences: QuerySet[Experience], agreements: dict[int, DataSharingAgreement]) -> SharingCheck:
    """Runs the check on the records an export for sharing would carry (a queryset of experiences)."""
    rows = []
    for item in experiences.order_by("pk").values(*FIELDS):
        rows.append(
            {
                "pk": item["pk"],
                "partner_id": item["partner_id"],
                "partner": item["partner__name"],
                "community": item["community__name"] or "",
                "activity": (item["activity__title"], item["activity__method"]) if item["activity__title"] else None,
                "collected_on": item["collected_on"],
                **{name: item[name] for name in CENSUS_FIELDS},
                "place": (postcodes.district(item["postcode"]) or "", item["ward_code"], item["lad_code"]),
            }
        )
    ks, floors = [], []
    for row in rows:
        agreement = agreements.get(row["partner_id"])
        ks.append(max(MIN_GROUP_SIZE, agreement.min_group_size if agreement else MIN_GROUP_SIZE))
        detail = agreement.place_detail if agreement else PlaceDetail.LOCAL_AUTHORITY
        floors.append({"place": PLACE_FLOORS.get(PlaceDetail(detail), 2)})
    qis = quasi_identifiers(rows, min(ks, default=MIN_GROUP_SIZE))
    result = kanon.generalise(rows, [q.hierarchy for q in qis], k=ks, floors=floors, max_withheld=MAX_WITHHELD)
    ids = [row["pk"] for row in rows]
    check = SharingCheck(qis=qis, result=result, ids=ids, ks=ks, place_floors=[f["place"] for f in floors])
    check.values = {ids[i]: values for i, values in result.values.items()}
    return check
