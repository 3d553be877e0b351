"""What the coding grid shows for each answer: the themes people coded, the suggestions still open (confidence in
words, pre-selected only at or above the project's threshold) and the ones people rejected."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from heard.analysis.models import DEFAULT_SUGGESTION_THRESHOLD, Code, CodingSettings, Theme

VERY_LIKELY = 0.85


def threshold_for(project_id: int) -> float:
    """The confidence below which a project's suggestions are never pre-selected (host staff set it)."""
    value = CodingSettings.objects.filter(project_id=project_id).values_list("suggestion_threshold", flat=True).first()
    return DEFAULT_SUGGESTION_THRESHOLD if value is None else float(value)


def confidence_words(confidence: float, threshold: float) -> tuple[str, str]:
    """(level, words): "very likely", "likely" at or above the threshold, "unsure" below it."""
    if confidence >= max(VERY_LIKELY, threshold):
        return "very-likely", "very likely"
    if confidence >= threshold:
        return "likely", "likely"
    return "unsure", "unsure"


@dataclass(frozen=True)
class OpenSuggestion:
    theme: Theme
    confidence: float
    level: str
    words: str
    preselected: bool

    @property
    def percent(self) -> int:
        return round(self.confidence * 100)

    # As text for the grid's rows: a number in a template goes through localisation (a twentieth of the page's
    # Python at 20 answers a page).
    @property
    def percent_text(self) -> str:
        return str(self.percent)

    @property
    def theme_key(self) -> str:
        return str(self.theme.pk)


def decisions(answer_ids: list[int]) -> dict[int, dict[int, bool]]:
    """For each answer, every theme a person decided on and whether it applies (the latest decision wins)."""
    latest: dict[tuple[int, int], tuple[Any, bool]] = {}
    rows = Code.objects.filter(answer_id__in=answer_ids).values_list("answer_id", "theme_id", "applied", "coded_at")
    for answer_id, theme_id, applied, at in rows:
        key = (answer_id, theme_id)
        if key not in latest or at > latest[key][0]:
            latest[key] = (at, applied)
    result: dict[int, dict[int, bool]] = {}
    for (answer_id, theme_id), (_, applied) in latest.items():
        result.setdefault(answer_id, {})[theme_id] = applied
    return result


_MARKER = "987654321"  # stands for the answer's id in a URL reversed once


def _url_pattern(name: str) -> str:
    return reverse(name, args=[int(_MARKER)])


# The sentiment a person may choose for an answer, 1 (very positive) to 5 (very negative).
SENTIMENTS = [
    (1, "1 very positive"),
    (2, "2 positive"),
    (3, "3 neutral or mixed"),
    (4, "4 negative"),
    (5, "5 very negative"),
]


def decorate(answers: list[Any], threshold: float) -> None:
    """Sets coded_themes, open_suggestions, rejected_themes and preselected_count on each answer (with its codes
    and suggestions prefetched). A suggestion whose theme anyone decided on, either way, is no longer open."""
    decided = decisions([a.pk for a in answers])
    urls = [_url_pattern(name) for name in ("analysis:code", "analysis:accept", "analysis:sentiment")]
    for answer in answers:
        mine = decided.get(answer.pk, {})
        themes = {code.theme_id: code.theme for code in answer.codes.all()}
        answer.applied_ids = {t for t, applied in mine.items() if applied}
        answer.coded_themes = sorted((themes[t] for t in answer.applied_ids), key=lambda t: t.name)
        answer.rejected_themes = sorted((themes[t] for t, applied in mine.items() if not applied), key=lambda t: t.name)
        answer.open_suggestions = [
            OpenSuggestion(s.theme, s.confidence, *confidence_words(s.confidence, threshold), s.confidence >= threshold)
            for s in sorted(answer.suggestions.all(), key=lambda s: -s.confidence)
            if s.theme_id not in mine
        ]
        answer.preselected_count = sum(1 for s in answer.open_suggestions if s.preselected)
        # Each row's forms post to these: reversed once a page, not once a form (a row has up to a dozen).
        # None rather than an exception the template would look up a dozen times (each costs a dir() of the answer).
        answer.sentiment_or_none = getattr(answer, "sentiment", None)
        pk = str(answer.pk)
        answer.key = pk  # text, not a number the template would localise a dozen times a row
        score = getattr(answer.sentiment_or_none, "score", None)
        answer.sentiment_options = [(str(n), label, n == score) for n, label in SENTIMENTS]
        answer.code_url, answer.accept_url, answer.sentiment_url = (url.replace(_MARKER, pk) for url in urls)
