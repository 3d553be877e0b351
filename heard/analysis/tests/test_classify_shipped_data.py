"""The training data and the national framework ship with Heard, with their provenance."""

from __future__ import annotations

from collections import Counter

from heard.lib.classify import framework, national_themes, shipped_training_data
from heard.lib.classify.data import DATA_DIR, framework_examples


def test_it_ships_the_labelled_comments_with_32_themes() -> None:
    data = shipped_training_data()
    assert len(data.texts) == 4426
    assert len(national_themes()) == 32
    assert national_themes()[0] == "Organisation & efficiency"
    assert all(labels <= set(national_themes()) for labels in data.labels)
    assert {s for s in data.sentiments if s is not None} == {1, 2, 3, 4, 5}


def test_it_ships_the_framework_with_a_category_and_description_for_every_modelled_theme() -> None:
    modelled = [entry for entry in framework() if entry["modelled"]]
    assert [entry["theme"] for entry in modelled] == national_themes()
    assert all(entry["category"] and entry["description"] for entry in modelled)


def test_it_has_framework_examples_for_every_theme_but_not_assigned() -> None:
    counts = Counter(theme for _, theme in framework_examples())
    assert set(counts) == set(national_themes())
    assert ("Free parking", "Parking") in framework_examples()


def test_it_says_where_the_data_comes_from_and_under_which_licence() -> None:
    provenance = (DATA_DIR / "PROVENANCE.md").read_text(encoding="utf-8")
    assert "MIT" in provenance
    assert "Copyright (c) 2021 NHS England" in provenance
    assert "The-Strategy-Unit/pxtextmining" in provenance
