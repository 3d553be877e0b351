"""The dashboard's and the theme table's figures are cached per project data generation (heard.engagement.generation,
decision record 0011): after every kind of write (coding, uncoding, accepting and rejecting suggestions, a sentiment
decided, a record moving group, erasure, retention, an import) the page shows what a fresh count shows, never the
cached figure from before; a partner or a steering member never gets host staff's exact cached figures; and a
rolled-back write leaves no figure behind that a later write could be mistaken for. SQLite and PostgreSQL."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import caches
from django.db import transaction
from django.test import Client
from django.urls import reverse

from heard.accounts.models import Role
from heard.analysis import actions, tables
from heard.analysis.models import Suggestion, Theme
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
from heard.engagement.models import Answer, Experience, Project
from heard.engagement.scope import aggregate_scope
from heard.privacy import actions as privacy_actions
from heard.privacy.models import SafeguardingFlag
from heard.returns.importer import import_file
from heard.returns.tests.builders import GOOD_ROW, fill_template, make_world

STORIES = [
    "Waited four hours in A&E and nobody told us anything",
    "The receptionist was rude and would not book an interpreter",
    "Could not get a GP appointment for three weeks",
    "The pharmacist listened and explained my inhaler",
]


def shown(client: Client, project: Project) -> dict[Any, Any]:
    """Every figure the dashboard and the theme table (coded only, and with suggestions) show."""
    found: dict[Any, Any] = {}
    for suggested in ("0", "1"):
        page = client.get(reverse("analysis:theme-table", args=[project.slug]) + f"?suggested={suggested}")
        assert page.status_code == 200
        for row in page.context["rows"]:
            found[(suggested, row.theme.name)] = (
                row.total.text,
                [cell.figure.text for cell in row.cells],
                row.negative_share,
            )
        found[(suggested, "groups")] = [(label, n) for _key, label, n in page.context["groups"]]
        found[(suggested, "feelings")] = page.context["feelings"].table.rows
    dashboard = client.get(reverse("engagement:project-detail", args=[project.slug])).context["dashboard"]
    found["people"] = dashboard.people_heard.text
    found["by community"] = [
        (row.label, row.figure.text if row.figure else row.count) for row in dashboard.by_community
    ]
    return found


def changes_what_is_shown(
    client: Client, project: Project, write: Callable[[], object], *, changes_a_figure: bool = True
) -> None:
    """The page after `write` equals a fresh count (cache emptied) and differs from the page before."""
    before = shown(client, project)  # and cached
    token = generation.token(project.pk)
    assert shown(client, project) == before
    write()
    assert generation.token(project.pk) != token, "the write left the project's data generation as it was"
    after = shown(client, project)
    caches[generation.CACHE].clear()
    caches[generation.WORDS_CACHE].clear()
    assert after == shown(client, project), "the page showed figures cached before the write"
    if changes_a_figure:
        assert after != before, "the write changed nothing shown: the test would prove nothing"


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
    client = Client()
    client.force_login(staff)
    themes = list(Theme.objects.for_project(project.pk)[:3])
    return {"project": project, "answers": answers, "staff": staff, "themes": themes, "north": north, "client": client}


def test_coding_and_uncoding_show_at_once(coded):
    staff, answer, theme = coded["staff"], coded["answers"][0], coded["themes"][0]
    check = changes_what_is_shown
    check(
        coded["client"],
        coded["project"],
        lambda: actions.code_answer(actor=staff, answer=answer, theme=theme, applied=True),
    )
    check(
        coded["client"],
        coded["project"],
        lambda: actions.code_answer(actor=staff, answer=answer, theme=theme, applied=False),
    )


def test_accepting_and_rejecting_suggestions_show_at_once(coded):
    staff, (first, second) = coded["staff"], coded["answers"][1:3]
    actions.set_suggestion_threshold(actor=staff, project=coded["project"], threshold=0.0)  # accept them all
    changes_what_is_shown(
        coded["client"], coded["project"], lambda: actions.accept_suggestions(actor=staff, answer=first)
    )
    suggestion = Suggestion.objects.filter(answer=second).first()
    assert suggestion is not None
    changes_what_is_shown(
        coded["client"],
        coded["project"],
        lambda: actions.reject_suggestion(actor=staff, answer=second, theme=suggestion.theme),
        changes_a_figure=False,  # the suggestion is still counted with suggestions; its decision must bump
    )


def test_a_sentiment_decided_shows_at_once(coded):
    staff, answers = coded["staff"], coded["answers"]
    for answer in answers:
        actions.code_answer(actor=staff, answer=answer, theme=coded["themes"][0], applied=True)

    def negative() -> None:
        for answer in answers[:6]:
            actions.set_sentiment(actor=staff, answer=answer, score=5)

    changes_what_is_shown(coded["client"], coded["project"], negative)


def test_a_record_moving_group_shows_at_once(coded):
    staff = coded["staff"]
    record = Experience.objects.get(pk=coded["answers"][0].experience_id)  # in South
    actions.code_answer(actor=staff, answer=coded["answers"][0], theme=coded["themes"][0], applied=True)

    def move() -> None:
        record.community = coded["north"]
        engagement_actions.save_experience(actor=staff, experience=record)

    changes_what_is_shown(coded["client"], coded["project"], move)


def test_erasure_and_retention_show_at_once(coded):
    staff, answers = coded["staff"], coded["answers"]
    record = Experience.objects.get(pk=answers[0].experience_id)
    changes_what_is_shown(
        coded["client"],
        coded["project"],
        lambda: privacy_actions.erase_experience(actor=staff, experience=record, reason="request"),
    )
    changes_what_is_shown(
        coded["client"], coded["project"], lambda: privacy_actions.apply_retention(today=datetime.date(2040, 1, 1))
    )


def test_an_import_shows_at_once(db, tmp_path):
    world = make_world()
    client = Client()
    client.force_login(make_user(role=Role.HOST_STAFF))
    rows = [GOOD_ROW, {**GOOD_ROW, "story.en": "The pharmacist listened"}]
    path = fill_template(world, tmp_path / "r.xlsx", rows)
    changes_what_is_shown(
        client, world.project, lambda: import_file(path, project=world.project, partner=world.partner, actor=None)
    )


def test_a_partner_and_a_steering_member_never_get_host_staffs_exact_cached_figures(db):
    ours, theirs = make_organisation(name="Ours"), make_organisation(name="Theirs")
    project = make_project(partners=[ours, theirs])
    for n in range(9):
        make_experience(project=project, partner=ours if n < 7 else theirs)
    clients = {}
    for role, organisation in (
        (Role.HOST_STAFF, None),
        (Role.PARTNER_MEMBER, ours),
        (Role.STEERING_MEMBER, None),
    ):
        clients[(role, organisation)] = Client()
        clients[(role, organisation)].force_login(make_user(role=role, organisation=organisation))
    url = reverse("engagement:project-detail", args=[project.slug])
    people = {key: client.get(url).context["dashboard"].people_heard for key, client in clients.items()}
    assert people[(Role.HOST_STAFF, None)].text == "9"  # exact, and now cached
    assert people[(Role.PARTNER_MEMBER, ours)].text == "5"  # their own 7, rounded to the nearest 5
    assert people[(Role.STEERING_MEMBER, None)].text == "10"  # every record, rounded
    themes = reverse("analysis:theme-table", args=[project.slug])
    host_page = clients[(Role.HOST_STAFF, None)].get(themes)
    for key in ((Role.PARTNER_MEMBER, ours), (Role.STEERING_MEMBER, None)):
        page = clients[key].get(themes)  # steering members quote nothing: a query that matches nothing
        assert page.status_code == 200
        assert not page.context["exact"] and page.context["scope"].note
    assert host_page.context["exact"]


def test_a_rolled_back_write_leaves_no_figure_a_later_write_could_be_mistaken_for(coded):
    staff, answer, theme = coded["staff"], coded["answers"][0], coded["themes"][0]
    project = coded["project"]
    before = generation.token(project.pk)

    def people_coded() -> int:
        scope = aggregate_scope(staff, project)
        table = generation.cached(
            "test", scope, (), lambda: tables.theme_table(scope, Answer.objects.none(), by="community").rows
        )
        return sum(row.total.value for row in table if row.theme == theme)

    assert people_coded() == 0

    class Undo(Exception):
        pass

    seen: dict[str, Any] = {}

    def write_then_undo() -> None:
        with transaction.atomic():
            actions.code_answer(actor=staff, answer=answer, theme=theme, applied=True)
            seen["token"], seen["people"] = generation.token(project.pk), people_coded()
            raise Undo

    with pytest.raises(Undo):
        write_then_undo()
    inside = seen["token"]
    assert inside != before
    assert seen["people"] == 1  # cached under the rolled-back transaction's token
    assert generation.token(project.pk) == before
    assert people_coded() == 0
    actions.code_answer(actor=staff, answer=coded["answers"][1], theme=coded["themes"][1], applied=True)  # another
    assert generation.token(project.pk) not in (before, inside)
    assert people_coded() == 0  # not the 1 cached inside the rolled-back transaction


def test_without_the_triggers_the_page_would_show_stale_figures(coded):
    """The tests above can fail: with the generation's triggers gone, a coded answer is not shown."""
    from django.db import connection

    staff, answer, theme = coded["staff"], coded["answers"][0], coded["themes"][0]
    generation.remove_triggers(connection)
    try:
        with pytest.raises(AssertionError, match="data generation as it was"):
            changes_what_is_shown(
                coded["client"],
                coded["project"],
                lambda: actions.code_answer(actor=staff, answer=answer, theme=theme, applied=True),
            )
    finally:
        generation.install_triggers(connection)


