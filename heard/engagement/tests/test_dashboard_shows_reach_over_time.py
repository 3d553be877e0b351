"""The project dashboard's reach over time: residents heard each month, split by partner, as a chart from the one
chart specification with its table; a steering member sees the protected figures, never an exact small one."""

from __future__ import annotations

import datetime

import pytest

from heard.accounts.models import Role
from heard.core.testing import make_experience, make_organisation, make_project, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    big, small = make_organisation(name="Big Partner"), make_organisation(name="Small Partner")
    project = make_project(slug="voices", partners=[big, small])
    for month, partner, n in [(1, big, 12), (1, small, 3), (3, big, 20)]:
        for _ in range(n):
            make_experience(project=project, partner=partner, collected_on=datetime.date(2026, month, 10))
    return project


def _reach(client, role):
    client.force_login(make_user(role=role))
    response = client.get("/projects/voices/")
    assert response.status_code == 200
    return response.context["reach"], response.content.decode()


def test_host_staff_see_residents_heard_each_month_by_partner(client, project):
    reach, html = _reach(client, Role.HOST_STAFF)
    spec = reach.chart
    assert spec.kind == "stacked_bar" and spec.categories == ["Jan 2026", "Feb 2026", "Mar 2026"]  # quiet months too
    assert {s.name: s.values for s in spec.series} == {
        "Big Partner": [12.0, 0.0, 20.0],
        "Small Partner": [3.0, 0.0, 0.0],
    }
    assert reach.table.rows[0] == ["Jan 2026", "15", "12", "3"]
    assert "Reach over time" in html and 'role="img"' in html and "Show the figures as a table" in html


def test_a_steering_members_chart_shows_protected_figures(client, project):
    reach, _html = _reach(client, Role.STEERING_MEMBER)
    values = {s.name: s.values for s in reach.chart.series}
    assert values["Small Partner"][0] is None  # 3 residents: not shown
    assert 3.0 not in values["Small Partner"] and 12.0 not in values["Big Partner"]
    assert values["Big Partner"][2] == 20.0
    assert "protect residents" in reach.chart.note
    assert reach.table.rows[0][3] == "<5"
