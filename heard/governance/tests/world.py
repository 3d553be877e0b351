"""The steering group's records for the role x page matrix (heard/core/tests/matrix.py): one of each."""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from heard.accounts.models import User
from heard.engagement.models import Project
from heard.governance import actions, change_actions, pulse_actions
from heard.governance.models import ActionItem, CoreTeam, ElementKind, LearningEntry, Meeting, SteeringMember


def governance_ids(project: Project, steering: User | None) -> dict[str, str]:
    member = SteeringMember.objects.create(name="A member", user=steering)
    SteeringMember.objects.create(name="A resident member", kind="resident", email="resident@example.org")
    charter = actions.write_charter(actor=None, purpose="To listen")
    meeting = actions.save_meeting(actor=None, meeting=Meeting(held_on=datetime.date(2026, 4, 1), project=project))
    paper = actions.add_paper(
        actor=None, meeting=meeting, title="Agenda", upload=SimpleUploadedFile("agenda.txt", b"1. Charter")
    )
    action = actions.save_action_item(
        actor=None, item=ActionItem(meeting=meeting, text="Book a room", owner="A member")
    )
    team = actions.save_team(actor=None, team=CoreTeam(name="Access to GPs", project=project))
    place = actions.join_team(actor=None, team=team, member=member, on=datetime.date(2026, 4, 1))
    pulse_round = pulse_actions.open_round(
        actor=None, title="Check", opens_on=datetime.date(2026, 3, 1), closes_on=datetime.date(2026, 3, 14)
    )
    tokens = pulse_actions.send_links(actor=None, pulse_round=pulse_round, today=datetime.date(2026, 3, 1))
    toc = change_actions.start_version(actor=None, project=project, bold_challenge="Everyone heard")
    outcome = change_actions.add_element(actor=None, toc=toc, kind=ElementKind.OUTCOME, text="More voices")
    change_actions.add_indicator(actor=None, outcome=outcome, metric="residents_heard")
    entry = actions.save_learning_entry(
        actor=None,
        entry=LearningEntry(
            project=project, happened_on=datetime.date(2026, 4, 2), title="Tried evenings", tried="x", published=True
        ),
    )
    return {
        "member": str(member.pk),
        "charter": str(charter.pk),
        "meeting": str(meeting.pk),
        "meeting_part": "decision",
        "review_subject": "charter",
        "action": str(action.pk),
        "team": str(team.pk),
        "team_place": str(place.pk),
        "paper": str(paper.pk),
        "round": str(pulse_round.pk),
        "pulse_token": next(iter(tokens.values())),
        "toc": str(toc.pk),
        "outcome": str(outcome.pk),
        "entry": str(entry.pk),
    }