def test_a_safeguarding_flag_on_a_quoted_answer_takes_its_quote_off_the_page_at_once(coded):
    staff, answer = coded["staff"], coded["answers"][2]  # words with nothing to escape in HTML
    Experience.objects.filter(pk=answer.experience_id).update(consent_store=True, consent_quote=True)
    actions.code_answer(actor=staff, answer=answer, theme=coded["themes"][0], applied=True)
    url = reverse("analysis:theme-table", args=[coded["project"].slug])
    assert answer.text in coded["client"].get(url).content.decode()  # and cached

    def flag() -> None:
        SafeguardingFlag.objects.create(experience_id=answer.experience_id, answer=answer, kind="risk", label="Risk")

    flag()
    assert answer.text not in coded["client"].get(url).content.decode()


def test_residents_words_are_never_written_to_the_shared_cache(coded):
    """The shared cache is a database table (or Redis) that erasure does not reach: quotes stay in memory."""
    import base64

    from django.db import connection

    staff, answer = coded["staff"], coded["answers"][2]
    Experience.objects.filter(pk=answer.experience_id).update(consent_store=True, consent_quote=True)
    actions.code_answer(actor=staff, answer=answer, theme=coded["themes"][0], applied=True)
    project = coded["project"]
    caches[generation.CACHE].clear()
    for url in (
        reverse("engagement:project-detail", args=[project.slug]),
        reverse("analysis:theme-table", args=[project.slug]),
    ):
        assert coded["client"].get(url).status_code == 200
    assert answer.text in coded["client"].get(reverse("analysis:theme-table", args=[project.slug])).content.decode()
    with connection.cursor() as cursor:
        cursor.execute("SELECT value FROM heard_cache")
        stored = [base64.b64decode(value) for (value,) in cursor.fetchall()]
    assert stored, "nothing was cached in the shared cache: the test would prove nothing"
    assert not any(answer.text.encode() in value for value in stored)


