"""The themes page as pictures that fit the screen: the themes most people raised, the top themes in each group and
how people felt in each group, as charts from the one chart specification with their tables; counts protected for
anyone but host staff; quotes in their own panel, each shown once."""

from __future__ import annotations

import datetime

import pytest

from heard.accounts.models import Role
from heard.analysis import actions
from heard.analysis.models import AnswerSentiment, Theme
from heard.core.testing import (
    make_community,
    make_experience,
    make_organisation,
    make_project,
    make_question,
    make_user,
)
from heard.engagement.models import Answer
from heard.privacy.models import DataSharingAgreement, SharingScope

pytestmark = pytest.mark.django_db


@pytest.fixture
def coded(db):
    partner = make_organisation()
    DataSharingAgreement.objects.create(
        organisation=partner, starts_on=datetime.date(2020, 1, 1), scope=SharingScope.REDACTED_TEXT
    )
    big, small = make_community(name="Big community"), make_community(name="Small community")
    project = make_project(partners=[partner], communities=[big, small])
    story = make_question(project=project, code="story")
    actions.ensure_national_codebook()
    staff = make_user(role=Role.HOST_STAFF)
    waiting = Theme.objects.get(name="Timeliness of care")
    manner = Theme.objects.get(name="Staff manner & personal attributes")
    for n, community in enumerate([big] * 12 + [small] * 3):
        record = make_experience(project=project, partner=partner, community=community, consent_quote=n < 2)
        answer = Answer.objects.create(experience=record, question=story, text="I waited three weeks to be seen.")
        actions.code_answer(actor=staff, answer=answer, theme=waiting, applied=True)
        if n < 7:  # the quoted answers are coded with both themes
            actions.code_answer(actor=staff, answer=answer, theme=manner, applied=True)
        AnswerSentiment.objects.create(answer=answer, decided=5 if n % 3 else 1)
    return {"project": project, "staff": staff}


def _page(client, user, project):
    client.force_login(user)
    response = client.get(f"/analysis/projects/{project.slug}/themes/?by=community")
    assert response.status_code == 200
    return response.context, response.content.decode()


def test_host_staff_see_the_themes_most_people_raised_and_how_each_group_felt(client, coded):
    context, html = _page(client, coded["staff"], coded["project"])
    top = context["top_themes"]
    assert top.kind == "bar" and top.categories[:2] == ["Timeliness of care", "Staff manner & personal attributes"]
    assert top.series[0].values[:2] == [15.0, 7.0]
    by_group = context["themes_by_group"]
    assert by_group.categories == ["Big community", "Small community"]
    assert by_group.series[0].name == "Timeliness of care" and by_group.series[0].values == [100.0, 100.0]
    feelings = context["feelings"].chart
    assert feelings.kind == "stacked_bar" and feelings.series[0].name == "Negative"
    for i in range(len(feelings.categories)):  # each group's bar ends at 100%
        assert sum(s.values[i] or 0 for s in feelings.series) == 100
    assert html.count('role="img"') == 3 and html.count("Show the figures as a table") == 3


def test_a_steering_members_charts_show_protected_figures_never_an_exact_small_one(client, coded):
    context, _html = _page(client, make_user(role=Role.STEERING_MEMBER), coded["project"])
    top = context["top_themes"]
    assert top.series[0].values[:2] == [15.0, 5.0]  # 7 people rounded to the nearest 5
    assert "protect residents" in top.note
    small = context["themes_by_group"].series[0].values[1]
    assert small is None  # 3 people in the small community: no bar
    feelings = context["feelings"]
    assert feelings.chart.series[0].values[1] is None or "Small community" not in feelings.chart.categories
    small_row = next(row for row in feelings.table.rows if row[0] == "Small community")
    assert small_row[1] == "<5"
    assert "not shown to protect residents" in feelings.table.note


def test_quotes_have_their_own_panel_and_none_is_repeated(client, coded):
    _context, html = _page(client, coded["staff"], coded["project"])
    table = html.split('class="govuk-table heard-theme-table"')[1].split("</table>")[0]
    assert "heard-quote" not in table  # not squeezed into the table's first column
    panel = html.split("What residents said, theme by theme")[1]
    assert panel.count("I waited three weeks to be seen.") == 1  # same words, two residents, two themes: once
