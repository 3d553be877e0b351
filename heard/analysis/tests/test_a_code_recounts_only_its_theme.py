"""After a code the themes page counts again only the theme it touched (heard.analysis.theme_cache, decision record
0011), and still shows exactly what a whole recount shows, for host staff, a partner and a steering member; a
change to the records counts everything again; a write that commits while the page counts, or another process
keeping its counts at the same time, never leaves a mix of generations behind. SQLite and PostgreSQL."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.cache import caches
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from heard.accounts.models import Role
from heard.analysis import actions, theme_cache, theme_counts, theme_generation
from heard.analysis.models import AnswerTheme, Theme, ThemeGeneration
from heard.core.testing import (
    make_community,
    make_experience,
    make_organisation,
    make_project,
    make_question,
    make_user,
)
from heard.engagement import actions as engagement_actions
from heard.engagement import generation
from heard.engagement.models import Answer, Experience
from heard.engagement.scope import aggregate_scope

STORIES = [
    "Waited four hours in A&E and nobody told us anything",
    "The receptionist was rude and would not book an interpreter",
    "Could not get a GP appointment for three weeks",
    "The pharmacist listened and explained my inhaler",
    "Dr Patel at the surgery was kind and rang me back",
]
GROUP_BY = "SELECT THEME_ID, G, COUNT(*)"


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    ours, theirs = make_organisation(name="Ours"), make_organisation(name="Theirs")
    north, south = make_community(name="North"), make_community(name="South")
    project = make_project(partners=[ours, theirs], communities=[north, south], ends_on=datetime.date(2026, 6, 30))
    story = make_question(project=project, code="story")
    answers = []
    for n in range(24):
        record = make_experience(
            project=project,
            partner=ours if n % 3 else theirs,
            community=north if n % 2 else south,
            consent_quote=True,
        )
        answers.append(Answer.objects.create(experience=record, question=story, text=STORIES[n % len(STORIES)]))
    actions.suggest_themes(list(project.experiences.values_list("pk", flat=True)))
    staff = make_user(role=Role.HOST_STAFF)
    themes = list(Theme.objects.for_project(project.pk).order_by("pk")[:4])
    for n, answer in enumerate(answers):
        actions.code_answer(actor=staff, answer=answer, theme=themes[n % 3], applied=True)
        if n % 4 == 0:
            actions.code_answer(actor=staff, answer=answer, theme=themes[3], applied=True)
    clients = {}
    for name, role, organisation in (
        ("host", Role.HOST_STAFF, None),
        ("partner", Role.PARTNER_MEMBER, ours),
        ("steering", Role.STEERING_MEMBER, None),
    ):
        clients[name] = Client()
        clients[name].force_login(make_user(role=role, organisation=organisation))
    return {"project": project, "answers": answers, "staff": staff, "themes": themes, "clients": clients}


def figures(client: Client, project: Any, **query: str) -> dict[Any, Any]:
    page = client.get(reverse("analysis:theme-table", args=[project.slug]), query)
    assert page.status_code == 200
    found: dict[Any, Any] = {
        row.theme.name: (row.total.text, [cell.figure.text for cell in row.cells], row.negative_share)
        for row in page.context["rows"]
    }
    found["groups"] = [(label, n) for _key, label, n in page.context["groups"]]
    found["feelings"] = page.context["feelings"].table.rows
    found["quotes"] = [(row.theme_id, words) for row, words in page.context["quotes"]]
    return found


def recounted(client: Client, project: Any, **query: str) -> dict[Any, Any]:
    """What the page shows counted from nothing (every cache emptied)."""
    caches[generation.CACHE].clear()
    caches[generation.WORDS_CACHE].clear()
    return figures(client, project, **query)


def code(world: dict[str, Any], answer: int, theme: int, *, applied: bool = True) -> None:
    actions.code_answer(
        actor=world["staff"], answer=world["answers"][answer], theme=world["themes"][theme], applied=applied
    )


def quote_walks(client: Client, project: Any) -> int:
    """How many themes' (and questions') quote candidates one request of the page read."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("analysis:theme-table", args=[project.slug])).status_code == 200
    return sum(q["sql"].upper().count("ORDER BY T.ANSWER_ID LIMIT") for q in captured.captured_queries)


