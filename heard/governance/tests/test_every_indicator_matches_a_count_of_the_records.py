"""Every indicator's value is the count made here, independently, from the records it reads; the command gives
them in the agreed shape, and pages show counts of residents through the reader's aggregate scope."""

from __future__ import annotations

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command

from heard.accounts.models import Role
from heard.analysis.models import Code, Theme
from heard.core.testing import make_activity, make_experience, make_organisation, make_project, make_question, make_user
from heard.engagement.models import Answer, Experience
from heard.governance import change_actions, indicators
from heard.governance.models import ElementKind
from heard.place.actions import locate

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    ours = make_organisation(name="Ours")
    theirs = make_organisation(name="Theirs")
    quiet = make_organisation(name="Quiet")
    project = make_project(slug="voices", partners=[ours, theirs, quiet], area_codes=["E09000019"])
    question = make_question(project=project)
    theme = Theme.objects.create(project=project, name="Waiting times")
    coder = make_user()
    for partner, group, n in [(ours, "black_african", 12), (ours, "white_irish", 3), (theirs, "asian_chinese", 9)]:
        for i in range(n):
            experience = make_experience(project=project, partner=partner, postcode="N1 0AA", ethnic_group=group)
            locate(experience, save=True)
            answer = Answer.objects.create(experience=experience, question=question, text="It took weeks.")
            if i % 2 == 0:
                Code.objects.create(answer=answer, theme=theme, coder=coder, applied=True)
            elif i % 3 == 0:  # a coder decided the theme does not apply: not coded
                Code.objects.create(answer=answer, theme=theme, coder=coder, applied=False)
    make_experience(project=project, partner=theirs)  # no ethnic group, no postcode
    make_activity(project=project, partner=ours)
    make_activity(project=project, partner=ours)
    make_activity(project=project, partner=theirs)
    toc = change_actions.start_version(actor=None, project=project, bold_challenge="Everyone is heard")
    outcome = change_actions.add_element(actor=None, toc=toc, kind=ElementKind.OUTCOME, text="More residents heard")
    for metric in indicators.METRICS:
        change_actions.add_indicator(actor=None, outcome=outcome, metric=metric, target=None)
    return {"project": project, "ours": ours, "toc": toc}


def values(project):
    return {v.metric.key: v.value for v in indicators.command_values(project)}


def test_each_indicator_equals_a_count_of_its_records(world):
    project = world["project"]
    got = values(project)
    experiences = Experience.objects.filter(project=project)
    assert got["residents_heard"] == experiences.count() == 25
    coded = {c.answer_id for c in Code.objects.filter(answer__experience__project=project, applied=True)}
    assert got["answers_coded"] == len(coded) == 6 + 2 + 5
    assert got["activities_held"] == 3
    assert got["partners_heard_from"] == len({e.partner_id for e in experiences}) == 2
    stated = [e for e in experiences if e.ethnic_group]
    assert got["residents_with_demographics"] == round(100 * len(stated) / 25, 1) == 96.0
    # In Islington, White residents are most of the population but 3 of the 24 heard: the only broad group
    # below its Census share among those heard (Black and Asian residents are above theirs; Mixed and Other
    # were not heard, so they are below too but add nobody).
    white_heard = experiences.filter(ethnic_group__startswith="white").count()
    assert got["under_represented_heard"] == white_heard == 3
    # Black and Asian at or above their share, of the 5 broad groups.
    assert got["communities_at_share"] == 40.0


def test_a_partner_sees_its_own_residents_counted_and_protected(world):
    project, ours = world["project"], world["ours"]
    partner = make_user(role=Role.PARTNER_MEMBER, organisation=ours)
    from heard.engagement.scope import aggregate_scope

    shown = {v.metric.key: v.shown for v in indicators.project_values(world["toc"], aggregate_scope(partner, project))}
    assert shown["residents_heard"] == "15"  # 15 of ours, rounded to the nearest 5
    assert shown["activities_held"] == "2"


def test_the_command_gives_one_object_per_indicator_with_exactly_the_agreed_keys(world):
    out = StringIO()
    call_command("indicators", "--project", "voices", "--format", "json", stdout=out)
    rows = json.loads(out.getvalue())
    assert isinstance(rows, list) and len(rows) == len(indicators.METRICS)
    for row in rows:
        assert set(row) == {"outcome", "indicator", "value", "target", "unit", "computed_at"}
        assert isinstance(row["value"], int | float)
        assert row["target"] is None
        datetime.datetime.fromisoformat(row["computed_at"])
    assert {r["indicator"]: r["value"] for r in rows}["Residents heard"] == 25


