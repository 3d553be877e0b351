"""Words the English-only model cannot read get no suggestion, on every way answers come in: suggested from the
English translation when there is one, otherwise marked "needs a person" (no theme, no sentiment) and findable in
the coding grid."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from heard.accounts.models import Role
from heard.analysis import actions, engine
from heard.analysis.models import AnswerSentiment, Suggestion, Theme
from heard.core.testing import (
    make_community,
    make_experience,
    make_organisation,
    make_project,
    make_question,
    make_user,
)
from heard.engagement import public
from heard.engagement.models import Answer, EntryLink, Experience

# "There was no interpreter, and I did not understand what the doctor said." Once scored 96% "Positive experience
# & gratitude" with a positive sentiment.
INTERPRETER = "لم يكن هناك مترجم فوري، ولم أفهم ما قاله الطبيب. أريد أن يكون هناك مترجم في المرة القادمة."
INTERPRETER_EN = "There was no interpreter, and I did not understand what the doctor said. I want one next time."
SOMALI = "Waxaan sugay saddex toddobaad oo dhakhtarka ma aan arag"


def _needs_a_person(answer: Answer) -> bool:
    sentiment = AnswerSentiment.objects.get(answer=answer)
    nothing_suggested = not Suggestion.objects.filter(answer=answer).exists() and sentiment.suggested is None
    return sentiment.needs_person and nothing_suggested


@pytest.fixture
def world(db):
    partner = make_organisation(name="Arabic Speakers Network")
    community = make_community(name="Arabic-speaking residents")
    project = make_project(partners=[partner], communities=[community], languages=["en", "ar"])
    story = make_question(project=project, code="story", text="Tell us what happened")
    return {"project": project, "partner": partner, "community": community, "story": story}


def _answer(world, text: str, english: str = "", language: str = "") -> Answer:
    record = make_experience(project=world["project"], partner=world["partner"])
    return Answer.objects.create(
        experience=record, question=world["story"], text=text, english_text=english, language=language
    )


def test_the_arabic_interpreter_complaint_gets_no_suggestion_at_all(world):
    answer = _answer(world, INTERPRETER, language="ar")
    actions.suggest_themes([answer.experience_id])
    assert _needs_a_person(answer)
    assert not Suggestion.objects.filter(answer=answer, theme__name__startswith="Positive").exists()


def test_a_translated_answer_is_suggested_from_its_translation(world):
    answer = _answer(world, INTERPRETER, english=INTERPRETER_EN, language="ar")
    actions.suggest_themes([answer.experience_id])
    expected = engine.national_model().predict([INTERPRETER_EN])[0]
    suggested = set(Suggestion.objects.filter(answer=answer).values_list("theme__name", flat=True))
    assert suggested == set(expected.theme_names) and suggested
    sentiment = AnswerSentiment.objects.get(answer=answer)
    assert (sentiment.suggested, sentiment.needs_person) == (expected.sentiment, False)


def test_earlier_suggestions_go_when_suggestions_are_made_again(world):
    answer = _answer(world, SOMALI, language="so")
    theme = Theme.objects.create(name="Something", kind="theme")
    Suggestion.objects.create(answer=answer, theme=theme, confidence=0.96, model_version="old")
    AnswerSentiment.objects.create(answer=answer, suggested=1)
    actions.suggest_themes([answer.experience_id])
    assert _needs_a_person(answer)


def test_staff_entry_of_words_without_a_translation_needs_a_person(client, world, django_capture_on_commit_callbacks):
    client.force_login(make_user(role=Role.HOST_STAFF))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/projects/{world['project'].slug}/records/new/",
            {
                "partner": world["partner"].pk,
                "collected_on": "2026-03-02",
                "consent_store": "on",
                "consent_method": "verbal",
                "q_story": INTERPRETER,
            },
        )
    assert response.status_code == 302
    assert _needs_a_person(Answer.objects.get(text=INTERPRETER))


def test_residents_own_words_in_their_language_on_the_public_form_need_a_person(
    client, world, monkeypatch, django_capture_on_commit_callbacks
):
    cache.clear()
    link = EntryLink.objects.create(project=world["project"], partner=world["partner"], community=world["community"])
    started = client.get(link.get_absolute_url()).context["form"].initial["started"]
    monkeypatch.setattr(public, "MIN_SECONDS_ON_PAGE", 0)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            link.get_absolute_url(),
            {"started": started, "website": "", "q_story": INTERPRETER, "consent_store": "on", "lang": "ar"},
        )
    assert response.status_code == 302
    assert _needs_a_person(Experience.objects.get().answers.get())


def test_imported_answers_need_a_person_unless_the_file_gives_a_translation(db, tmp_path):
    from django.core.management import call_command

    from heard.returns.tests.builders import GOOD_ROW, fill_template, make_world

    returns = make_world()
    rows = [{**GOOD_ROW, "story.en": "", "story.by": ""}, {**GOOD_ROW, "story": INTERPRETER}]
    path = fill_template(returns, tmp_path / "r.xlsx", rows)
    call_command("import", str(path), "--project", returns.project.slug, "--partner", returns.partner.slug)
    # What the import announces is what gets suggested (heard.engagement.actions.announce_contributions).
    actions.suggest_themes(list(Experience.objects.values_list("pk", flat=True)))
    untranslated = Answer.objects.get(text=GOOD_ROW["story"])
    translated = Answer.objects.get(text=INTERPRETER)
    assert _needs_a_person(untranslated)
    assert not AnswerSentiment.objects.get(answer=translated).needs_person
    assert Suggestion.objects.filter(answer=translated).exists()


def test_the_coding_grid_says_so_in_plain_words_and_filters_them(client, world):
    unread = _answer(world, INTERPRETER, language="ar")
    read = _answer(world, "The receptionist was rude and I waited two hours.")
    actions.suggest_themes([unread.experience_id, read.experience_id])
    client.force_login(make_user(role=Role.HOST_STAFF))
    grid = f"/analysis/projects/{world['project'].slug}/coding/"
    page = client.get(grid).content.decode()
    assert "Needs a person" in page and "Not in English and no English translation" in page
    only = client.get(grid, {"status": "needs_person"}).content.decode()
    assert INTERPRETER in only and "The receptionist was rude" not in only
    assert "data-accept-all" not in only  # nothing to accept


def test_suggestions_made_before_this_rule_are_withdrawn_on_upgrade(world):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("heard.analysis.migrations.0002_answers_that_need_a_person")
    unread = _answer(world, INTERPRETER, language="ar")
    read = _answer(world, "The receptionist was rude and I waited two hours.")
    theme = Theme.objects.create(name="Positive, once", kind="theme")
    for answer in (unread, read):
        Suggestion.objects.create(answer=answer, theme=theme, confidence=0.96, model_version="old")
        AnswerSentiment.objects.create(answer=answer, suggested=1)
    migration.withdraw_unreadable_suggestions(apps, None)
    assert _needs_a_person(unread)
    assert Suggestion.objects.filter(answer=read).exists()
    assert AnswerSentiment.objects.get(answer=read).suggested == 1
