"""Retraining on a project's coded answers teaches the model a local theme it did not know."""

from __future__ import annotations

from heard.analysis.tests.classify_support import FAST, small_model
from heard.lib.classify import shipped_training_data, train

LOCAL = "Language, interpreting and accessible information"

INTERPRETING = [
    "There was no interpreter so my daughter had to translate for me at the appointment.",
    "They did not book an interpreter even though I asked for one in Polish.",
    "The letter was only in English and I could not read it.",
    "I needed a Bengali interpreter but the receptionist said there was none.",
    "Leaflets should be in other languages, not just English.",
    "The phone interpreter kept cutting out and I did not understand the doctor.",
    "My mum speaks Urdu and nobody could explain her medicine to her in her language.",
    "Please have information in easy read and in Arabic.",
    "The interpreter arrived late so the appointment was rushed.",
    "I had to use Google translate to understand what the nurse said.",
    "Nobody told me I could ask for an interpreter for free.",
    "The website is not available in Romanian so I could not book.",
    "Translated leaflets would help people who do not read English.",
    "A British Sign Language interpreter was not booked for my husband who is deaf.",
    "My son had to miss school to interpret for me at the hospital.",
    "The forms were all in English and too complicated for me.",
]


def test_it_learns_a_local_theme_from_a_few_coded_answers_and_finds_it_in_new_ones() -> None:
    data = shipped_training_data()
    base = list(range(0, len(data.texts), 8))
    coded, held_out = INTERPRETING[::2], INTERPRETING[1::2]
    other_comments = [data.texts[i] for i in range(3, len(data.texts), 60) if data.texts[i] != "Did not answer"]

    before = small_model()
    assert LOCAL not in before.themes

    retrained = train(
        [data.texts[i] for i in base] + coded,
        [data.labels[i] for i in base] + [frozenset([LOCAL])] * len(coded),
        [data.sentiments[i] for i in base] + [None] * len(coded),
        themes=[*data.themes, LOCAL],
        options=FAST,
    )
    found = [LOCAL in p.theme_names for p in retrained.predict(held_out)]
    false_alarms = [LOCAL in p.theme_names for p in retrained.predict(other_comments)]

    assert sum(found) >= 6, f"found the local theme in {sum(found)} of {len(held_out)} held-out answers"
    assert sum(false_alarms) <= len(other_comments) * 0.05
    # The national themes still work after retraining.
    assert "Timeliness of care" in retrained.predict(["Waited five hours for the ambulance to come"])[0].theme_names
