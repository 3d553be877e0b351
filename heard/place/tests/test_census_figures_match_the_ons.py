"""The shipped Census figures are the ONS's own: checked against published numbers written here, and (when the
developer copy of the source tables is present) against those tables directly."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from heard.lib import census
from heard.place import population

pytestmark = pytest.mark.django_db

ISLINGTON = "E09000019"
SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "place"

# Census 2021 TS021 (Nomis), Islington, usual residents by high-level ethnic group; TS007 total.
ISLINGTON_TS007_TOTAL = 216_587
ISLINGTON_ETHNIC_5 = {"asian": 21_532, "black": 28_743, "mixed": 16_231, "white": 134_754, "other": 15_330}
# ONS published percentages (1 decimal place).
ISLINGTON_ETHNIC_5_PERCENT = {"asian": 9.9, "black": 13.3, "mixed": 7.5, "white": 62.2, "other": 7.1}


def test_it_has_islingtons_2021_population():
    profile = population.profile(ISLINGTON, imported=False)
    assert profile["total"]["all"] == ISLINGTON_TS007_TOTAL
    assert round(profile["total"]["all"], -2) == 216_600  # the ONS headline figure
    assert sum(profile["age_band"].values()) == ISLINGTON_TS007_TOTAL


def test_it_has_islingtons_five_ethnic_groups_exactly():
    five = population.profile(ISLINGTON, imported=False)["ethnic_group_5"]
    assert five == ISLINGTON_ETHNIC_5
    total = sum(five.values())
    assert total == 216_590
    assert {g: round(100 * n / total, 1) for g, n in five.items()} == ISLINGTON_ETHNIC_5_PERCENT


def test_it_has_every_one_of_the_nineteen_groups_for_islington():
    nineteen = population.profile(ISLINGTON, imported=False)["ethnic_group"]
    assert set(nineteen) == {code for code, _ in census.ETHNIC_GROUPS_19}
    assert nineteen["black_african"] == 18_091
    assert nineteen["white_british"] == 86_092


def test_it_has_hackney_disability_and_sex_as_published():
    hackney = population.profile("E09000012", imported=False)
    assert hackney["disability"]["disabled"] == 37_020
    assert hackney["sex"] == {"female": 135_303, "male": 123_840}


def test_it_has_wards_only_with_what_ward_tables_allow():
    caledonian = population.profile("E05013700", imported=False)
    assert set(caledonian) == {"total", "age_band", "disability", "ethnic_group_5", "deprivation_quintile"}
    islington = population.profile(ISLINGTON, imported=False)
    assert len(islington["ward"]) == 17


@pytest.mark.skipif(not SHARED.exists(), reason="about the shared source data, which only developers have")
def test_it_matches_the_shared_source_table_for_islington():
    five: Counter[str] = Counter()
    codes = {label: code for code, label in census.ETHNIC_GROUPS_5}
    with (SHARED / "census2021_la" / "census2021-ts021-ethnic-group-ltla.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["ltla21_code"] == ISLINGTON:
                five[codes[row["high_level_group"]]] += int(row["count"])
    assert population.profile(ISLINGTON, imported=False)["ethnic_group_5"] == dict(five)
