"""Every write in `governance` about the steering group, meetings, teams, the story of change, Common Standards
and reviews: one named verb each, one transaction, one audit event. Temperature checks are in `pulse_actions`,
the theory of change in `change_actions`."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import models, transaction
from django.db.models import Max

from heard.accounts.models import Role, User
from heard.core import audit
from heard.core.models import AuditVerb
from heard.engagement.models import Activity, Project
from heard.governance.models import (
    STANDARDS,
    ActionItem,
    CharterVersion,
    CoreTeam,
    Decision,
    LearningEntry,
    Meeting,
    MeetingPaper,
    Review,
    ReviewDate,
    StandardRating,
    StandardsAssessment,
    SteeringMember,
    TeamMembership,
)

CHARTER_FIELDS = ("purpose", "remit", "membership", "roles", "decisions")


def _save(actor: User | None, obj: models.Model, *, summary: str = "", project_id: int | None = None) -> None:
    creating = obj.pk is None
    before = None if creating else audit.snapshot(type(obj)._default_manager.get(pk=obj.pk))
    obj.save()
    audit.record(
        actor=actor,
        verb=AuditVerb.CREATED if creating else AuditVerb.CHANGED,
        target=obj,
        project_id=project_id,
        summary=summary,
        before=before,
        after=audit.snapshot(obj),
    )


@transaction.atomic
def save_member(*, actor: User | None, member: SteeringMember) -> SteeringMember:
    _save(actor, member, summary="Steering group member")
    return member


@transaction.atomic
def end_term(*, actor: User | None, member: SteeringMember, on: datetime.date) -> SteeringMember:
    """Ends a member's term on a date, and their place in any core team they are still in (their record, the
    decisions they took part in and who was in which team when stay as they were)."""
    before = audit.snapshot(member)
    member.term_ends_on = on
    member.save(update_fields=["term_ends_on"])
    left = TeamMembership.objects.filter(member=member, left_on=None, joined_on__lte=on).update(left_on=on)
    audit.record(
        actor=actor,
        verb=AuditVerb.CHANGED,
        target=member,
        summary=f"Term ended on {on}" + (f"; left {left} core team(s)" if left else ""),
        before=before,
        after=audit.snapshot(member),
    )
    return member


@transaction.atomic
def write_charter(*, actor: User | None, change_note: str = "", **texts: str) -> CharterVersion:
    """A new version of the charter; earlier versions stay exactly as they were."""
    number = (CharterVersion.objects.aggregate(n=Max("number"))["n"] or 0) + 1
    version = CharterVersion.objects.create(
        number=number,
        change_note=change_note,
        written_by=actor if isinstance(actor, User) else None,
        **{name: texts.get(name, "") for name in CHARTER_FIELDS},
    )
    audit.record(
        actor=actor, verb=AuditVerb.CREATED, target=version, summary=change_note, after=audit.snapshot(version)
    )
    return version


@transaction.atomic
def approve_charter(
    *, actor: User | None, version: CharterVersion, approved_by: str, approved_on: datetime.date
) -> CharterVersion:
    version.approved_by, version.approved_on = approved_by, approved_on
    version.save(update_fields=["approved_by", "approved_on"])
    audit.record(
        actor=actor, verb=AuditVerb.APPROVED, target=version, summary=f"Approved by {approved_by} on {approved_on}"
    )
    return version


@transaction.atomic
def save_meeting(*, actor: User | None, meeting: Meeting) -> Meeting:
    _save(actor, meeting, project_id=meeting.project_id)
    return meeting


@transaction.atomic
def add_paper(*, actor: User | None, meeting: Meeting, title: str, upload: UploadedFile[bytes]) -> MeetingPaper:
    paper = MeetingPaper(meeting=meeting, title=title)
    paper.file.save(upload.name or "paper", upload, save=False)
    paper.save()
    audit.record(actor=actor, verb=AuditVerb.CREATED, target=paper, summary=f"Paper for {meeting}")
    return paper


@transaction.atomic
def record_decision(*, actor: User | None, decision: Decision) -> Decision:
    decision.save()
    audit.record(actor=actor, verb=AuditVerb.DECIDED, target=decision, after=audit.snapshot(decision))
    return decision


@transaction.atomic
def save_action_item(*, actor: User | None, item: ActionItem) -> ActionItem:
    _save(actor, item, summary=f"Action from {item.meeting}")
    return item


@transaction.atomic
def save_team(*, actor: User | None, team: CoreTeam) -> CoreTeam:
    _save(actor, team, project_id=team.project_id)
    return team


@transaction.atomic
def join_team(*, actor: User | None, team: CoreTeam, member: SteeringMember, on: datetime.date) -> TeamMembership:
    membership = TeamMembership.objects.create(team=team, member=member, joined_on=on)
    audit.record(actor=actor, verb=AuditVerb.CREATED, target=membership, summary=f"{member} joined {team} on {on}")
    return membership


@transaction.atomic
def leave_team(*, actor: User | None, membership: TeamMembership, on: datetime.date) -> TeamMembership:
    membership.left_on = on
    membership.save(update_fields=["left_on"])
    audit.record(actor=actor, verb=AuditVerb.CHANGED, target=membership, summary=f"Left on {on}")
    return membership


@transaction.atomic
def save_learning_entry(
    *, actor: User | None, entry: LearningEntry, outcomes: Iterable[Any] | None = None
) -> LearningEntry:
    _save(actor, entry, project_id=entry.project_id)
    if outcomes is not None:
        entry.outcomes.set(list(outcomes))
    return entry


@transaction.atomic
def publish_learning_entry(*, actor: User | None, entry: LearningEntry, publish: bool = True) -> LearningEntry:
    entry.published = publish
    entry.save(update_fields=["published"])
    audit.record(
        actor=actor,
        verb=AuditVerb.PUBLISHED if publish else AuditVerb.CHANGED,
        target=entry,
        project_id=entry.project_id,
        summary="Shown on the public story of change" if publish else "Taken off the public story of change",
    )
    return entry


@transaction.atomic
def assess_standards(
    *,
    actor: User | None,
    project: Project,
    assessed_on: datetime.date,
    ratings: dict[str, tuple[int, str, str]],
    activity: Activity | None = None,
) -> StandardsAssessment:
    """A self-assessment: for each standard, (rating 1-5, evidence, actions)."""
    unknown = set(ratings) - {key for key, _ in STANDARDS}
    if unknown:
        raise ValueError(f"Not a Common Standard: {', '.join(sorted(unknown))}")
    assessment = StandardsAssessment.objects.create(project=project, activity=activity, assessed_on=assessed_on)
    for key, _label in STANDARDS:
        if key in ratings:
            rating, evidence, actions = ratings[key]
            StandardRating.objects.create(
                assessment=assessment, standard=key, rating=rating, evidence=evidence, actions=actions
            )
    audit.record(
        actor=actor,
        verb=AuditVerb.SCORED,
        target=assessment,
        project_id=project.pk,
        summary="Common Standards self-assessment",
        after={key: value[0] for key, value in ratings.items()},
    )
    return assessment


@transaction.atomic
def set_review_date(*, actor: User | None, subject: str, due_on: datetime.date) -> ReviewDate:
    review_date, _ = ReviewDate.objects.get_or_create(subject=subject, defaults={"due_on": due_on})
    review_date.due_on = due_on
    review_date.save(update_fields=["due_on"])
    audit.record(actor=actor, verb=AuditVerb.CHANGED, target=review_date, summary=f"Next review due {due_on}")
    return review_date


@transaction.atomic
def record_review(
    *,
    actor: User | None,
    subject: str,
    reviewed_on: datetime.date,
    what_changed: str,
    next_due_on: datetime.date | None = None,
) -> Review:
    review = Review.objects.create(
        subject=subject,
        reviewed_on=reviewed_on,
        what_changed=what_changed,
        reviewed_by=actor if isinstance(actor, User) else None,
    )
    if next_due_on is not None:
        ReviewDate.objects.update_or_create(subject=subject, defaults={"due_on": next_due_on})
    audit.record(actor=actor, verb=AuditVerb.REVIEWED, target=review, summary=what_changed[:300])
    return review


def _staff_emails() -> list[str]:
    return list(
        User.objects.filter(is_active=True, role__in=[Role.HOST_ADMIN, Role.HOST_STAFF])
        .exclude(email="")
        .values_list("email", flat=True)
    )


@transaction.atomic
def remind_reviews(*, today: datetime.date) -> list[ReviewDate]:
    """Reminds host staff once of each review that is due (a second run on the same due date sends nothing)."""
    due = list(
        ReviewDate.objects.select_for_update().filter(due_on__lte=today).exclude(reminded_for=models.F("due_on"))
    )
    if not due:
        return []
    lines = [f"- {r.get_subject_display()}: due for review on {r.due_on:%-d %B %Y}" for r in due]
    send_mail(
        "Heard: reviews due",
        "These are due for review by the steering group:\n\n" + "\n".join(lines),
        None,
        _staff_emails(),
    )
    for review_date in due:
        review_date.reminded_for = review_date.due_on
        review_date.save(update_fields=["reminded_for"])
    audit.record(
        actor=None,
        actor_label="heard governance-reminders",
        verb=AuditVerb.REMINDED,
        target_type="governance.reviewdate",
        summary="Reviews due: " + ", ".join(r.subject for r in due),
    )
    return due
