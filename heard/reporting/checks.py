"""The plain-language check on what staff write for the public (heard.lib.plainwords, when Heard has it)."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from heard.reporting.models import ReportSection


@dataclass(frozen=True)
class LanguageNote:
    section: str
    section_id: int
    message: str


def checker() -> Any | None:
    """heard.lib.plainwords' `check`, or None when this Heard has no plain-language checker."""
    try:
        module = importlib.import_module("heard.lib.plainwords")
    except ImportError:
        return None
    return getattr(module, "check", None)


def _describe(finding: Any) -> str:
    for name in ("message", "text", "explanation"):
        value = getattr(finding, name, None)
        if isinstance(value, str) and value:
            suggestion = getattr(finding, "suggestion", "") or ""
            return f"{value} Try: {suggestion}" if suggestion and suggestion not in value else value
    return str(finding)


def check_text(text: str) -> list[str]:
    check = checker()
    if check is None or not text.strip():
        return []
    result = check(text)
    findings = getattr(result, "findings", result)
    return [_describe(f) for f in findings or []]


def plain_language_findings(sections: list[ReportSection]) -> list[LanguageNote]:
    """What the checker finds in each section's narrative, section by section."""
    notes = []
    for section in sections:
        for message in check_text(section.narrative):
            notes.append(LanguageNote(section.heading, section.pk, message))
    return notes
