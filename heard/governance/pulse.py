"""Reading temperature checks: a round's results (only once it is closed and has at least five answers) and the
trend over rounds."""

from __future__ import annotations

import random
from dataclasses import dataclass

from heard.governance.models import PULSE_QUESTIONS, PulseAnswer, PulseRound
from heard.governance.models.pulse import MIN_ANSWERS


@dataclass(frozen=True)
class QuestionResult:
    question: str
    average: float
    counts: list[int]  # answers of 1, 2, 3, 4, 5


@dataclass(frozen=True)
class RoundResults:
    pulse_round: PulseRound
    answers: int
    questions: list[QuestionResult]
    comments: list[str]


def results(pulse_round: PulseRound) -> RoundResults | None:
    """None until the round is closed, and for a round with fewer than five answers: a single answer, or a few,
    would be the answer of someone the group could name."""
    if not pulse_round.closed:
        return None
    answers = list(PulseAnswer.objects.filter(round=pulse_round))
    if len(answers) < MIN_ANSWERS:
        return None
    questions = []
    for name, text in PULSE_QUESTIONS:
        scores = [getattr(a, name) for a in answers]
        questions.append(
            QuestionResult(text, round(sum(scores) / len(scores), 1), [scores.count(n) for n in range(1, 6)])
        )
    comments = [a.comment for a in answers if a.comment]
    random.SystemRandom().shuffle(comments)
    return RoundResults(pulse_round, len(answers), questions, comments)


def trend() -> list[RoundResults]:
    """Closed rounds with results, oldest first."""
    closed = PulseRound.objects.filter(closed=True).order_by("opens_on", "id")
    return [r for r in (results(p) for p in closed) if r is not None]


def answer_count(pulse_round: PulseRound) -> str:
    """How many have answered, as the group may see it while a round is open: only "fewer than 5" or the number
    once it is 5 or more (a count that moves from 1 to 2 tells who just answered)."""
    n = PulseAnswer.objects.filter(round=pulse_round).count()
    return "fewer than 5" if n < MIN_ANSWERS else str(n)
