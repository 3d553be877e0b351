"""Suggesting themes writes only what the model's answer changed, in a few statements whatever the number of
answers: running it again writes nothing (the cached figures stay), a suggestion the model no longer makes goes,
a changed one is updated, and the theme summary stays what the records say."""

from __future__ import annotations

from typing import Any

import pytest

from heard.analysis import actions
from heard.analysis.models import AnswerSentiment, Suggestion, Theme
from heard.analysis.tests.test_theme_summary_equals_the_records import assert_summary_is_right
from heard.core.testing import make_experience, make_organisation, make_project, make_question, make_user
from heard.engagement import generation
from heard.engagement.models import Answer, Project

COMMENTS = [
    "Waited four hours in A&E and nobody told us anything",
    "The nurse was kind and the food was lovely",
    "Could not get a GP appointment for three weeks",
    "The receptionist was rude and the parking cost too much",
]


def _records(project: Project, partner: Any, count: int) -> list[int]:
    story = make_question(project=project, code=f"story{count}")
    ids = []
    for n in range(count):
        record = make_experience(project=project, partner=partner)
        Answer.objects.create(experience=record, question=story, text=COMMENTS[n % len(COMMENTS)])
        ids.append(record.pk)
    return ids


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    partner = make_organisation(name="Ours")
    projects = [make_project(partners=[partner]) for _ in range(2)]
    ids = [pk for project in projects for pk in _records(project, partner, 4)]
    actions.suggest_themes(ids)
    return {"partner": partner, "projects": projects, "ids": ids}


def _stored() -> tuple[set[tuple[int, int, int, float, str]], set[tuple[int, int | None, int | None, str, bool]]]:
    suggestions = set(Suggestion.objects.values_list("pk", "answer_id", "theme_id", "confidence", "model_version"))
    sentiment = set(
        AnswerSentiment.objects.values_list("answer_id", "suggested", "decided", "model_version", "needs_person")
    )
    return suggestions, sentiment


def test_suggesting_again_writes_nothing_and_keeps_the_cached_figures(world):
    before = _stored()
    tokens = [generation.token(project.pk) for project in world["projects"]]
    assert before[0] and before[1]
    actions.suggest_themes(world["ids"])
    assert _stored() == before  # the same rows, ids included: nothing deleted and inserted again
    assert [generation.token(project.pk) for project in world["projects"]] == tokens


def test_what_the_model_no_longer_says_goes_and_what_it_says_differently_is_updated(world):
    fresh = {(a, t, c, v) for _, a, t, c, v in _stored()[0]}
    first = Suggestion.objects.order_by("pk").first()
    assert first is not None
    suggested = set(Suggestion.objects.filter(answer=first.answer).values_list("theme_id", flat=True))
    stray = Theme.objects.national().filter(kind="theme").exclude(pk__in=suggested).first()
    assert stray is not None
    Suggestion.objects.create(answer=first.answer, theme=stray, confidence=0.99, model_version="older")
    Suggestion.objects.filter(pk=first.pk).update(confidence=0.01, model_version="older")
    Suggestion.objects.exclude(answer=first.answer).order_by("pk").first().delete()  # type: ignore[union-attr]
    person = make_user()
    AnswerSentiment.objects.filter(answer=first.answer).update(suggested=None, decided=1, decided_by=person)
    AnswerSentiment.objects.exclude(answer=first.answer).order_by("pk").first().delete()  # type: ignore[union-attr]

    actions.suggest_themes(world["ids"])

    assert {(a, t, c, v) for _, a, t, c, v in _stored()[0]} == fresh
    mine = AnswerSentiment.objects.get(answer=first.answer)
    assert (mine.decided, mine.decided_by, mine.suggested is not None) == (1, person, True)
    assert AnswerSentiment.objects.count() == Answer.objects.count()
    assert_summary_is_right()


def test_the_queries_do_not_grow_with_the_answers(world, django_assert_max_num_queries):
    Suggestion.objects.all().delete()
    AnswerSentiment.objects.all().delete()
    with django_assert_max_num_queries(40) as few:
        actions.suggest_themes(world["ids"])
    more = [pk for project in world["projects"] for pk in _records(project, world["partner"], 40)]
    with django_assert_max_num_queries(len(few.captured_queries)):
        actions.suggest_themes(more)
    assert Suggestion.objects.filter(answer__experience_id__in=more).count() >= len(more)
    assert_summary_is_right()
