"""The theme table, counted by the database, equals a count made independently from the records in Python: every
group's people, every cell, its negative and positive people, the theme's negative answers and its first quotes,
for every dimension, with and without suggestions (and over the answers to one question, by community), for host
staff, steering members and a partner. Runs on SQLite and on PostgreSQL (the CI's second run)."""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from typing import Any

import pytest
from django.utils import timezone

from heard.accounts.models import Role
from heard.analysis import tables
from heard.analysis.models import AnswerSentiment, Code, Suggestion, Theme, sentiment_group
from heard.core.testing import (
    make_activity,
    make_community,
    make_experience,
    make_organisation,
    make_project,
    make_question,
    make_user,
)
from heard.engagement.models import Answer, Experience, Method
from heard.engagement.scope import aggregate_scope
from heard.lib import census
from heard.privacy.models import DataSharingAgreement, SafeguardingFlag, SharingScope
from heard.privacy.outputs import public_text, quotable_answers


@pytest.fixture
def coded(db: Any) -> dict[str, Any]:
    rng = random.Random(17)
    partners = [make_organisation(name=f"Partner {n}") for n in range(3)]
    for partner in partners[:2]:  # the third partner's words may not be shared beyond the host
        DataSharingAgreement.objects.create(
            organisation=partner, starts_on=datetime.date(2020, 1, 1), scope=SharingScope.REDACTED_TEXT
        )
    communities = [make_community(name=name) for name in ("Zeta", "Alpha", "Mid")]
    project = make_project(partners=partners, communities=communities)
    other = make_project(partners=partners)  # its answers must never count
    story, helps = make_question(project=project, code="story"), make_question(project=project, code="what_helps")
    make_question(project=project, code="rating", kind="rating")
    other_story = make_question(project=other, code="story")
    themes = [Theme.objects.create(project=project, name=f"Theme {n}") for n in range(6)]
    coders = [make_user(role=Role.HOST_STAFF) for _ in range(2)]
    activities = [
        make_activity(project=project, partner=partner, method=method)
        for partner, method in zip(partners, [Method.SURVEY, Method.EVENT, Method.SURVEY], strict=True)
    ]
    start = timezone.now() - datetime.timedelta(days=30)
    for n in range(70):
        target = project if n < 62 else other
        partner_index = rng.randrange(3)
        record = make_experience(
            project=target,
            partner=partners[partner_index],
            community=rng.choice([*communities, None]),
            activity=rng.choice([activities[partner_index], None]),
            age_band=rng.choice(["", "18-24", "25-34", "65-74"]),
            sex=rng.choice(["", "female", "male"]),
            ethnic_group=rng.choice(["", "prefer_not_to_say", "black_african", "black_caribbean", "white_british"]),
            disability=rng.choice(["", "yes_limited_a_lot", "no"]),
            main_language=rng.choice(["", "en", "so"]),
            consent_quote=rng.random() < 0.6,
        )
        questions = [other_story] if target == other else rng.choice([[story], [helps], [story, helps]])
        for question in questions:
            answer = Answer.objects.create(
                experience=record, question=question, text=rng.choice(["Waited weeks", "Kind staff", ""]) or "x"
            )
            if rng.random() < 0.7:
                AnswerSentiment.objects.create(
                    answer=answer,
                    suggested=rng.choice([None, 1, 2, 3, 4, 5]),
                    decided=rng.choice([None, None, 1, 3, 5]),
                )
            for theme in rng.sample(themes, rng.randint(0, 3)):
                Suggestion.objects.create(answer=answer, theme=theme, confidence=0.5, model_version="t")
            for theme in rng.sample(themes, rng.randint(0, 3)):
                for step, coder in enumerate(rng.sample(coders, rng.randint(1, 2))):
                    code = Code.objects.create(answer=answer, theme=theme, coder=coder, applied=rng.random() < 0.75)
                    at = start + datetime.timedelta(days=rng.randrange(20), minutes=step)
                    Code.objects.filter(pk=code.pk).update(coded_at=at)
            if rng.random() < 0.05:
                SafeguardingFlag.objects.create(experience=record, answer=answer, kind="harm", label="Risk of harm")
    partner_member = make_user(role=Role.PARTNER_MEMBER, organisation=partners[1])
    viewers = {
        "staff": coders[0],
        "steering": make_user(role=Role.STEERING_MEMBER),
        "partner": partner_member,
    }
    return {"project": project, "viewers": viewers}


def _themes_of(answer_ids: list[int], include_suggestions: bool) -> dict[int, set[int]]:
    """Per answer, the themes that apply: each (answer, theme)'s latest decision, read one code at a time."""
    latest: dict[tuple[int, int], Code] = {}
    for code in Code.objects.filter(answer_id__in=answer_ids):
        key = (code.answer_id, code.theme_id)
        if key not in latest or code.coded_at > latest[key].coded_at:
            latest[key] = code
    found: dict[int, set[int]] = defaultdict(set)
    for (answer_id, theme_id), code in latest.items():
        if code.applied:
            found[answer_id].add(theme_id)
    if include_suggestions:
        for suggestion in Suggestion.objects.filter(answer_id__in=answer_ids):
            found[suggestion.answer_id].add(suggestion.theme_id)
    return found


def _group(record: Experience, by: str) -> str:
    if by == "community":
        return record.community.name if record.community else "Not recorded"
    if by == "partner":
        return record.partner.name
    if by == "method":
        return record.activity.get_method_display() if record.activity else "Not recorded"
    if by == "ethnic_group_5":
        code = census.high_level_group(record.ethnic_group)
        return census.label(census.ETHNIC_GROUPS_5, code) if code else "Not answered"
    value = getattr(record, by)
    return census.label(census.with_prefer_not_to_say(tables.DIMENSIONS[by][1]), value) if value else "Not answered"


