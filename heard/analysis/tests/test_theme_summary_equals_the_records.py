"""The theme summary (one row per answer x theme that applies, which the theme table counts) equals what the codes,
suggestions and sentiment say, worked out in Python from the records, after every kind of change: coding,
uncoding, accepting and rejecting suggestions, a sentiment decided, suggesting again, bulk writes, an import (new
and revised rows), a record moving to another group, erasure and retention; and `heard summarise-themes` rebuilds
it. Runs on SQLite and PostgreSQL (the database's triggers keep it fresh on both)."""

from __future__ import annotations

import datetime
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from heard.accounts.models import Role
from heard.analysis import actions, summary, tables
from heard.analysis.models import AnswerSentiment, AnswerTheme, Code, Suggestion, Theme
from heard.core.testing import (
    make_community,
    make_experience,
    make_organisation,
    make_project,
    make_question,
    make_user,
)
from heard.engagement import actions as engagement_actions
from heard.engagement.models import Answer, Experience
from heard.engagement.scope import aggregate_scope
from heard.privacy import actions as privacy_actions
from heard.returns.importer import import_file
from heard.returns.tests.builders import GOOD_ROW, fill_template, make_world

STORIES = [
    "Waited four hours in A&E and nobody told us anything",
    "The receptionist was rude and would not book an interpreter",
    "Could not get a GP appointment for three weeks",
    "The pharmacist listened and explained my inhaler",
]


def from_the_records() -> dict[tuple[int, int], tuple[Any, ...]]:
    """(answer, theme) -> (record, project, question, coded, suggested, score), from codes, suggestions and
    sentiment read one row at a time."""
    latest: dict[tuple[int, int], Code] = {}
    for code in Code.objects.all():
        key = (code.answer_id, code.theme_id)
        if key not in latest or code.coded_at > latest[key].coded_at:
            latest[key] = code
    coded = {key for key, code in latest.items() if code.applied}
    suggested = set(Suggestion.objects.values_list("answer_id", "theme_id"))
    scores = {s.answer_id: s.score for s in AnswerSentiment.objects.all()}
    answers = {a.pk: a for a in Answer.objects.select_related("experience")}
    return {
        (answer_id, theme_id): (
            answers[answer_id].experience_id,
            answers[answer_id].experience.project_id,
            answers[answer_id].question_id,
            (answer_id, theme_id) in coded,
            (answer_id, theme_id) in suggested,
            scores.get(answer_id),
        )
        for answer_id, theme_id in coded | suggested
    }


def in_the_summary() -> dict[tuple[int, int], tuple[Any, ...]]:
    return {
        (row.answer_id, row.theme_id): (
            row.experience_id,
            row.project_id,
            row.question_id,
            row.coded,
            row.suggested,
            row.score,
        )
        for row in AnswerTheme.objects.all()
    }


def assert_summary_is_right() -> None:
    assert in_the_summary() == from_the_records()


@pytest.fixture
def coded(db: Any) -> dict[str, Any]:
    partner = make_organisation(name="Ours")
    north, south = make_community(name="North"), make_community(name="South")
    project = make_project(partners=[partner], communities=[north, south], ends_on=datetime.date(2026, 6, 30))
    story = make_question(project=project, code="story")
    answers = []
    for n in range(12):
        record = make_experience(project=project, partner=partner, community=north if n % 2 else south)
        answers.append(Answer.objects.create(experience=record, question=story, text=STORIES[n % len(STORIES)]))
    actions.suggest_themes(list(project.experiences.values_list("pk", flat=True)))
    staff = make_user(role=Role.HOST_STAFF)
    themes = list(Theme.objects.for_project(project.pk)[:3])
    return {"project": project, "answers": answers, "staff": staff, "themes": themes, "north": north, "south": south}


def test_suggesting_fills_the_summary_and_suggesting_again_keeps_it_right(coded):
    assert AnswerTheme.objects.filter(suggested=True).exists()
    assert_summary_is_right()
    actions.suggest_themes([coded["answers"][0].experience_id])
    assert_summary_is_right()


def test_coding_uncoding_accepting_rejecting_and_a_sentiment_keep_the_summary_right(coded):
    staff, (first, second, third, fourth) = coded["staff"], coded["answers"][:4]
    theme = coded["themes"][0]
    actions.code_answer(actor=staff, answer=first, theme=theme, applied=True)
    assert AnswerTheme.objects.get(answer=first, theme=theme).coded
    assert_summary_is_right()
    actions.code_answer(actor=staff, answer=first, theme=theme, applied=False)  # uncoding
    assert_summary_is_right()
    actions.accept_suggestions(actor=staff, answer=second)
    assert_summary_is_right()
    suggestion = Suggestion.objects.filter(answer=third).first()
    assert suggestion is not None
    actions.reject_suggestion(actor=staff, answer=third, theme=suggestion.theme)
    assert_summary_is_right()
    actions.set_sentiment(actor=staff, answer=fourth, score=5)
    actions.code_answer(actor=staff, answer=fourth, theme=theme, applied=True)
    assert set(AnswerTheme.objects.filter(answer=fourth).values_list("score", flat=True)) == {5}
    assert_summary_is_right()


