"""Writing the machine's theme suggestions and sentiment for many answers at once (for `actions.suggest_themes`).

What the model says is compared with what is stored, and only the difference is written, each kind in one
statement: the suggestions that no longer apply are deleted, new and changed ones are upserted, and so is each
answer's suggested sentiment. Rows that did not change are not touched, so running the suggestions again with the
same model writes nothing, fires no trigger and keeps every cached figure (heard.engagement.generation).

Why not delete everything and insert it again, an `update_or_create` per answer: that was five round trips per
answer and a trigger per row each time (the theme summary's, heard.analysis.summary), 80-90 answers a second,
and a second worker made it slower, not faster, as each project's transaction held its data generation row
(bumped by its first statement) for as long as the per-answer writes took. Now a project's transaction is a few
statements long.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from heard.analysis.models import AnswerSentiment, Suggestion
from heard.lib.classify.model import Prediction
from heard.lib.classify.readable import known_words, words_to_suggest_from

# Rows a statement writes at most (PostgreSQL takes 65,535 parameters in one; SQLite 32,766 since 3.32).
BATCH = 2000
T = TypeVar("T")


@dataclass
class Wanted:
    """What the model says about a project's answers."""

    version: str
    suggestions: dict[tuple[int, int], float] = field(default_factory=dict)  # (answer, theme) -> confidence
    sentiment: dict[int, int | None] = field(default_factory=dict)  # answer -> suggested score
    needs_person: set[int] = field(default_factory=set)  # answers the model cannot read


@dataclass
class Plan:
    """A task's answers by project, and what each project's model says about those it can read."""

    answers: dict[int, list[int]]  # project -> its answers
    unreadable: set[int]
    predictions: dict[int, Prediction]  # answer -> what its project's model says
    versions: dict[int, str]  # project -> its model's version

    def wanted(self, project_id: int, themes: dict[str, int]) -> Wanted:
        """What the project's model says about its answers, with its codebook's themes (name -> id)."""
        wanted = Wanted(version=self.versions[project_id])
        for answer_id in self.answers[project_id]:
            if answer_id in self.unreadable:
                wanted.needs_person.add(answer_id)
                continue
            prediction = self.predictions[answer_id]
            wanted.sentiment[answer_id] = prediction.sentiment
            for score in prediction.themes:
                if score.theme in themes:
                    wanted.suggestions[(answer_id, themes[score.theme])] = score.confidence
        return wanted


def plan(answers: list[tuple[int, str, str, str, int]], models: dict[int, tuple[object, str]]) -> Plan:
    """Reads `answers` ((id, text, English text, language, project) each) with their project's model (project ->
    (model, version)): each model reads all its answers at once (most projects share the national one)."""
    by_project: dict[int, list[int]] = defaultdict(list)
    unreadable: set[int] = set()
    readable: dict[int, list[tuple[int, str]]] = defaultdict(list)  # id(model) -> (answer, words)
    known = {id(model): known_words(model) for model, _ in models.values()}
    for answer_id, text, english_text, language, project_id in answers:
        model = models[project_id][0]
        by_project[project_id].append(answer_id)
        words = words_to_suggest_from(text, english_text, language, known[id(model)])
        if words is None:
            unreadable.add(answer_id)
        else:
            readable[id(model)].append((answer_id, words))
    predictions: dict[int, Prediction] = {}
    for model, _ in {id(m): (m, v) for m, v in models.values()}.values():
        texts = readable[id(model)]
        found = model.predict([words for _, words in texts])  # type: ignore[attr-defined]
        predictions.update(zip([answer_id for answer_id, _ in texts], found, strict=True))
    return Plan(by_project, unreadable, predictions, {p: version for p, (_, version) in models.items()})


@dataclass
class Stored:
    """What is stored for a project's answers in a task, read in two queries."""

    suggestions: dict[int, list[tuple[int, int, float, str]]]  # answer -> [(pk, theme, confidence, version)]
    sentiment: dict[int, tuple[int | None, str, bool]]  # answer -> (suggested, version, needs_person)

    @classmethod
    def of(cls, answer_ids: list[int]) -> Stored:
        suggestions: dict[int, list[tuple[int, int, float, str]]] = defaultdict(list)
        for pk, answer_id, theme_id, confidence, version in _in_chunks(
            answer_ids,
            lambda ids: (
                Suggestion.objects.filter(answer_id__in=ids)
                .order_by()
                .values_list("pk", "answer_id", "theme_id", "confidence", "model_version")
            ),
        ):
            suggestions[answer_id].append((pk, theme_id, confidence, version))
        sentiment = {
            answer_id: (suggested, version, needs_person)
            for answer_id, suggested, version, needs_person in _in_chunks(
                answer_ids,
                lambda ids: (
                    AnswerSentiment.objects.filter(answer_id__in=ids)
                    .order_by()
                    .values_list("answer_id", "suggested", "model_version", "needs_person")
                ),
            )
        }
        return cls(suggestions, sentiment)


def write(answer_ids: list[int], wanted: Wanted, stored: Stored) -> set[int]:
    """Makes these answers' suggestions and suggested sentiment what `wanted` says, where `stored` says they
    differ (people's decisions are never touched). Call inside a transaction. Returns the answers whose
    suggestions changed."""
    changed: set[int] = set()
    stale: list[int] = []
    kept: dict[tuple[int, int], tuple[float, str]] = {}
    for answer_id in answer_ids:
        for pk, theme_id, confidence, version in stored.suggestions.get(answer_id, []):
            if (answer_id, theme_id) in wanted.suggestions:
                kept[(answer_id, theme_id)] = (confidence, version)
            else:
                stale.append(pk)
                changed.add(answer_id)
    upsert = [
        _suggestion(answer_id, theme_id, wanted)
        for (answer_id, theme_id), confidence in sorted(wanted.suggestions.items())  # one order: no deadlock
        if kept.get((answer_id, theme_id)) != (confidence, wanted.version)
    ]
    changed.update(s.answer_id for s in upsert)
    for start in range(0, len(stale), BATCH):
        Suggestion.objects.filter(pk__in=stale[start : start + BATCH]).delete()
    Suggestion.objects.bulk_create(
        upsert,
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["answer", "theme"],
        update_fields=["confidence", "model_version"],
    )
    _write_sentiment(answer_ids, wanted, stored)
    return changed


def _suggestion(answer_id: int, theme_id: int, wanted: Wanted) -> Suggestion:
    return Suggestion(
        answer_id=answer_id,
        theme_id=theme_id,
        confidence=wanted.suggestions[(answer_id, theme_id)],
        model_version=wanted.version,
    )


def _write_sentiment(answer_ids: list[int], wanted: Wanted, stored: Stored) -> None:
    rows = []
    for answer_id in sorted(answer_ids):
        needs_person = answer_id in wanted.needs_person
        suggested = None if needs_person else wanted.sentiment.get(answer_id)
        if stored.sentiment.get(answer_id) != (suggested, wanted.version, needs_person):
            rows.append(
                AnswerSentiment(
                    answer_id=answer_id, suggested=suggested, model_version=wanted.version, needs_person=needs_person
                )
            )
    AnswerSentiment.objects.bulk_create(
        rows,
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["answer"],
        update_fields=["suggested", "model_version", "needs_person"],
    )


def _in_chunks(ids: list[int], query: Callable[[list[int]], Iterable[T]]) -> Iterator[T]:
    for start in range(0, len(ids), BATCH):
        yield from query(ids[start : start + BATCH])
