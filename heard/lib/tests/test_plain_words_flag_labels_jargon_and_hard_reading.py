"""The plain-words check: labels the partnership rejects, jargon, unexplained acronyms, long sentences and a
high reading age are each found with a plainer suggestion; plain, explained text gets no finding."""

from __future__ import annotations

import pytest

from heard.lib import plainwords
from heard.lib.plainwords import check, reading_level, syllables


def rules(text: str) -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in check(text)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("We spoke to vulnerable people in the area.", "vulnerable people"),
        ("Hard to reach groups were asked.", "Hard to reach"),
        ("Some hard-to-reach residents came.", "hard-to-reach"),
        ("Service users told us about waiting.", "Service users"),
        ("Every service user was asked.", "service user"),
        ("We met BAME residents.", "BAME"),
        ("The elderly find it hard.", "The elderly"),
        ("People suffering from diabetes came.", "suffering from"),
    ],
)
def test_labels_for_people_are_found_with_a_plainer_suggestion(text: str, found: str) -> None:
    findings = [f for f in check(text) if f.rule == "label"]
    assert [f.text for f in findings] == [found]
    assert findings[0].suggestion and findings[0].message
    assert text[findings[0].start : findings[0].end] == found


def test_bame_is_a_label_not_an_acronym_to_explain() -> None:
    assert rules("We met BAME residents.") == [("label", "BAME")]


def test_jargon_gets_a_plain_word() -> None:
    findings = check("We will utilise the findings going forward and tell stakeholders.")
    assert [(f.rule, f.text) for f in findings] == [
        ("jargon", "utilise"),
        ("jargon", "going forward"),
        ("jargon", "stakeholders"),
    ]
    assert findings[0].suggestion == 'Try "use".'


@pytest.mark.parametrize("acronym", ["ICB", "PCN", "CCG", "VCSE", "JSNA"])
def test_an_unexplained_acronym_is_found_with_what_it_stands_for(acronym: str) -> None:
    findings = check(f"We told the {acronym} what residents said.")
    assert [(f.rule, f.text) for f in findings] == [("acronym", acronym)]
    assert plainwords.ACRONYMS[acronym] in findings[0].suggestion


def test_an_unknown_acronym_is_found_too() -> None:
    findings = check("The QWZ met on Monday.")
    assert [(f.rule, f.text) for f in findings] == [("acronym", "QWZ")]
    assert "stands for" in findings[0].suggestion


@pytest.mark.parametrize(
    "text",
    [
        "The integrated care board (ICB) met. The ICB listened.",
        "The ICB (integrated care board) met. The ICB listened.",
        "Our partners' Community Language Support Services (CLSS) called practices. CLSS staff helped.",
        "The voluntary, community and social enterprise (VCSE) sector helped.",
        "The primary care network met. Later the PCN wrote back.",
    ],
)
def test_an_explained_acronym_is_fine(text: str) -> None:
    assert [f for f in check(text) if f.rule == "acronym"] == []


def test_everyday_abbreviations_and_capital_headings_are_fine() -> None:
    assert check("Your GP and the NHS are there for you. Go to A&E if it is urgent.") == []
    assert check("WHAT WE HEARD FROM RESIDENTS THIS YEAR\nPeople told us about waiting.") == []


def test_a_sentence_over_25_words_is_found() -> None:
    long = "Residents " + " ".join(["said"] * 25) + "."
    findings = check(f"This one is short. {long} This one is short too.")
    assert [(f.rule, f.text) for f in findings if f.rule == "long_sentence"] == [("long_sentence", long)]
    assert "26 words" in findings[0].message
    assert [f.rule for f in check(" ".join(["word"] * 25) + ".")] == []


def test_hard_reading_is_found_and_plain_reading_is_not() -> None:
    hard = (
        "The organisational reconfiguration necessitates comprehensive evaluation of commissioning arrangements. "
        "Consequently, representatives recommended multidisciplinary consultation regarding implementation. "
        "Furthermore, accessibility considerations necessitate additional investigation. "
        "Organisations demonstrated insufficient understanding of intersectional disadvantage."
    )
    findings = check(hard)
    assert findings[-1].rule == "reading_age"
    assert reading_level(hard).age > 12
    easy = (
        "We talked to people who live here. They told us it is hard to see a doctor. They want to be heard. "
        "They want help in their own language. We will tell the people who run the doctors. We will write to "
        "you in March."
    )
    assert reading_level(easy).age <= 12
    assert check(easy) == []


def test_syllables_come_from_the_dictionary_or_the_vowels() -> None:
    assert syllables("interpreter") == 4
    assert syllables("community") == 4
    assert syllables("people") == 2
    assert syllables("listened") == 2 or syllables("listened") == 3  # hyphenation splits it as lis-ten-ed
    assert syllables("the") == 1


def test_text_in_another_language_is_left_to_its_translators() -> None:
    assert check("Waxaan la hadalnay dadka nugul.", language="so") == []
    assert check("") == []
