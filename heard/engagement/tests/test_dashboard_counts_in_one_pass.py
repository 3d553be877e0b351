"""The project dashboard counts every figure in one pass over the records (one GROUP BY, issue 17), and each
figure equals a count of its own, for host staff and for a partner's own records."""

from __future__ import annotations

import datetime
import random

import pytest
from django.db.models import Q

from heard.core.testing import (
    make_activity,
    make_community,
    make_experience,
    make_organisation,
    make_project,
)
from heard.engagement import reach, stats
from heard.engagement.models import Experience, Method
from heard.engagement.scope import command_scope


@pytest.fixture
def project(db):
    rng = random.Random(17)
    ours, theirs = make_organisation(name="Ours"), make_organisation(name="Theirs")
    listed, other = make_community(name="Listed"), make_community(name="Not listed")
    project = make_project(partners=[ours, theirs], communities=[listed])
    held = make_activity(project=project, partner=ours, method=Method.FOCUS_GROUP, people_count=9)
    activities = [
        held,
        make_activity(project=project, partner=theirs, method=Method.EVENT),
        None,
    ]
    for n in range(60):
        make_experience(
            project=project,
            partner=rng.choice([ours, theirs]),
            community=rng.choice([listed, other, None]),
            activity=rng.choice(activities),
            consent_quote=rng.random() < 0.5,
            consent_store=rng.random() < 0.9,
            consent_method=rng.choice(["verbal", ""]),
            main_language=rng.choice(["", "en", "so"]),
            collected_on=datetime.date(2026, 3, 1) + datetime.timedelta(days=n),
        )
    make_activity(
        project=project, partner=ours, title="Empty drop-in", people_count=5, held_on=datetime.date(2025, 1, 1)
    )
    return {"project": project, "ours": ours, "listed": listed}


@pytest.mark.parametrize("partner", [False, True])
def test_each_dashboard_figure_equals_a_count_of_its_own(project, partner):
    scope = command_scope(project["project"], partner_id=project["ours"].pk if partner else None)
    board = stats.project_dashboard(scope)
    records = scope.experiences
    assert board.people_heard.shown == records.count()
    assert board.quotable.shown == records.quotable().count()
    assert board.languages == records.exclude(main_language="").values("main_language").distinct().count()
    listed = next(row for row in board.by_community if row.slug == project["listed"].slug)
    assert listed.count == records.filter(community=project["listed"]).count()
    assert listed.quotable_count == records.quotable().filter(community=project["listed"]).count()
    elsewhere = {row.label: row.count for row in board.by_community}
    assert (
        elsewhere.get("Other communities", 0)
        == records.exclude(community=project["listed"]).exclude(community=None).count()
    )
    assert elsewhere.get("No community recorded", 0) == records.filter(community=None).count()
    ours = next(row for row in board.by_partner if row.slug == project["ours"].slug)
    assert ours.count == records.filter(partner=project["ours"]).count()
    methods = {row.label: row.count for row in board.by_method}
    for value, label in Method.choices:
        assert methods[label] == records.filter(activity__method=value).count()
    assert methods.get("No activity recorded", 0) == records.filter(activity=None).count()
    no_method = records.filter(Q(consent_store=True) & Q(consent_method="")).count()
    assert any(f"{no_method} records do not say how consent was given" in line for line in board.outstanding)
    empty = [line for line in board.outstanding if "no records yet" in line]
    assert len(empty) == 1 and "Empty drop-in" in empty[0]


def test_the_dashboard_makes_the_same_queries_for_more_records(project, django_assert_max_num_queries):
    scope = command_scope(project["project"])
    with django_assert_max_num_queries(9):
        stats.project_dashboard(scope)
    assert Experience.objects.count() == 60


@pytest.mark.parametrize("partner", [False, True])
def test_the_reach_chart_from_the_one_pass_equals_its_own_count_by_month(project, partner):
    scope = command_scope(project["project"], partner_id=project["ours"].pk if partner else None)
    board = stats.project_dashboard(scope)
    counted_alone = reach.reach_over_time(scope)
    from_the_pass = reach.reach_over_time(scope, board.by_month, board.partner_names)
    assert from_the_pass.table.rows == counted_alone.table.rows and from_the_pass.table.rows
    assert from_the_pass.table.header == counted_alone.table.header
    assert sum(board.by_month.values()) == scope.experiences.count()


def test_the_dashboard_page_counts_the_records_once(client, project):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from heard.accounts.models import Role
    from heard.core.testing import make_user

    client.force_login(make_user(role=Role.HOST_STAFF))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/projects/{project['project'].slug}/")
    assert response.status_code == 200
    sql = [q["sql"] for q in queries.captured_queries]
    grouped = [q for q in sql if "GROUP BY" in q and "engagement_experience" in q]
    assert len(grouped) == 1, grouped
