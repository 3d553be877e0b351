"""Trends over time are drawn as charts with their tables: the temperature checks per question (rounds with fewer
than 5 answers not shown) and each indicator's kept values on the theory of change, with its target."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from heard.accounts.models import Role
from heard.core.testing import make_project, make_user
from heard.governance import change_actions, pulse_actions
from heard.governance.models import ElementKind, IndicatorSnapshot, SteeringMember

pytestmark = pytest.mark.django_db


def a_closed_round(title: str, day: int, members: list[SteeringMember], score: int) -> None:
    pulse_round = pulse_actions.open_round(
        actor=None, title=title, opens_on=datetime.date(2026, day, 1), closes_on=datetime.date(2026, day, 14)
    )
    for member in members:
        pulse_actions.answer_round(
            member=member, pulse_round=pulse_round, scores=dict.fromkeys(pulse_actions.ANSWER_FIELDS, score)
        )
    pulse_actions.close_round(actor=None, pulse_round=pulse_round)


def test_the_temperature_checks_trend_is_a_chart_per_question_without_small_rounds(client):
    members = [SteeringMember.objects.create(name=f"Member {i}") for i in range(6)]
    a_closed_round("January check", 1, members[:5], 2)
    a_closed_round("February check", 2, members[:4], 5)  # 4 answers: never shown
    a_closed_round("March check", 3, members, 4)
    client.force_login(make_user(role=Role.HOST_STAFF))
    page = client.get("/learn/checks/").content.decode()
    trend = page.split('id="trend"')[1] if 'id="trend"' in page else page.split("Trend</h2>")[1]
    assert trend.count('role="img"') == 4  # one chart per question
    assert trend.count("<details") >= 4  # each with its table
    assert "January check" in trend and "March check" in trend
    assert "February check" not in trend
    assert "Rounds with fewer than 5 answers are not shown" in trend


def test_no_chart_until_a_round_has_results(client):
    client.force_login(make_user(role=Role.HOST_STAFF))
    page = client.get("/learn/checks/").content.decode()
    assert 'role="img"' not in page and "No results yet" in page


def test_each_indicators_trend_is_a_chart_with_its_target_and_table(client):
    project = make_project(slug="voices")
    toc = change_actions.start_version(actor=None, project=project, bold_challenge="Everyone is heard")
    outcome = change_actions.add_element(actor=None, toc=toc, kind=ElementKind.OUTCOME, text="More voices")
    change_actions.add_indicator(actor=None, outcome=outcome, metric="activities_held", target=Decimal(12))
    for day, value in ((1, 3.0), (2, 7.0), (3, 9.0)):
        IndicatorSnapshot.objects.create(
            project=project, metric="activities_held", value=value, taken_on=datetime.date(2026, day, 1)
        )
    client.force_login(make_user(role=Role.HOST_STAFF))
    page = client.get(f"/learn/change/{toc.pk}/").content.decode()
    trend = page.split("Trend</h2>")[1]
    assert trend.count('role="img"') == 1
    assert "Activities held: the trend" in trend and "Target" in trend
    assert "from 3 to 9, against a target of 12" in trend  # the text alternative
    assert "1 Mar 2026" in trend and "<details" in trend