def _count_by_hand(scope: Any, quotable: Any, by: str, include_suggestions: bool, questions: Any) -> dict[str, Any]:
    in_scope = set(scope.experiences.values_list("pk", flat=True))
    answers = [
        a
        for a in Answer.objects.select_related("experience", "question").order_by("question__position", "id")
        if a.experience_id in in_scope
        and a.question.kind == "free_text"
        and (questions is None or a.question.code in questions)
    ]
    applies = _themes_of([a.pk for a in answers], include_suggestions)
    can_quote = set(quotable.values_list("pk", flat=True))
    sentiments = {s.answer_id: s for s in AnswerSentiment.objects.all()}
    names = dict(Theme.objects.values_list("pk", "name"))
    group_people: dict[str, set[int]] = defaultdict(set)
    people: dict[tuple[str, str], set[int]] = defaultdict(set)
    moods: dict[tuple[str, str, str], set[int]] = defaultdict(set)
    negative_answers: dict[str, int] = defaultdict(int)
    quotes: dict[str, list[str]] = defaultdict(list)
    for answer in answers:
        group = _group(answer.experience, by)
        group_people[group].add(answer.experience_id)
        sentiment = sentiments.get(answer.pk)
        score = (sentiment.decided or sentiment.suggested) if sentiment else None
        mood = sentiment_group(score) if score else None
        for theme_id in applies.get(answer.pk, set()):
            theme = names[theme_id]
            people[(theme, group)].add(answer.experience_id)
            if mood:
                moods[(theme, group, mood)].add(answer.experience_id)
            negative_answers[theme] += mood == "negative"
            if answer.pk in can_quote and len(quotes[theme]) < tables.QUOTES_PER_THEME:
                quotes[theme].append(public_text(answer))
    return {
        "groups": {g: len(p) for g, p in group_people.items()},
        "cells": {k: len(p) for k, p in people.items()},
        "moods": {k: len(p) for k, p in moods.items()},
        "negative_answers": {k: n for k, n in negative_answers.items() if n},
        "quotes": dict(quotes),
    }


def _read_table(table: tables.ThemeTable) -> dict[str, Any]:
    """The same figures, read back from the theme table (true values, whatever the reader is shown)."""
    labels = [label for _key, label, _n in table.groups]
    cells: dict[tuple[str, str], int] = {}
    quotes: dict[str, list[str]] = {}
    for row in table.rows:
        assert row.theme is not None
        name = row.theme.name
        assert row.total.value == sum(cell.figure.value for cell in row.cells)
        for label, cell in zip(labels, row.cells, strict=True):
            if cell.figure.value:
                cells[(name, label)] = cell.figure.value
        if row.quotes:
            quotes[name] = row.quotes
    return {
        "groups": {label: n for _key, label, n in table.groups},
        "cells": cells,
        "quotes": quotes,
    }


@pytest.mark.parametrize("by", list(tables.DIMENSIONS))
def test_the_theme_table_equals_a_count_made_from_the_records(coded: dict[str, Any], by: str) -> None:
    project = coded["project"]
    for who, user in coded["viewers"].items():
        scope = aggregate_scope(user, project)
        quotable = quotable_answers(user, project)
        for include_suggestions in (False, True):
            for questions in (None, ["what_helps"]) if by == "community" else (None,):
                table = tables.theme_table(
                    scope, quotable, by=by, include_suggestions=include_suggestions, questions=questions
                )
                expected = _count_by_hand(scope, quotable, by, include_suggestions, questions)
                got = _read_table(table)
                where = (who, by, include_suggestions, questions)
                assert got["groups"] == expected["groups"], where
                assert got["cells"] == expected["cells"], where
                assert expected["cells"], where  # the test compares something
                for row in table.rows:
                    assert row.theme is not None
                    name = row.theme.name
                    for (_key, label, _n), cell in zip(table.groups, row.cells, strict=True):
                        if cell.hidden or not cell.figure.value:
                            continue
                        negative = scope.figure(expected["moods"].get((name, label, "negative"), 0))
                        positive = scope.figure(expected["moods"].get((name, label, "positive"), 0))
                        assert cell.negative_share == negative.share_of(cell.figure), where
                        assert cell.positive_share == positive.share_of(cell.figure), where
                    negative_answers = scope.figure(expected["negative_answers"].get(name, 0))
                    assert row.negative_share == negative_answers.share_of(row.total), where
                    shown = scope.exact or row.total.value >= 5
                    assert row.quotes == (expected["quotes"].get(name, []) if shown else []), where


def test_the_count_has_every_kind_of_figure_to_compare(coded: dict[str, Any]) -> None:
    """The records above exercise what the comparison relies on: overridden codes, moods, quotes, hidden cells."""
    scope = aggregate_scope(coded["viewers"]["staff"], coded["project"])
    quotable = quotable_answers(coded["viewers"]["staff"], coded["project"])
    expected = _count_by_hand(scope, quotable, "community", False, None)
    assert any(mood == "negative" for (_t, _g, mood) in expected["moods"])
    assert any(mood == "positive" for (_t, _g, mood) in expected["moods"])
    assert sum(len(q) for q in expected["quotes"].values()) >= 6
    undone = [c for c in Code.objects.filter(applied=False) if Code.objects.filter(answer_id=c.answer_id).count() > 1]
    assert undone
    steering = tables.theme_table(aggregate_scope(coded["viewers"]["steering"], coded["project"]), quotable)
    assert any(cell.hidden for row in steering.rows for cell in row.cells)
