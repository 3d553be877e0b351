"""The demo's Learn stage has what the issue asks for: a charter in two versions, two meetings with decisions and
actions, a core team, three temperature checks with results, a theory of change with at least five live
indicators, learning entries and a Common Standards self-assessment."""

from __future__ import annotations

import pytest

from heard.core.testing import make_experience, make_organisation, make_project
from heard.demo.governance import build_governance
from heard.governance import indicators, pulse
from heard.governance.models import (
    ActionItem,
    CharterVersion,
    CoreTeam,
    Decision,
    LearningEntry,
    Meeting,
    PulseLink,
    PulseRound,
    StandardsAssessment,
    SteeringMember,
)

pytestmark = pytest.mark.django_db


def test_the_demo_learn_stage_has_every_part() -> None:
    partner = make_organisation()
    project = make_project(partners=[partner], area_codes=["E09000012"])
    make_experience(project=project, partner=partner, ethnic_group="black_african")
    assert build_governance(project) == {"steering_members": 7, "meetings": 2, "temperature_checks": 3}
    assert CharterVersion.objects.filter(approved_on__isnull=False).count() == 2
    assert Meeting.objects.count() == 2 and Decision.objects.filter(meeting__isnull=False).count() == 3
    assert ActionItem.objects.count() == 3
    assert set(ActionItem.objects.values_list("status", flat=True)) == {"done", "open", "in_progress"}
    assert CoreTeam.objects.get().memberships.filter(left_on__isnull=False).count() == 1
    assert len(pulse.trend()) == 3
    # A fourth round is open: members without an account have their own links, one of them used.
    links = PulseLink.objects.filter(round__closed=False)
    assert links.count() == 3 and links.filter(used=True).count() == 1
    assert pulse.answer_count(PulseRound.objects.get(closed=False)) == "fewer than 5"
    former = SteeringMember.objects.get(name="Joseph Adeyemi")
    assert former.term_ends_on is not None and not links.filter(member=former).exists()
    live = indicators.command_values(project)
    assert len(live) >= 5
    assert {v.metric.key: v.value for v in live}["residents_heard"] == 1
    assert LearningEntry.objects.filter(published=True).count() == 2
    assert LearningEntry.objects.filter(went_wrong=True).exists()
    assert StandardsAssessment.objects.get().ratings.count() == 5