def test_the_latest_decision_wins_however_codes_are_written(coded):
    """Bulk writes and updates that bypass the actions (the demo, a bench, a data fix) keep it right too."""
    first = coded["answers"][0]
    theme = coded["themes"][1]
    other = make_user(role=Role.HOST_STAFF)
    applied = Code.objects.create(answer=first, theme=theme, coder=coded["staff"], applied=True)
    rejected = Code.objects.create(answer=first, theme=theme, coder=other, applied=False)
    assert_summary_is_right()
    Code.objects.filter(pk=rejected.pk).update(coded_at=applied.coded_at - datetime.timedelta(days=1))
    assert_summary_is_right()
    Code.objects.bulk_create(
        [Code(answer=a, theme=coded["themes"][2], coder=other, applied=True) for a in coded["answers"][4:8]]
    )
    Suggestion.objects.filter(answer__in=coded["answers"][:6]).delete()
    AnswerSentiment.objects.filter(answer__in=coded["answers"][4:8]).update(decided=1)
    assert_summary_is_right()


def test_one_statement_writing_two_decisions_on_one_answer_and_theme_keeps_it_right(coded):
    """The demo writes a code and its later reversal in one bulk insert: on PostgreSQL the statement's rows then
    name the same (answer, theme) twice, which the summary's once-per-statement trigger must take once."""
    first, second = coded["answers"][8:10]
    theme = coded["themes"][0]
    other = make_user(role=Role.HOST_STAFF)
    Code.objects.bulk_create(
        [
            Code(answer=first, theme=theme, coder=coded["staff"], applied=True),
            Code(answer=first, theme=theme, coder=other, applied=False),
            Code(answer=second, theme=theme, coder=other, applied=True),
            Code(answer=second, theme=theme, coder=coded["staff"], applied=True),
        ]
    )
    assert_summary_is_right()
    Code.objects.filter(answer__in=[first, second]).delete()
    assert_summary_is_right()


def test_a_record_moving_to_another_group_is_counted_in_its_new_group(coded):
    staff, first = coded["staff"], coded["answers"][0]  # in South
    theme = coded["themes"][0]
    actions.code_answer(actor=staff, answer=first, theme=theme, applied=True)
    record = Experience.objects.get(pk=first.experience_id)
    record.community = coded["north"]
    engagement_actions.save_experience(actor=staff, experience=record)
    assert_summary_is_right()
    table = tables.theme_table(aggregate_scope(staff, coded["project"]), Answer.objects.none(), by="community")
    row = next(r for r in table.rows if r.theme == theme)
    by_group = {label: cell.figure.value for (_key, label, _n), cell in zip(table.groups, row.cells, strict=True)}
    assert by_group.get("North") == 1 and not by_group.get("South")


def test_erasure_and_retention_leave_no_rows_for_what_they_removed(coded):
    staff, answers = coded["staff"], coded["answers"]
    for answer in answers[:3]:
        actions.code_answer(actor=staff, answer=answer, theme=coded["themes"][0], applied=True)
    privacy_actions.erase_experience(
        actor=staff, experience=Experience.objects.get(pk=answers[0].experience_id), reason="request"
    )
    assert not AnswerTheme.objects.filter(experience_id=answers[0].experience_id).exists()
    assert_summary_is_right()
    privacy_actions.apply_retention(today=datetime.date(2040, 1, 1))
    assert not AnswerTheme.objects.filter(project=coded["project"]).exists()
    assert_summary_is_right()


def test_an_import_and_a_revised_file_keep_the_summary_right(db, tmp_path):
    world = make_world()
    staff = make_user(role=Role.HOST_STAFF)
    first = [GOOD_ROW, {**GOOD_ROW, "story.en": "The pharmacist listened"}]
    path = fill_template(world, tmp_path / "r.xlsx", first)
    import_file(path, project=world.project, partner=world.partner, actor=None)
    actions.suggest_themes(list(Experience.objects.values_list("pk", flat=True)))
    answer = Answer.objects.get(experience__source_row=2, question__code="story")
    theme = Theme.objects.for_project(world.project.pk)[0]
    actions.code_answer(actor=staff, answer=answer, theme=theme, applied=True)
    assert_summary_is_right()
    revised = [{**GOOD_ROW, "story.en": "Nobody told us anything", "age_band": "65+"}, first[1]]
    import_file(
        fill_template(world, tmp_path / "r.xlsx", revised), project=world.project, partner=world.partner, actor=None
    )
    assert_summary_is_right()


def test_summarise_themes_rebuilds_a_project_from_its_codes(coded):
    actions.code_answer(actor=coded["staff"], answer=coded["answers"][0], theme=coded["themes"][0], applied=True)
    expected = from_the_records()
    AnswerTheme.objects.all().delete()
    out = StringIO()
    call_command("summarise-themes", "--project", coded["project"].slug, stdout=out, stderr=StringIO())
    assert in_the_summary() == expected
    assert f"{len(expected):,} answer x theme rows" in out.getvalue()
    with pytest.raises(CommandError, match="No project with slug 'nope'"):
        call_command("summarise-themes", "--project", "nope", stderr=StringIO())


def test_the_summary_module_names_the_models_tables():
    assert AnswerTheme._meta.db_table == summary.TABLE
    assert (
        Code._meta.db_table,
        Suggestion._meta.db_table,
        AnswerSentiment._meta.db_table,
    ) == (summary.CODE, summary.SUGGESTION, summary.SENTIMENT)
    assert (Answer._meta.db_table, Experience._meta.db_table) == (summary.ANSWER, summary.EXPERIENCE)
