"""`heard.lib.kanon`: measuring k-anonymity, and generalising a table until no released combination of
quasi-identifiers holds fewer than k people."""

from __future__ import annotations

import math
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heard.lib.kanon import Hierarchy, everything, generalise, measure, rare_to_other

AGE = Hierarchy(
    "age",
    [
        lambda v: v,
        lambda v: {"16-24": "0-24", "0-15": "0-24", "25-34": "25-49", "35-49": "25-49"}.get(v, "50+") if v else "",
        everything,
    ],
)
SEX = Hierarchy("sex", [lambda v: v, everything])
PLACE = Hierarchy("place", [lambda v: v, lambda v: v[:1] if v else "", everything], cost=2)
HIERARCHIES = [AGE, SEX, PLACE]

records_strategy = st.lists(
    st.fixed_dictionaries(
        {
            "age": st.sampled_from(["0-15", "16-24", "25-34", "35-49", "50-64", "65+", ""]),
            "sex": st.sampled_from(["female", "male", ""]),
            "place": st.sampled_from(["A1", "A2", "B1", "B2", "B3", "C1", ""]),
        }
    ),
    max_size=60,
)


def test_measure_counts_unique_records_and_those_in_small_groups():
    keys = [("a",), ("a",), ("b",), ("c",), ("c",), ("c",)]
    found = measure(keys, k=3)
    assert (found.records, found.groups, found.unique, found.under_k, found.smallest) == (6, 3, 1, 3, 1)
    assert found.unique_share == pytest.approx(1 / 6)


@settings(max_examples=150, deadline=None)
@given(records=records_strategy, k=st.integers(min_value=1, max_value=7), max_withheld=st.sampled_from([0, 0.05, 0.2]))
def test_no_released_combination_holds_fewer_than_k_people(records, k, max_withheld):
    result = generalise(records, HIERARCHIES, k=k, max_withheld=max_withheld)
    assert sorted(result.released + result.withheld) == list(range(len(records)))
    groups = Counter(tuple(result.values[i].values()) for i in result.released)
    assert all(size >= k for size in groups.values())
    assert result.after.smallest >= k or not result.released
    # What is released is each record's own coding at the chosen level: nothing made up.
    for i in result.released:
        for h in HIERARCHIES:
            assert result.values[i][h.name] == h.levels[result.levels[h.name]](records[i][h.name])
    # Withholding is the last resort: no more than allowed unless there are fewer than k records in all.
    if len(records) >= k:
        assert len(result.withheld) <= math.floor(max_withheld * len(records))
    else:
        assert result.withheld == list(range(len(records)))


@settings(max_examples=100, deadline=None)
@given(
    records=records_strategy,
    ks=st.lists(st.integers(min_value=1, max_value=8), min_size=60, max_size=60),
    floors=st.lists(st.integers(min_value=0, max_value=2), min_size=60, max_size=60),
)
def test_each_record_gets_its_own_k_and_never_finer_than_its_floor(records, ks, floors):
    n = len(records)
    result = generalise(records, HIERARCHIES, k=ks[:n], floors=[{"place": f} for f in floors[:n]], max_withheld=0.1)
    groups = Counter(tuple(result.values[i].values()) for i in result.released)
    for i in result.released:
        assert groups[tuple(result.values[i].values())] >= ks[i]
        level = max(result.levels["place"], floors[i])
        assert result.values[i]["place"] == PLACE.levels[level](records[i]["place"])


def test_it_keeps_every_column_as_fine_as_k_allows_and_no_finer():
    records = [{"age": age, "sex": sex, "place": "A1"} for age in ("16-24", "0-15") for sex in ("f", "m")] * 3
    result = generalise(records, HIERARCHIES, k=5, max_withheld=0)
    assert result.before.smallest == 3
    assert result.levels == {"age": 1, "sex": 0, "place": 0}  # both bands become 0-24; sex and place are kept
    assert result.after.smallest == 6 and result.withheld == []


def test_a_few_rare_records_are_withheld_rather_than_coarsen_everyone():
    records = [{"age": "25-34", "sex": "f", "place": "A1"}] * 30 + [{"age": "65+", "sex": "m", "place": "C1"}]
    result = generalise(records, HIERARCHIES, k=5, max_withheld=0.05)
    assert result.levels == {"age": 0, "sex": 0, "place": 0}
    assert result.withheld == [30] and len(result.released) == 30


def test_rare_values_become_other_and_blanks_stay_blank():
    coding = rare_to_other(["so", "so", "tr", ""], 2, "other")
    assert [coding(v) for v in ("so", "tr", "")] == ["so", "other", ""]


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="one k per record"):
        generalise([{"age": "65+"}], [AGE], k=[5, 5])
    with pytest.raises(ValueError, match="own name"):
        generalise([], [AGE, AGE])
