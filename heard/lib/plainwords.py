"""Plain words: a check of what Heard writes for the public, with a suggestion in plain words for each finding.

It flags what the partnership's own principles reject ("talk human"; "avoid labels and the medical model"):
- labels for people: "vulnerable", "hard to reach", "service users", "BAME", "the elderly", "suffering from"...
- jargon with a plainer word: "stakeholders", "utilise", "signposting", "going forward"...
- acronyms nobody has explained (ICB, PCN, CCG, VCSE, JSNA...): an acronym is explained once it is written out
  in brackets nearby, "integrated care board (ICB)" or "ICB (integrated care board)";
- sentences over 25 words;
- a reading age above the target, from the Flesch reading ease (syllables from pyphen's en_GB dictionary, with a
  vowel count where the dictionary does not split a short word).

English only: text in another language gets no findings (its translators check it). Pure Python, no Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Final, Literal

Rule = Literal["label", "jargon", "acronym", "long_sentence", "reading_age"]

MAX_WORDS: Final = 25
TARGET_AGE: Final = 12  # a reading age most residents read with ease (the NHS aims lower still, for 9 to 11)

# Labels the seeds reject, with what to write instead. Patterns are whole words, any case.
LABELS: Final[list[tuple[str, str, str]]] = [
    (
        r"(?:most |more |the )?vulnerable(?: people| groups?| residents| communities| adults)?",
        '"Vulnerable" labels people instead of what they face.',
        'Say what makes things harder: "residents who cannot get to appointments", "people on a low income".',
    ),
    (
        r"hard[- ]to[- ]reach",
        '"Hard to reach" blames people for what services do not do.',
        '"people services do not reach", "communities we had not heard from", or name the community.',
    ),
    (
        r"service[- ]users?",
        '"Service users" makes people a function of a service.',
        '"residents", "people who use the service", or "patients" where that is meant.',
    ),
    (
        r"B\.?A\.?M\.?E\.?|B\.?M\.?E",
        '"BAME" lumps many communities into one label that few people use for themselves.',
        'Name the communities ("Somali, Bengali and Eritrean residents") or say "ethnic minority communities".',
    ),
    (r"the elderly", '"The elderly" labels people by age.', '"older people" or "older residents".'),
    (
        r"suffer(?:s|ing)? from|sufferers?",
        '"Suffering from" is the medical model: people live with a condition.',
        '"living with", "who has", "people with".',
    ),
    (r"wheelchair[- ]bound", '"Wheelchair-bound" describes a wheelchair as a limit.', '"wheelchair user".'),
    (r"the disabled|handicapped", "A label for people, not the barriers they meet.", '"disabled people".'),
    (r"the homeless", "A label for people.", '"people without a home", "people who are homeless".'),
    (r"beneficiar(?:y|ies)", "A funder's word for people.", '"residents", "people", or who they are.'),
]

JARGON: Final[dict[str, str]] = {
    "stakeholders": 'name them: "partners", "the council", "the NHS"',
    "stakeholder": 'name them: "partner", "the council", "the NHS"',
    "utilise": "use",
    "utilize": "use",
    "utilisation": "use",
    "leverage": "use",
    "facilitate": "help, run or make easier",
    "signposting": "telling people where to get help",
    "signpost": "tell people where to get help",
    "signposted": "told where to get help",
    "going forward": "from now on",
    "touch base": "talk",
    "cohort": "group",
    "deliverables": "what we will do",
    "capacity building": "help to do more",
    "holistic": "whole-person or joined-up",
    "interventions": "support, treatment or services",
    "workstream": "piece of work",
    "upskill": "train",
    "in order to": "to",
    "prior to": "before",
    "commence": "start",
    "ascertain": "find out",
    "approximately": "about",
    "in excess of": "more than",
    "synergy": "working together",
    "paradigm": "way of thinking",
}

# Acronyms and what they stand for (an explanation nearby, or these words, explain them).
ACRONYMS: Final[dict[str, str]] = {
    "ICB": "integrated care board",
    "ICS": "integrated care system",
    "ICP": "integrated care partnership",
    "PCN": "primary care network",
    "CCG": "clinical commissioning group",
    "VCSE": "voluntary, community and social enterprise",
    "VCS": "voluntary and community sector",
    "JSNA": "joint strategic needs assessment",
    "HWB": "health and wellbeing board",
    "CQC": "Care Quality Commission",
    "PALS": "Patient Advice and Liaison Service",
    "CAMHS": "children and young people's mental health services",
    "SEND": "special educational needs and disabilities",
    "IMD": "index of multiple deprivation",
    "LSOA": "a small area of about 1,500 people",
    "ONS": "Office for National Statistics",
    "KPI": "key performance indicator",
    "EDI": "equality, diversity and inclusion",
    "ESOL": "English for speakers of other languages",
    "PPG": "patient participation group",
    "BSL": "British Sign Language",
    "CLSS": "Community Language Support Services",
    "UKHSA": "UK Health Security Agency",
    "LA": "local authority",
}
# Known to nearly everyone: never flagged.
EVERYDAY: Final = frozenset(
    {
        "GP",
        "GPS",
        "NHS",
        "UK",
        "OK",
        "A&E",
        "TV",
        "COVID",
        "COVID-19",
        "BBC",
        "ID",
        "PDF",
        "MP",
        "MPS",
        "AM",
        "PM",
        "FAQ",
        "LGBT",
        "LGBTQ",
        "LGBTQ+",
        "I",
        "A",
        "II",
        "III",
        "IV",
        "USA",
        "EU",
        "UN",
        "CEO",
        "IT",
        "OR",
        "AND",
    }
)
SMALL_WORDS: Final = frozenset({"and", "of", "the", "for", "in", "on", "to", "a", "an", "&", "with"})


@dataclass(frozen=True)
class Finding:
    rule: Rule
    text: str  # the words found, or the sentence
    start: int  # where in the text
    end: int
    message: str  # what is wrong, in plain words
    suggestion: str  # what to write instead


@dataclass(frozen=True)
class ReadingLevel:
    words: int
    sentences: int
    syllables: int
    ease: float  # Flesch reading ease: 100 very easy, 60-70 plain English, under 30 very hard
    age: int  # the reading age that goes with it (years)


WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n\s*\n|\n(?=\s*[-•*\d])")


def _sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences (a blank line, a list item or a full stop before a capital ends one)."""
    spans, start = [], 0
    for match in SENTENCE_END.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if WORD.search(text[a:b])]