def group_bys(client: Client, project: Any) -> list[str]:
    """The theme table's GROUP BY queries one request of the page ran (upper case)."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("analysis:theme-table", args=[project.slug])).status_code == 200
    return [q["sql"].upper() for q in captured.captured_queries if GROUP_BY in q["sql"].upper()]


@pytest.mark.parametrize("who", ["host", "partner", "steering"])
def test_after_each_code_the_page_equals_a_whole_recount(world, who):
    client, project = world["clients"][who], world["project"]
    figures(client, project)  # counted, and kept
    writes = [
        lambda: code(world, 0, 1),  # a second theme for an answer
        lambda: code(world, 0, 0, applied=False),  # a theme taken away
        lambda: code(world, 5, 3),
        lambda: actions.set_sentiment(actor=world["staff"], answer=world["answers"][1], score=5),
        lambda: actions.set_sentiment(actor=world["staff"], answer=world["answers"][4], score=1),
    ]
    for write in writes:
        write()
        after = figures(client, project)
        assert after == recounted(client, project)
    assert figures(client, project, suggested="1") == recounted(client, project, suggested="1")


def test_a_code_counts_only_its_theme_again(world):
    client, project, themes = world["clients"]["host"], world["project"], world["themes"]
    first = group_bys(client, project)
    assert len(first) == 1 and "THEME_ID IN" not in first[0]  # the first request counts every theme
    code(world, 2, 1)  # answer 2 had theme 2; now theme 1 too
    again = group_bys(client, project)
    assert len(again) == 1
    assert f"T.THEME_ID IN ({themes[1].pk})" in again[0]
    assert figures(client, project) == recounted(client, project)


def test_a_code_does_not_count_the_people_per_group_again(world, django_assert_max_num_queries):
    client, project = world["clients"]["host"], world["project"]
    figures(client, project)
    code(world, 2, 1)
    with django_assert_max_num_queries(30) as captured:
        assert client.get(reverse("analysis:theme-table", args=[project.slug])).status_code == 200
    people_per_group = [q for q in captured.captured_queries if 'COUNT("ENGAGEMENT_EXPERIENCE"' in q["sql"].upper()]
    assert people_per_group == []


def test_a_change_to_the_records_counts_every_theme_again(world):
    client, project = world["clients"]["host"], world["project"]
    figures(client, project)
    record = Experience.objects.get(pk=world["answers"][0].experience_id)
    record.community = None
    engagement_actions.save_experience(actor=world["staff"], experience=record)
    again = group_bys(client, project)
    assert len(again) == 1 and "THEME_ID IN" not in again[0]
    assert figures(client, project) == recounted(client, project)


def test_codes_suggestions_and_sentiment_move_their_themes_tokens_only(world):
    project, themes = world["project"], world["themes"]

    def tokens() -> dict[int, int]:
        return dict(ThemeGeneration.objects.filter(project_id=project.pk).values_list("theme_id", "token"))

    before = tokens()
    code(world, 1, 3)
    after = tokens()
    assert {t for t in after if after[t] != before.get(t)} == {themes[3].pk}
    actions.set_sentiment(actor=world["staff"], answer=world["answers"][1], score=4)
    moved = {t for t, v in tokens().items() if v != after.get(t)}
    # the themes the answer's summary rows hold (coded 1 and 3, and those suggested) and the project's sentiment
    held = set(AnswerTheme.objects.filter(answer=world["answers"][1]).values_list("theme_id", flat=True))
    assert {themes[1].pk, themes[3].pk} <= held
    assert moved == held | {theme_generation.SENTIMENT}


def test_a_rolled_back_code_leaves_its_themes_token_as_it_was(world):
    project = world["project"]
    before = dict(ThemeGeneration.objects.filter(project_id=project.pk).values_list("theme_id", "token"))

    class Undo(Exception):
        pass

    def code_then_undo() -> None:
        with transaction.atomic():
            code(world, 1, 3)
            raise Undo

    with pytest.raises(Undo):
        code_then_undo()
    assert dict(ThemeGeneration.objects.filter(project_id=project.pk).values_list("theme_id", "token")) == before


def test_a_code_that_commits_while_the_page_counts_is_counted_again_next_time(world, monkeypatch):
    """A write landing between the tokens' read and the count leaves newer counts under its theme's older token,
    kept as stale: the next request counts that theme again."""
    client, project = world["clients"]["host"], world["project"]
    figures(client, project)
    code(world, 2, 1)
    count = theme_counts.count

    def count_while_someone_codes(*args: Any, **kwargs: Any) -> theme_counts.Counts:
        monkeypatch.setattr(theme_counts, "count", count)
        code(world, 3, 3)  # commits (here: is visible) before the count reads
        return count(*args, **kwargs)

    monkeypatch.setattr(theme_counts, "count", count_while_someone_codes)
    figures(client, project)
    again = group_bys(client, project)
    assert len(again) == 1 and f"T.THEME_ID IN ({world['themes'][3].pk})" in again[0]
    assert figures(client, project) == recounted(client, project)


def test_a_records_change_while_the_page_counts_keeps_nothing(world, monkeypatch):
    client, project = world["clients"]["host"], world["project"]
    figures(client, project)
    code(world, 2, 1)
    count = theme_counts.count
    record = Experience.objects.get(pk=world["answers"][2].experience_id)

    def count_while_a_record_moves(*args: Any, **kwargs: Any) -> theme_counts.Counts:
        monkeypatch.setattr(theme_counts, "count", count)
        record.community = None
        engagement_actions.save_experience(actor=world["staff"], experience=record)
        return count(*args, **kwargs)

    monkeypatch.setattr(theme_counts, "count", count_while_a_record_moves)
    scope = aggregate_scope(world["staff"], project)
    records, _themes = theme_cache.marks(project.pk)
    key = theme_cache._key(project.pk, records, generation.scope_key(scope), "community", False, None)
    kept = caches[generation.CACHE].get(key)
    assert kept is not None  # the first request's counts
    theme_cache.counts(scope, "community", include_suggestions=False)
    # nothing new kept under the records' token the count started from: it would mix two records' generations
    assert caches[generation.CACHE].get(key) == kept
    assert figures(client, project) == recounted(client, project)


def test_two_processes_keeping_counts_at_once_leave_them_exact(world, monkeypatch):
    """Process A counts after one code; meanwhile another code lands and process B counts and keeps its figures;
    then A keeps its own (older) ones over B's. Each kept set is whole: the page still equals a recount."""
    project = world["project"]
    scope = aggregate_scope(world["staff"], project)
    theme_cache.counts(scope, "community", include_suggestions=False)
    code(world, 2, 1)
    count = theme_counts.count

    def a_counts(*args: Any, **kwargs: Any) -> theme_counts.Counts:
        found = count(*args, **kwargs)  # A's figures, before the second code
        monkeypatch.setattr(theme_counts, "count", count)
        code(world, 3, 3)
        theme_cache.counts(scope, "community", include_suggestions=False)  # B, start to end
        return found

    monkeypatch.setattr(theme_counts, "count", a_counts)
    theme_cache.counts(scope, "community", include_suggestions=False)  # A keeps its figures last
    caches[generation.WORDS_CACHE].clear()
    kept = theme_cache.counts(scope, "community", include_suggestions=False)
    fresh = theme_counts.count(scope.experiences, project.pk, "community", include_suggestions=False)
    assert (kept.people, kept.negative_people, kept.group_people) == (
        fresh.people,
        fresh.negative_people,
        fresh.group_people,
    )
    assert dict(kept.negative_answers) == dict(fresh.negative_answers)


def test_a_code_reads_only_its_themes_quotes_again(world):
    client, project = world["clients"]["host"], world["project"]
    assert quote_walks(client, project) >= 4  # every quoted theme's, the first time
    code(world, 2, 1)
    assert quote_walks(client, project) == 1  # one theme, one question
    assert figures(client, project) == recounted(client, project)


def test_a_redaction_decision_shows_in_the_quotes_at_once(world):
    from heard.lib.redaction import redact
    from heard.privacy import actions as privacy_actions

    client, project = world["clients"]["host"], world["project"]
    answer = world["answers"][4]  # Dr Patel's
    assert "Dr [name]" in str(figures(client, project)["quotes"])
    span = redact(answer.text).spans[0]
    privacy_actions.decide_redaction(actor=world["staff"], answer=answer, field="text", span=span, keep=True)
    after = figures(client, project)
    assert "Dr Patel" in str(after["quotes"])
    assert after == recounted(client, project)