def test_a_cached_page_counts_nothing_again(coded, django_assert_max_num_queries):
    """Once counted, the dashboard and the theme table read the token and the cache, not the records."""
    project = coded["project"]
    for url in (
        reverse("engagement:project-detail", args=[project.slug]),
        reverse("analysis:theme-table", args=[project.slug]),
    ):
        coded["client"].get(url)
        with django_assert_max_num_queries(12) as captured:
            coded["client"].get(url)
        read = " ".join(query["sql"] for query in captured.captured_queries)
        assert "analysis_answertheme" not in read and "COUNT(" not in read.upper()


def test_another_web_process_reuses_the_shared_counts_and_reads_only_the_quotes(coded):
    """The counts are counted once for every web process (the shared cache); a process whose memory does not hold
    the quotes (WORDS_CACHE emptied stands for another process) reads the quotes alone, and shows them."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    staff, answer = coded["staff"], coded["answers"][2]
    Experience.objects.filter(pk=answer.experience_id).update(consent_store=True, consent_quote=True)
    actions.code_answer(actor=staff, answer=answer, theme=coded["themes"][0], applied=True)
    url = reverse("analysis:theme-table", args=[coded["project"].slug])
    first = coded["client"].get(url)
    caches[generation.WORDS_CACHE].clear()
    with CaptureQueriesContext(connection) as captured:
        again = coded["client"].get(url)
    read = " ".join(query["sql"] for query in captured.captured_queries).upper()
    assert "COUNT(" not in read, "the other process counted the theme table again"
    assert "ANALYSIS_ANSWERTHEME" in read, "the quotes were not read: the test would prove nothing"
    assert answer.text in again.content.decode()
    quoted = [[(row.theme_id, words) for row, words in page.context["quotes"]] for page in (first, again)]
    assert quoted[0] == quoted[1]


def test_coding_leaves_the_dashboard_cached_and_the_themes_page_recounted(coded):
    """Codes, suggestions and sentiment replace the project's coding token, not its records': the dashboard (which
    counts records only) stays cached through a coding session, the themes page shows the code at once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    staff, project = coded["staff"], coded["project"]
    dashboard = reverse("engagement:project-detail", args=[project.slug])
    coded["client"].get(dashboard)  # cached
    records, everything = generation.token(project.pk, coding=False), generation.token(project.pk)
    before = shown(coded["client"], project)
    actions.code_answer(actor=staff, answer=coded["answers"][0], theme=coded["themes"][0], applied=True)
    actions.set_sentiment(actor=staff, answer=coded["answers"][0], score=5)
    assert generation.token(project.pk, coding=False) == records
    assert generation.token(project.pk) != everything
    with CaptureQueriesContext(connection) as captured:
        coded["client"].get(dashboard)
    assert not [q for q in captured.captured_queries if "engagement_experience" in q["sql"]], "counted again"
    after = shown(coded["client"], project)
    assert after != before
    caches[generation.CACHE].clear()
    caches[generation.WORDS_CACHE].clear()
    assert after == shown(coded["client"], project)


def test_an_answer_whose_words_change_replaces_the_records_token_and_its_grid_order_alone_does_not(coded):
    project, answer = coded["project"], coded["answers"][0]
    records = generation.token(project.pk, coding=False)
    Answer.objects.filter(pk=answer.pk).update(is_coded=True, top_confidence=0.5)
    assert generation.token(project.pk, coding=False) == records
    Answer.objects.filter(pk=answer.pk).update(text="The GP called me back the same day")
    assert generation.token(project.pk, coding=False) != records
    records = generation.token(project.pk, coding=False)
    Answer.objects.filter(pk=answer.pk).update(is_coded=False, english_text="Called back the same day")
    assert generation.token(project.pk, coding=False) != records