@cache
def _dictionary() -> object:
    import pyphen

    return pyphen.Pyphen(lang="en_GB", left=1, right=1)


def _vowel_groups(word: str) -> int:
    word = word.lower().strip("'’-")
    groups = len(re.findall(r"[aeiouy]+", word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and groups > 1:
        groups -= 1  # a silent e: "make", "residence"
    elif re.search(r"[^td]ed$", word) and groups > 1:
        groups -= 1  # "listened", not "wanted"
    return max(groups, 1)


def syllables(word: str) -> int:
    """pyphen's en_GB hyphenation points plus one, or the vowel groups where pyphen splits less."""
    dictionary = _dictionary()
    hyphenated = len(dictionary.positions(word)) + 1  # type: ignore[attr-defined]
    return max(hyphenated, _vowel_groups(word))


AGE_FOR_EASE: Final = [(90.0, 10), (80.0, 11), (70.0, 12), (60.0, 14), (50.0, 16), (30.0, 18), (0.0, 21)]


def reading_level(text: str) -> ReadingLevel:
    """Flesch reading ease and the reading age for it (90+ about 10 years; 60-70, plain English, about 14)."""
    words = WORD.findall(text)
    sentences = max(len(_sentences(text)), 1)
    count = max(len(words), 1)
    syllable_count = sum(syllables(word) for word in words)
    ease = 206.835 - 1.015 * (count / sentences) - 84.6 * (syllable_count / count)
    age = next(age for floor, age in AGE_FOR_EASE if ease >= floor) if ease >= 0 else 22
    return ReadingLevel(len(words), sentences, syllable_count, round(ease, 1), age)


def _labels(text: str) -> list[Finding]:
    out = []
    for pattern, message, suggestion in LABELS:
        flags = 0 if pattern.startswith("B\\.?A") else re.IGNORECASE
        for match in re.finditer(rf"\b{pattern}\b", text, flags):
            out.append(Finding("label", match.group(0), match.start(), match.end(), message, suggestion))
    return out


def _jargon(text: str) -> list[Finding]:
    out = []
    for phrase, plain in JARGON.items():
        for match in re.finditer(rf"\b{re.escape(phrase)}\b", text, re.IGNORECASE):
            out.append(
                Finding(
                    "jargon",
                    match.group(0),
                    match.start(),
                    match.end(),
                    f'"{match.group(0)}" is jargon.',
                    f'Try "{plain}".' if not plain.startswith("name") else f"{plain[0].upper()}{plain[1:]}.",
                )
            )
    return out


def _initials(words: list[str]) -> str:
    return "".join(w[0].upper() for w in words if w.lower() not in SMALL_WORDS)


def _explained(acronym: str, text: str) -> bool:
    """Written out in brackets somewhere: "words (ACR)" or "ACR (words)", the words' initials spelling it; or its
    usual expansion is in the text."""
    letters = acronym.rstrip("s").upper()
    for match in re.finditer(rf"\(\s*{re.escape(acronym)}s?\s*\)", text):
        before = WORD.findall(text[max(0, match.start() - 160) : match.start()])
        for size in range(len(letters), len(letters) + 4):
            if _initials(before[-size:]).endswith(letters) and _initials(before[-size:]).startswith(letters[0]):
                return True
    for match in re.finditer(rf"\b{re.escape(acronym)}s?\s*\(([^)]+)\)", text):
        if _initials(WORD.findall(match.group(1))).startswith(letters[:1]) and len(match.group(1).split()) >= 2:
            return True
    known = ACRONYMS.get(letters)
    return bool(known and known.lower() in text.lower())


def _shouting(text: str, start: int, end: int) -> bool:
    """Whether the line around a match is written in capitals (a heading, a sign), so it holds no acronym."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end != -1 else len(text)]
    letters = [c for c in line if c.isalpha()]
    return len(WORD.findall(line)) > 3 and sum(c.isupper() for c in letters) > 0.6 * len(letters)


def _acronyms(text: str) -> list[Finding]:
    out, seen = [], set()
    for match in re.finditer(r"(?<![\w&])([A-Z][A-Z&]{1,5})(s?)(?![\w&])", text):
        key = match.group(1)
        if key in EVERYDAY or key in {"BAME", "BME"} or key in seen or _shouting(text, match.start(), match.end()):
            continue
        seen.add(key)
        if _explained(key, text):
            continue
        meaning = ACRONYMS.get(key)
        suggestion = (
            f'Write it out the first time: "{meaning} ({key})", or just "{meaning}".'
            if meaning
            else f"Write out what {key} stands for the first time, with {key} in brackets after it."
        )
        out.append(Finding("acronym", key, match.start(), match.end(), f"{key} is not explained.", suggestion))
    return out


def _long_sentences(text: str, max_words: int) -> list[Finding]:
    out = []
    for start, end in _sentences(text):
        sentence = text[start:end].strip()
        count = len(WORD.findall(sentence))
        if count > max_words:
            out.append(
                Finding(
                    "long_sentence",
                    sentence,
                    start,
                    end,
                    f"This sentence has {count} words.",
                    f"Split it into two or more sentences of under {max_words} words (15 to 20 reads best).",
                )
            )
    return out


def check(
    text: str, *, language: str = "en", max_words: int = MAX_WORDS, target_age: int = TARGET_AGE
) -> list[Finding]:
    """Every finding in `text`, in the order they appear; the reading age (when too high) last."""
    if not language.lower().startswith("en") or not text.strip():
        return []
    findings = _labels(text) + _jargon(text) + _acronyms(text) + _long_sentences(text, max_words)
    findings.sort(key=lambda f: (f.start, f.rule))
    level = reading_level(text)
    if level.words >= 20 and level.age > target_age:  # fewer words say little about reading age
        findings.append(
            Finding(
                "reading_age",
                "",
                0,
                len(text),
                f"Reading age about {level.age} (Flesch reading ease {level.ease:.0f}); aim for {target_age} or under.",
                "Use shorter sentences and everyday words of one or two syllables.",
            )
        )
    return findings
