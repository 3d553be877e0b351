"""Spotting free text that suggests a risk of harm, so that a person (a safeguarding lead) looks at it.

This never decides anything: it raises a flag for people to review. It errs towards flagging: a lead dismissing a
false flag costs a minute; a missed disclosure can cost much more. Patterns are English; text in other languages
is checked through its English translation where one exists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# kind -> (label, patterns). Patterns are matched case-insensitively on word boundaries.
CONCERNS: dict[str, tuple[str, list[str]]] = {
    "self_harm": (
        "Self-harm or suicide",
        [
            r"(kill|killing|hurt|hurting|harm|harming|cut|cutting) (my ?self|myself)",
            r"self[- ]harm\w*",
            r"suicid\w*",
            r"end (it all|my life)",
            r"take my (own )?life",
            r"(don'?t|do not|did not|didn'?t|no longer) want to (live|be alive|be here)",
            r"better off (dead|without me)",
            r"overdos\w*",
            r"no reason to live",
        ],
    ),
    "domestic_abuse": (
        "Domestic abuse",
        [
            r"(my|her|his|their) (husband|wife|partner|ex|boyfriend|girlfriend|son|daughter)"
            r" (hits|hit|beats|beat|kicks|kicked|threatens|threatened|controls|hurts|hurt|chokes|strangled)",
            r"domestic (abuse|violence)",
            r"(hits|hit|beats|beat) me",
            r"afraid (of|to go home|to go back)",
            r"scared (of my|to go home)",
            r"(not|never) allowed (out|to leave|to go out|to see)",
            r"takes? (all )?my (money|benefits|passport|documents)",
            r"forced (me )?to marry|forced marriage",
        ],
    ),
    "child_at_risk": (
        "A child at risk",
        [
            r"(child|children|kids?|son|daughter|baby|babies)\b.{0,40}\b"
            r"(left alone|home alone|not fed|no food|hungry all|being hit|beaten|abused|unsafe|in danger)",
            r"(hits|hit|beats|beat|hurts|hurt) (the|my|our|her|his) (child|children|kids?|son|daughter|baby)",
            r"(fgm|female genital|cutting ceremony)",
            r"groom(ed|ing)",
            r"child (abuse|neglect|protection)",
        ],
    ),
    "abuse": (
        "Abuse or exploitation",
        [
            r"(sexual|physical|financial|emotional) (abuse|assault)",
            r"(abused|assaulted|raped|rape|molested|trafficked|exploited)",
            r"(carer|care worker|landlord|staff member|boss) (hits|hit|steals|stole|hurts|hurt|threatens|threatened)",
            r"modern slavery|working for no pay|keeps? my passport",
        ],
    ),
    "neglect": (
        "Neglect",
        [
            r"(left|lying|sitting) in (my|her|his|their) own (urine|faeces|feces|mess|soiled)",
            r"(no one|nobody|no-one) (has )?(come|came|visited|checked on (me|her|him|them))",
            r"(not|haven'?t|hasn'?t) (eaten|had food|had anything to eat) (for|in) (days|\d+ days)",
            r"(no|without) (heating|food|water) for (days|weeks)",
            r"(pressure sores?|bed sores?) (were|was )?(left|untreated|ignored)",
            r"self[- ]neglect",
        ],
    ),
}

_COMPILED = {
    kind: (label, [re.compile(rf"\b(?:{p})\b", re.IGNORECASE) for p in patterns])
    for kind, (label, patterns) in CONCERNS.items()
}
# Phrases that mention a risk word without a disclosure ("the suicide prevention leaflet").
_NOT_A_DISCLOSURE = re.compile(
    r"\b(prevention|awareness|training|leaflet|poster|helpline number|campaign|policy)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class Concern:
    kind: str
    label: str
    excerpt: str
    start: int
    end: int


def find_concerns(text: str) -> list[Concern]:
    """The possible risks of harm in `text`, at most one per kind, in the order they appear."""
    if not text:
        return []
    found: list[Concern] = []
    for kind, (label, patterns) in _COMPILED.items():
        for pattern in patterns:
            match = pattern.search(text)
            if match is None:
                continue
            window = text[max(0, match.start() - 40) : match.end() + 40]
            if (
                kind in ("self_harm", "child_at_risk")
                and _NOT_A_DISCLOSURE.search(window)
                and ("my" not in window.lower().split())
            ):
                continue
            found.append(Concern(kind, label, _excerpt(text, match.start(), match.end()), match.start(), match.end()))
            break
    return sorted(found, key=lambda c: c.start)


def _excerpt(text: str, start: int, end: int, margin: int = 60) -> str:
    left = max(0, start - margin)
    right = min(len(text), end + margin)
    return ("…" if left else "") + text[left:right].strip() + ("…" if right < len(text) else "")
