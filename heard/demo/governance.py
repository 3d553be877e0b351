"""The demo's Learn stage: a steering group of seven (and a former member) with a charter in two versions, two
meetings with decisions and actions (one in progress, one overdue), a core team whose membership changed, three
closed temperature-check rounds and an open one answered partly through members' own links, a theory of change
with live indicators and a trend, learning entries (one published, one about what went wrong) and a Common
Standards self-assessment."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from heard.accounts.models import User
from heard.engagement.models import Project
from heard.governance import actions, change_actions, pulse_actions
from heard.governance.models import (
    ActionItem,
    CoreTeam,
    Decision,
    ElementKind,
    IndicatorSnapshot,
    LearningEntry,
    Meeting,
    MemberKind,
    ReviewSubject,
    SteeringMember,
)

MEMBERS = [
    # name, kind, role, organisation, username (or "" for a member without an account), interests
    ("Grace Mensah", MemberKind.RESIDENT, "Chair", "Resident", "steering", "None"),
    ("Tom Reilly", MemberKind.HOST, "Secretary", "Two Boroughs Health Voice", "staff", "Employed by the host"),
    ("Hodan Farah", MemberKind.PARTNER, "Member", "Somali Women's Wellbeing Circle", "partner", "Paid partner"),
    ("Deniz Yilmaz", MemberKind.PARTNER, "Member", "Anatolia Community Centre", "partner2", "Paid partner"),
    ("Priya Shah", MemberKind.COMMISSIONER, "Member", "North East London ICB", "", "Commissions the work"),
    ("Kwame Boateng", MemberKind.RESIDENT, "Vice-chair", "Resident", "", "None"),
    ("Maryam Hussain", MemberKind.RESIDENT, "Member", "Resident", "", "Volunteers at a food bank"),
]


def build_governance(project: Project) -> dict[str, int]:
    rng = random.Random(14)
    users = {u.username: u for u in User.objects.all()}
    staff = users.get("staff")
    members = [
        actions.save_member(
            actor=None,
            member=SteeringMember(
                name=name,
                kind=kind,
                role=role,
                organisation=organisation,
                user=users.get(username) if username else None,
                email="" if username else f"{name.split()[0].lower()}@example.org",
                term_starts_on=datetime.date(2026, 1, 1),
                term_ends_on=datetime.date(2027, 12, 31),
                interests=interests,
            ),
        )
        for name, kind, role, organisation, username, interests in MEMBERS
    ]
    first = actions.write_charter(
        actor=staff,
        change_note="First charter",
        purpose="To make sure residents' voices shape health and care in the two boroughs.",
        remit="Oversees the Diverse Communities Health Voice project and the partnership's learning.",
        membership="Residents, partners, the host and the ICB, with residents at least a third.",
        roles="A resident chairs; the host is secretary.",
        decisions="By consensus; where there is none, by a majority of members present.",
    )
    actions.approve_charter(
        actor=staff, version=first, approved_by="Steering group meeting", approved_on=datetime.date(2026, 1, 20)
    )
    second = actions.write_charter(
        actor=staff,
        change_note="Residents at least half the members; a resident vice-chair",
        purpose=first.purpose,
        remit=first.remit,
        membership="Residents, partners, the host and the ICB, with residents at least half.",
        roles="A resident chairs and another is vice-chair; the host is secretary.",
        decisions=first.decisions,
    )
    actions.approve_charter(
        actor=staff, version=second, approved_by="Steering group meeting", approved_on=datetime.date(2026, 4, 21)
    )
    team = actions.save_team(
        actor=staff, team=CoreTeam(name="Interpreting core team", purpose="Access to interpreters", project=project)
    )
    joined = datetime.date(2026, 2, 2)
    for member in members[2:5]:
        actions.join_team(actor=staff, team=team, member=member, on=joined)
    leaver = team.memberships.get(member=members[3])
    actions.leave_team(actor=staff, membership=leaver, on=datetime.date(2026, 5, 1))
    actions.join_team(actor=staff, team=team, member=members[6], on=datetime.date(2026, 5, 1))
    actions.record_decision(
        actor=staff,
        decision=Decision(
            team=team, decided_on=datetime.date(2026, 3, 3), text="Ask GP practices to log interpreter requests"
        ),
    )
    meetings = []
    for held_on, agenda, minutes, decisions, todo in [
        (
            datetime.date(2026, 1, 20),
            "1. Charter\n2. Theory of change\n3. Temperature checks",
            "The group approved its first charter and agreed to run temperature checks every two months.",
            [
                ("Approve the first charter", "The group needs agreed rules"),
                ("Run a temperature check every two months", ""),
            ],
            [("Draft the theory of change", "Tom Reilly", datetime.date(2026, 2, 15), "done")],
        ),
        (
            datetime.date(2026, 4, 21),
            "1. Temperature check results\n2. Charter changes\n3. Who is missing",
            "Residents asked for more seats; the group agreed. Evening sessions reached more carers.",
            [("Residents are at least half the members", "Asked for at the last temperature check")],
            [
                ("Recruit two more resident members", "Grace Mensah", datetime.date(2026, 6, 1), "open"),
                ("Share who is missing with partners", "Tom Reilly", datetime.date(2026, 5, 5), "in_progress"),
            ],
        ),
    ]:
        meeting = actions.save_meeting(
            actor=staff, meeting=Meeting(held_on=held_on, agenda=agenda, minutes=minutes, project=project)
        )
        for text, rationale in decisions:
            actions.record_decision(
                actor=staff, decision=Decision(meeting=meeting, decided_on=held_on, text=text, rationale=rationale)
            )
        for text, owner, due, status in todo:
            actions.save_action_item(
                actor=staff, item=ActionItem(meeting=meeting, text=text, owner=owner, due_on=due, status=status)
            )
        meetings.append(meeting)
    rounds = []
    for n, (opens, base) in enumerate(
        [(datetime.date(2026, 2, 2), 3), (datetime.date(2026, 3, 30), 4), (datetime.date(2026, 6, 1), 4)], start=1
    ):
        pulse_round = pulse_actions.open_round(
            actor=staff, title=f"Temperature check {n}", opens_on=opens, closes_on=opens + datetime.timedelta(days=14)
        )
        for member in members[: 5 + n % 3]:
            scores = {k: max(1, min(5, base + rng.choice([-1, 0, 0, 1]))) for k in ("direction", "value", "focus")}
            scores["honesty"] = max(1, min(5, base - 1 + rng.choice([0, 1])))
            comment = rng.choice(["", "", "More residents in the room, please.", "Papers arrive too late to read."])
            pulse_actions.answer_round(member=member, pulse_round=pulse_round, scores=scores, comment=comment)
        pulse_actions.close_round(actor=staff, pulse_round=pulse_round)
        rounds.append(pulse_round)
    _open_round_with_links(members, staff, rng)
    toc = change_actions.start_version(
        actor=staff,
        project=project,
        bold_challenge="Residents who are seldom asked shape local health and care, and see what changed.",
        change_note="First version",
    )
    for kind, text, assumptions, evidence in [
        (ElementKind.ACTIVITY, "Partners hold sessions in residents' own languages", "Partners are trusted", ""),
        (ElementKind.OUTPUT, "Residents' experiences recorded and coded", "", "Returns each quarter"),
    ]:
        change_actions.add_element(
            actor=staff, toc=toc, kind=kind, text=text, assumptions=assumptions, evidence=evidence
        )
    heard = change_actions.add_element(
        actor=staff,
        toc=toc,
        kind=ElementKind.OUTCOME,
        text="More residents from under-represented communities are heard",
        assumptions="Reaching people through partners they trust brings them in",
        evidence="Who is missing, compared with the Census",
    )
    for metric, target in [
        ("residents_heard", Decimal("800")),
        ("under_represented_heard", Decimal("200")),
        ("communities_at_share", Decimal("60")),
        ("residents_with_demographics", Decimal("90")),
    ]:
        change_actions.add_indicator(actor=staff, outcome=heard, metric=metric, target=target)
    understood = change_actions.add_element(
        actor=staff, toc=toc, kind=ElementKind.OUTCOME, text="What residents say is understood and acted on"
    )
    for metric, target in [("answers_coded", Decimal("500")), ("partners_heard_from", Decimal("8"))]:
        change_actions.add_indicator(actor=staff, outcome=understood, metric=metric, target=target)
    changed = change_actions.add_element(
        actor=staff,
        toc=toc,
        kind=ElementKind.OUTCOME,
        text="Services change because of what residents said, and residents see it",
        assumptions="Commissioners answer recommendations they are sent, and partners are paid on time to keep going",
    )
    for metric, target in [
        ("recommendations_accepted", Decimal("6")),
        ("changes_evidenced", Decimal("3")),
        ("residents_felt_heard", Decimal("200")),
        ("partners_paid_on_time", Decimal("95")),
    ]:
        change_actions.add_indicator(actor=staff, outcome=changed, metric=metric, target=target)
    change_actions.add_element(
        actor=staff, toc=toc, kind=ElementKind.IMPACT, text="Fairer access to health and care in the two boroughs"
    )
    change_actions.approve_version(
        actor=staff, toc=toc, approved_by="Steering group meeting", approved_on=datetime.date(2026, 1, 20)
    )
    draft = change_actions.start_version(actor=staff, project=project, change_note="Adding activities for carers")
    change_actions.add_element(
        actor=staff, toc=draft, kind=ElementKind.ACTIVITY, text="Evening sessions for carers", assumptions=""
    )
    for months, share in [(1, 0.3), (2, 0.55), (3, 0.8)]:
        for metric, total in [("residents_heard", 834.0), ("answers_coded", 500.0)]:
            IndicatorSnapshot.objects.create(
                project=project, metric=metric, value=round(total * share), taken_on=datetime.date(2026, 1 + months, 1)
            )
    entries = [
        (
            "Evening sessions",
            datetime.date(2026, 3, 12),
            "Held two sessions after 6pm for carers.",
            "Twice as many carers came as to daytime sessions.",
            "Carers cannot come in the day.",
            "Offer an evening session in every round.",
            False,
            True,
        ),
        (
            "A survey nobody answered",
            datetime.date(2026, 2, 20),
            "Sent an online survey in English only.",
            "Four replies in three weeks.",
            "An English-only online survey misses the people we most need to hear.",
            "Ask partners to hear residents in their own languages, face to face.",
            True,
            True,
        ),
        (
            "Papers sent too late",
            datetime.date(2026, 4, 21),
            "Sent meeting papers two days before.",
            "Members said at the temperature check they could not read them.",
            "Papers need a week.",
            "Papers go out seven days before each meeting.",
            True,
            False,
        ),
    ]
    for title, on, tried, happened, learned, will_change, wrong, shared in entries:
        entry = actions.save_learning_entry(
            actor=staff,
            entry=LearningEntry(
                project=project,
                happened_on=on,
                title=title,
                tried=tried,
                happened=happened,
                learned=learned,
                will_change=will_change,
                went_wrong=wrong,
                shared_with_partners=shared,
            ),
            outcomes=[heard] if not wrong else None,
        )
        if shared:
            actions.publish_learning_entry(actor=staff, entry=entry)
    actions.assess_standards(
        actor=staff,
        project=project,
        assessed_on=datetime.date(2026, 4, 1),
        ratings={
            "working_together": (4, "Residents chair the steering group", "Recruit two more residents"),
            "social_model": (3, "Sessions ask about housing and work as well as health", ""),
            "diversity_inclusion": (
                3,
                "Who is missing shows carers and young people under-represented",
                "Evening and online sessions",
            ),
            "community_action": (2, "Few resident-led ideas so far", "A small grants round for resident ideas"),
            "tackling_inequality": (3, "Interpreting problems raised with the ICB", "Track the ICB's response"),
        },
    )
    for subject, due in [
        (ReviewSubject.CHARTER, datetime.date(2027, 1, 20)),
        (ReviewSubject.THEORY_OF_CHANGE, datetime.date(2026, 10, 1)),
        (ReviewSubject.STRUCTURE, datetime.date(2027, 4, 1)),
    ]:
        actions.set_review_date(actor=staff, subject=subject, due_on=due)
    actions.record_review(
        actor=staff,
        subject=ReviewSubject.CHARTER,
        reviewed_on=datetime.date(2026, 4, 21),
        what_changed="Residents at least half the members; a resident vice-chair (version 2).",
    )
    former = actions.save_member(
        actor=staff,
        member=SteeringMember(
            name="Joseph Adeyemi",
            kind=MemberKind.COMMISSIONER,
            role="Member",
            organisation="Barts Health",
            email="joseph@example.org",
            term_starts_on=datetime.date(2025, 6, 1),
            interests="Employed by a provider the project reports on",
        ),
    )
    actions.end_term(actor=staff, member=former, on=datetime.date(2026, 3, 31))
    return {"steering_members": len(members), "meetings": len(meetings), "temperature_checks": len(rounds)}


def _open_round_with_links(members: list[SteeringMember], staff: User | None, rng: random.Random) -> None:
    """A fourth round, open now: members without an account have each been sent their own link, two members
    have answered (the page says only "fewer than 5"), and one action from it is dropped."""
    today = datetime.date.today()
    pulse_round = pulse_actions.open_round(
        actor=staff,
        title="Temperature check 4",
        opens_on=today - datetime.timedelta(days=3),
        closes_on=today + datetime.timedelta(days=11),
    )
    # The e-mails go through the demo's mail backend (the console): each shows a member's own link.
    tokens = pulse_actions.send_links(actor=staff, pulse_round=pulse_round, today=today)
    for member in members[:2]:
        scores = {k: rng.choice([3, 4, 4, 5]) for k in pulse_actions.ANSWER_FIELDS}
        pulse_actions.answer_round(member=member, pulse_round=pulse_round, scores=scores)
    first = next(iter(tokens.values()), None)
    if first:
        pulse_actions.answer_by_link(token=first, scores=dict.fromkeys(pulse_actions.ANSWER_FIELDS, 4))
