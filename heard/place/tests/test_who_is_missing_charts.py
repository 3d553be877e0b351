"""Who is missing as charts: the share of people heard beside the share of residents for each group, from the
same protected figures as the table (a steering member's chart never carries an exact small count), in plain
words."""

from __future__ import annotations

import pytest

from heard.accounts.models import Role
from heard.core.testing import make_experience, make_organisation, make_project, make_user
from heard.place import charts
from heard.place.actions import locate

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    partner = make_organisation(name="Ours", postcode="N1 0AA")
    project = make_project(slug="voices", partners=[partner], area_codes=["E09000019"])
    for group, n in [("black_african", 12), ("white_irish", 3), ("asian_chinese", 9)]:
        for _ in range(n):
            locate(make_experience(project=project, partner=partner, postcode="N1 0AA", ethnic_group=group), save=True)
    return project


def _ethnic_chart(client, role):
    client.force_login(make_user(role=role))
    response = client.get("/place/missing/?project=voices")
    assert response.status_code == 200
    table = next(t for t in response.context["tables"] if t["comparison"].dimension == "ethnic_group_5")
    return table["chart"], table["table"], response.content.decode()


def test_host_staff_see_each_groups_share_of_people_heard_beside_its_share_of_residents(client, project):
    spec, _table, page = _ethnic_chart(client, Role.HOST_STAFF)
    assert spec.kind == "grouped_bar" and spec.unit == "percent"
    assert [s.name for s in spec.series] == ["Share of people heard", "Share of residents"]
    heard = dict(zip(spec.categories, spec.series[0].values, strict=True))
    assert heard["Black"] == 50.0 and heard["White"] == 12.5 and heard["Asian"] == 37.5
    assert all(v is not None and 0 < v < 100 for v in spec.series[1].values)
    assert spec.note == ""
    assert "Least heard for their numbers: Residents of mixed or multiple heritage" in spec.alt
    assert 'role="img"' in page and "Show the figures as a table" in page


def test_a_steering_members_chart_shows_the_protected_figures_never_an_exact_small_one(client, project):
    spec, table, page = _ethnic_chart(client, Role.STEERING_MEMBER)
    heard = dict(zip(spec.categories, spec.series[0].values, strict=True))
    assert heard["White"] is None  # 3 people: no bar, "not shown"
    assert heard["Black"] == 40.0  # 10 of 25: the rounded counts
    assert heard["Asian"] is None  # withheld ("[c]"): with the total it would give the 3 away
    assert 12.5 not in spec.series[0].values and 50.0 not in spec.series[0].values
    assert "protect residents" in spec.note
    rows = {row[0]: row for row in table.rows}
    assert rows["White"][1] == "<5" and rows["White"][2] == "–"
    assert "fewer than 5 people, not shown to protect residents" in table.note
    assert "not shown" in page


def test_the_figures_are_named_in_plain_words(client, project):
    spec, table, page = _ethnic_chart(client, Role.STEERING_MEMBER)
    words = " ".join([*table.header, *(s.name for s in spec.series), spec.title, spec.alt])
    for jargon in ("Representation score", "Participation ratio", "95%", "hidden", "interval"):
        assert jargon not in words
    assert "Heard compared with their numbers (likely range)" in table.header
    assert "How evenly groups were heard" in page and "Representation score" not in page
    assert "How to read the charts" in page


def test_too_many_groups_for_a_chart_leaves_the_table(client, project):
    client.force_login(make_user(role=Role.HOST_STAFF))
    tables = client.get("/place/missing/?project=voices").context["tables"]
    by = {t["comparison"].dimension: t for t in tables}
    assert by["ward"]["chart"] is None and by["ethnic_group"]["chart"] is None
    assert len(by["ethnic_group"]["table"].rows) == 19
    assert charts.MOST_BARS < 17  # Islington's wards
