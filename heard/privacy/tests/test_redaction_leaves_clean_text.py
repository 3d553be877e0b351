"""Text without personal details comes back unchanged: places, services, medicines, numbers, ordinary words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from heard.lib.redaction import redact

CLEAN = [
    "I waited 3 hours at the Whittington and nobody checked on me.",
    "It cost £120 to get a private prescription.",
    "Ward 12 was short staffed every single night.",
    "My mother, aged 85, was left on a trolley.",
    "Islington council cut the day centre in 2018; Hackney did the same.",
    "I take omeprazole, Sertraline and amlodipine every day.",
    "NHS 111 was useless, they just said to go to A&E or see the GP.",
    "May is the month when the hay fever is worst.",
    "Will the new health centre have interpreters?",
    "Grace, kindness and patience are what we want from staff.",
    "Hope you can do something. Joy and relief when the results came back.",
    "Mark my words, things will get worse. Frank conversations would help.",
    "The Turkish, Kurdish and Somali women in our group said the same.",
    "St Pancras Hospital and Moorfields were excellent; the Royal Free was fine.",
    "Call 111 or 999 if it is an emergency.",
    "The Marie Curie nurses came at the end, and Victoria Park helps my mood.",
    "I have been on Rowan 1 for a long time.",
    "Take 2 tablets 3 times a day for 7 days; my blood pressure was 160 over 100.",
    "Christmas, Easter and Eid are lonely for my mum on Monday and Friday.",
    "my son hung up, my mum said no, the nurse sang and my dad collapsed at home.",
    "I am Housebound and I am Autistic; I'm Black British and my mum has Alzheimers.",
    "The Helen Bamber Foundation helped; I was on Mary Ward, then the Desmond course.",
]


@pytest.mark.parametrize("text", CLEAN)
def test_it_leaves_sentences_without_personal_details_unchanged(text: str) -> None:
    result = redact(text)
    assert result.text == text, [s.original for s in result.spans]


def test_it_returns_empty_text_as_it_is() -> None:
    assert redact("").text == ""
    assert redact("").spans == ()


@given(st.text(max_size=200))
def test_it_never_fails_and_keeps_everything_outside_the_spans(text: str) -> None:
    result = redact(text)
    position = 0
    for span in result.spans:
        assert span.start >= position
        assert text[span.start : span.end] == span.original
        position = span.end
    assert result.keeping(range(len(result.spans))) == text
