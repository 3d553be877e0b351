"""The plain-language check (heard.lib.plainwords) on what staff write for the public: shown as they edit and
listed before publishing."""

from __future__ import annotations

from dataclasses import dataclass

from heard.lib import plainwords
from heard.reporting.models import ReportSection


@dataclass(frozen=True)
class LanguageNote:
    section: str
    section_id: int
    message: str


def check_text(text: str) -> list[str]:
    """Each finding in plain words, with what to write instead."""
    notes = []
    for finding in plainwords.check(text):
        suggestion = finding.suggestion
        notes.append(
            f"{finding.message} Try: {suggestion}"
            if suggestion and suggestion not in finding.message
            else finding.message
        )
    return notes


def plain_language_findings(sections: list[ReportSection]) -> list[LanguageNote]:
    """What the checker finds in each section's narrative, section by section."""
    notes = []
    for section in sections:
        for message in check_text(section.narrative):
            notes.append(LanguageNote(section.heading, section.pk, message))
    return notes
