"""Residents and workers write names and dates of birth without a title or a cue word: at the start of a sentence,
after a label, straight after a name. These are found; ordinary words, places and recent dates stay."""

from __future__ import annotations

import pytest

from heard.lib.redaction import redact


def kinds_found(text: str) -> dict[str, str]:
    return {s.original: s.kind.value for s in redact(text).spans}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Contact: Abdiqani Farah", "Abdiqani Farah"),
        ("Name - Olesya Bondar", "Olesya Bondar"),
        ("Interpreter: Ramatoulaye Diop", "Ramatoulaye Diop"),
        ("Resident: Bilal Ahmadzai. Concern: the pharmacy.", "Bilal Ahmadzai"),
        ("Tsehay Gebru told us the GP never called back.", "Tsehay Gebru"),
        ("Nomvula Sithole said the leaflets were only in English.", "Nomvula Sithole"),
        ("Mirela Stanciu, 47, cleans at the hospital.", "Mirela Stanciu"),
        ("Feedback from Wiesława Kubiak about her hearing aid.", "Wiesława Kubiak"),
        ("Kwaku Boateng-Mensah helps at the mosque.", "Kwaku Boateng-Mensah"),
        ("I'm Patience Chirwa and I care for my mother.", "Patience Chirwa"),
        ("Victoria told us the nurse was kind.", "Victoria"),
    ],
)
def test_it_finds_names_of_many_origins_without_a_title(text: str, name: str) -> None:
    assert kinds_found(text).get(name) == "name"


def test_it_takes_the_given_names_before_a_listed_surname() -> None:
    assert kinds_found("We spoke to Zarlasht Mohammadi at the market.") == {"Zarlasht Mohammadi": "name"}


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Hamza Qaderi, 14/07/1963, has waited a year.", "14/07/1963"),
        ("Jonas Petraitis (3.9.1958) lives alone.", "3.9.1958"),
        ("Yewande Bello 1971-12-30 asked for a home visit.", "1971-12-30"),
        ("Ines Carvalho, 2nd February 1980, works nights.", "2nd February 1980"),
        ("Omid Jafari, February 2nd 1980, works nights.", "February 2nd 1980"),
        ("Halyna Melnyk 1966/04/09 needs large print.", "1966/04/09"),
        ("Tell them I was 05.11.1957 on the form.", "05.11.1957"),
    ],
)
def test_it_finds_dates_of_birth_after_a_name_or_far_in_the_past(text: str, date: str) -> None:
    assert kinds_found(text).get(date) == "date of birth"


@pytest.mark.parametrize(
    "text",
    [
        "Grace periods for missed appointments would help.",
        "Hope is what keeps people going.",
        "Mark the date: the next session is on 12 March.",
        "Victoria Park was busy on Saturday.",
        "The session ran from 1 October 2026 to 30 November 2026.",
        "Age UK Islington told us that loneliness is rising.",
        "Citizens Advice said many people cannot pay for prescriptions.",
        "The Homerton and the Whittington both had long waits.",
        "Older Kurdish residents prefer face to face appointments.",
        "From May to June the clinic was closed.",
        "I'm Eritrean and I came in 2015.",
        "The clinic moved on 3 March 2019.",
    ],
)
def test_it_leaves_ordinary_words_places_organisations_and_recent_dates(text: str) -> None:
    assert redact(text).spans == ()
