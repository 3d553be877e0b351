"""The coding grid pages through answers by an order stored on each answer (uncoded first, least confident
suggestion first, no suggestion last), kept equal to what the codes and suggestions say, with bounded queries
however many answers there are (issue 17)."""

from __future__ import annotations

import json

import pytest
from django.db.models import Exists, Max, OuterRef

from heard.accounts.models import Role
from heard.analysis import actions
from heard.analysis.models import Code, Suggestion, Theme
from heard.core.testing import make_experience, make_organisation, make_project, make_question, make_user
from heard.engagement.models import Answer

STORIES = [
    "Waited four hours in A&E and nobody told us anything",
    "The receptionist was rude and would not book an interpreter",
    "Could not get a GP appointment for three weeks",
    "The pharmacist listened and explained my inhaler",
]


@pytest.fixture
def grid(db):
    partner = make_organisation(name="Ours")
    project = make_project(partners=[partner])
    story = make_question(project=project, code="story")
    answers = []
    for n in range(45):
        record = make_experience(project=project, partner=partner)
        answers.append(Answer.objects.create(experience=record, question=story, text=STORIES[n % len(STORIES)]))
    actions.suggest_themes(list(project.experiences.values_list("pk", flat=True)))
    staff = make_user(role=Role.HOST_STAFF)
    return {"project": project, "answers": answers, "staff": staff}


def _fresh(answer_id: int) -> tuple[bool, float | None]:
    top = Suggestion.objects.filter(answer_id=answer_id).aggregate(top=Max("confidence"))["top"]
    return Code.objects.filter(answer_id=answer_id).exists(), top


def _stored(answer_id: int) -> tuple[bool, float | None]:
    answer = Answer.objects.get(pk=answer_id)
    return answer.is_coded, answer.top_confidence


def test_the_stored_order_equals_what_codes_and_suggestions_say_after_suggesting_and_coding(grid):
    first, second = grid["answers"][:2]
    theme = Theme.objects.national().filter(kind="theme")[0]
    actions.code_answer(actor=grid["staff"], answer=first, theme=theme, applied=False)
    actions.accept_suggestions(actor=grid["staff"], answer=second)
    actions.suggest_themes([second.experience_id])  # suggesting again replaces the suggestions, keeps the codes
    for answer in grid["answers"]:
        assert _stored(answer.pk) == _fresh(answer.pk)
    assert _stored(first.pk)[0] is True


def test_refreshing_after_codes_written_in_bulk_catches_the_order_up(grid):
    answer = grid["answers"][3]
    theme = Theme.objects.national().filter(kind="theme")[0]
    Code.objects.create(answer=answer, theme=theme, coder=grid["staff"], applied=True)
    Suggestion.objects.filter(answer=answer).update(confidence=0.01)
    actions.refresh_grid_keys([answer.pk])
    assert _stored(answer.pk) == _fresh(answer.pk) == (True, 0.01)


def _walk(client, url: str, **params: str) -> list[int]:
    """Every answer the grid shows, following its Next links from the first page."""
    seen: list[int] = []
    after = ""
    for _ in range(100):
        response = client.get(url, {**params, "after": after} if after else params)
        assert response.status_code == 200
        page = response.context["page"]
        seen += [a.pk for a in page]
        after = page.next_after
        if not after:
            return seen
    raise AssertionError("the Next links never ended")


def test_the_grid_shows_uncoded_least_confident_first_and_pages_through_every_answer_once(client, grid):
    coded = grid["answers"][0]
    theme = Theme.objects.national().filter(kind="theme")[0]
    actions.code_answer(actor=grid["staff"], answer=coded, theme=theme, applied=True)
    Suggestion.objects.filter(answer=grid["answers"][1]).delete()
    actions.refresh_grid_keys([grid["answers"][1].pk])
    client.force_login(grid["staff"])
    seen = _walk(client, f"/analysis/projects/{grid['project'].slug}/coding/")

    expected = list(
        Answer.objects.annotate(
            coded=Exists(Code.objects.filter(answer=OuterRef("pk"))), top=Max("suggestions__confidence")
        )
        .filter(pk__in=[a.pk for a in grid["answers"]])
        .order_by("coded", "top", "pk")
        .values_list("pk", "coded", "top")
    )
    # Uncoded first; least confident first; no suggestion after every suggested one; then the coded.
    expected.sort(key=lambda row: (row[1], row[2] is None, row[2] or 0, row[0]))
    assert seen == [pk for pk, _, _ in expected]
    assert seen[-1] == coded.pk
    assert len(seen) == len(set(seen)) == 45


@pytest.mark.parametrize("status", ["uncoded", "low", "needs_person"])
def test_every_way_of_showing_the_grid_pages_through_its_answers_once(client, grid, status):
    client.force_login(grid["staff"])
    seen = _walk(client, f"/analysis/projects/{grid['project'].slug}/coding/", status=status)
    assert len(seen) == len(set(seen))
    if status != "needs_person":
        assert sorted(seen) == sorted(a.pk for a in grid["answers"])


@pytest.mark.parametrize(
    "token",
    ['["x",1,2]', "[true]", "[1e999,0.5,3]", '[true,"0.5",3]', "{}", "not json", "[null,null,null]", "[" * 5000],
)
def test_a_next_link_someone_edited_shows_the_first_page(client, grid, token):
    client.force_login(grid["staff"])
    url = f"/analysis/projects/{grid['project'].slug}/coding/"
    first = [a.pk for a in client.get(url).context["page"]]
    response = client.get(url, {"after": token})
    assert response.status_code == 200
    assert [a.pk for a in response.context["page"]] == first


def test_the_grid_says_more_than_when_there_are_more_answers_than_it_counts(client, grid, monkeypatch):
    from heard.core import paging

    original = paging.keyset_page
    monkeypatch.setattr(
        "heard.analysis.views.keyset_page", lambda *args, **kwargs: original(*args, **{**kwargs, "cap": 40})
    )
    client.force_login(grid["staff"])
    response = client.get(f"/analysis/projects/{grid['project'].slug}/coding/")
    assert "More than 40 answers" in response.content.decode()


def test_the_grid_makes_as_many_queries_for_a_second_page_as_for_the_first(client, grid, django_assert_max_num_queries):
    client.force_login(grid["staff"])
    url = f"/analysis/projects/{grid['project'].slug}/coding/"
    after = client.get(url).context["page"].next_after
    assert json.loads(after)
    with django_assert_max_num_queries(17):  # the data generation's token and the shared cache's read included
        client.get(url, {"after": after})