def test_the_command_writes_csv_and_keeps_snapshots_for_the_trend(world):
    out = StringIO()
    call_command("indicators", "--project", "voices", "--format", "csv", "--snapshot", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "outcome,indicator,value,target,unit,computed_at"
    assert len(lines) == 1 + len(indicators.METRICS)
    assert [s.value for s in indicators.trend(world["project"], "residents_heard")] == [25.0]


def test_the_theory_of_change_page_shows_the_value_through_the_readers_scope(client, world):
    client.force_login(make_user(role=Role.HOST_STAFF))
    text = client.get(f"/learn/change/{world['toc'].pk}/").content.decode()
    assert 'data-indicator="residents_heard">25<' in text
    client.force_login(make_user(role=Role.STEERING_MEMBER))
    text = client.get(f"/learn/change/{world['toc'].pk}/").content.decode()
    assert 'data-indicator="residents_heard">25<' in text  # 25 rounds to 25
    assert 'data-indicator="under_represented_heard">&lt;5<' in text


def test_recommendations_changes_and_payments_indicators_equal_their_counts(world):
    from decimal import Decimal

    from heard.funding.models import Allocation, Payment
    from heard.influence.models import Evidence, Recommendation

    project, ours = world["project"], world["ours"]
    commissioner = make_organisation(name="ICB")
    statuses = ["draft", "sent", "accepted", "partly_accepted", "declined", "in_progress", "changed", "changed"]
    made = [
        Recommendation.objects.create(project=project, title=f"R{i}", organisation=commissioner, status=status)
        for i, status in enumerate(statuses)
    ]
    Evidence.objects.create(recommendation=made[6], kind="change", text="New interpreting contract")
    Evidence.objects.create(recommendation=made[6], kind="change", text="And a second piece")
    Evidence.objects.create(recommendation=made[5], kind="progress", text="Under way")
    other = make_project()
    Recommendation.objects.create(project=other, title="Elsewhere", organisation=commissioner, status="accepted")
    allocation = Allocation.objects.create(project=project, organisation=ours, amount=Decimal("1000"))
    due = datetime.date(2026, 1, 10)
    for kind, status, paid_on in [
        ("advance", "paid", due),  # on time
        ("instalment", "paid", due + datetime.timedelta(days=3)),  # late
        ("instalment", "scheduled", None),  # due, not paid
        ("instalment", "cancelled", None),  # not counted
        ("holdback", "withheld", None),  # held back on purpose: not counted
    ]:
        Payment.objects.create(
            allocation=allocation, kind=kind, amount=Decimal("100"), due_on=due, status=status, paid_on=paid_on
        )
    got = values(project)
    accepted = sum(1 for s in statuses if s in ("accepted", "partly_accepted", "in_progress", "changed"))
    assert got["recommendations_accepted"] == accepted == 5
    assert got["changes_evidenced"] == 1
    assert got["partners_paid_on_time"] == round(100 * 1 / 3, 1)


def test_residents_who_felt_heard_are_the_verdicts_that_say_so_and_a_partner_counts_its_own(world):
    from heard.engagement.scope import aggregate_scope
    from heard.influence.models import Verdict

    project, ours = world["project"], world["ours"]
    theirs = project.project_partners.get(organisation__name="Theirs").organisation
    day = datetime.date(2026, 5, 1)
    for partner, listened, n in [(ours, "yes", 7), (ours, "partly", 2), (theirs, "yes", 3), (theirs, "no", 1)]:
        for _ in range(n):
            Verdict.objects.create(project=project, partner=partner, listened=listened, channel="partner", given_on=day)
    Verdict.objects.create(project=make_project(), partner=ours, listened="yes", channel="partner", given_on=day)
    assert (
        values(project)["residents_felt_heard"] == Verdict.objects.filter(project=project, listened="yes").count() == 10
    )
    partner = make_user(role=Role.PARTNER_MEMBER, organisation=ours)
    own = {v.metric.key: v for v in indicators.project_values(world["toc"], aggregate_scope(partner, project))}
    assert own["residents_felt_heard"].value == 7 and own["residents_felt_heard"].shown == "5"
