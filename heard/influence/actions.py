"""Every write in `influence`: one named verb each, one transaction, one audit event.

E-mails go out through Django's mail settings only after the transaction that records them has committed, so a
rolled-back step (two workers racing for the same reminder) never sends anything.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from heard.accounts.models import User
from heard.core import audit
from heard.core.models import AuditVerb
from heard.engagement.models import Project
from heard.influence import emails
from heard.influence.models import (
    Addressee,
    Commitment,
    Decision,
    Evidence,
    EvidenceKind,
    ExtraHoliday,
    NoticeKind,
    Recommendation,
    RecommendationStatus,
    Response,
    ResponseChannel,
    ResponseLink,
    SentNotice,
    TimelineEvent,
    TimelineKind,
)
from heard.influence.models.responses import hash_token
from heard.influence.verdict_actions import (  # residents' verdicts have their own module
    import_verdicts as import_verdicts,
)
from heard.influence.verdict_actions import make_verdict_link as make_verdict_link
from heard.influence.verdict_actions import record_verdict as record_verdict
from heard.lib.workdays import ExtraDay, response_due

LINK_LIFETIME = datetime.timedelta(days=400)  # long enough for the 12-month follow-up
EDITABLE = (
    "title",
    "text",
    "organisation_id",
    "addressee_name",
    "addressee_email",
    "senior_name",
    "senior_email",
    "priority",
    "summary_translations",
)


def extra_holidays() -> list[datetime.date]:
    return list(ExtraHoliday.objects.values_list("date", flat=True))


def _day(day: datetime.date | None) -> str:
    """A date as people read it on the timeline: "31 December 2026"."""
    return f"{day.day} {day:%B %Y}" if day else "no date"


def _event(rec: Recommendation, kind: str, summary: str, *, actor: User | None = None, name: str = "") -> None:
    TimelineEvent.objects.create(recommendation=rec, kind=kind, summary=summary[:300], actor=actor, actor_name=name)


def _mail(rec: Recommendation, message: emails.Message, summary: str, token: str = "") -> None:
    """Keeps the e-mail on the timeline now (the link's token blanked out: only its hash is kept); sends it when
    the transaction commits."""
    TimelineEvent.objects.create(
        recommendation=rec,
        kind=TimelineKind.EMAILED,
        summary=summary[:300],
        email_to=", ".join(message.to)[:500],
        email_subject=message.subject[:300],
        email_body=message.body.replace(token, "[their own link]") if token else message.body,
    )
    transaction.on_commit(lambda: send_mail(message.subject, message.body, None, message.to, fail_silently=False))


def _audit(
    rec: Recommendation, verb: AuditVerb, summary: str, *, actor: Any = None, label: str = "", **kw: Any
) -> None:
    audit.record(
        actor=actor, actor_label=label, verb=verb, target=rec, project_id=rec.project_id, summary=summary, **kw
    )


@transaction.atomic
def make_recommendation(
    *,
    actor: User | None,
    project: Project,
    fields: dict[str, Any],
    themes: Iterable[Any] = (),
    communities: Iterable[Any] = (),
    quotes: Iterable[Any] = (),
    source: Any = None,
) -> Recommendation:
    """A draft recommendation, from the report's recommendation `source` or straight from findings."""
    rec = Recommendation.objects.create(
        project=project, source=source, created_by=actor, **{k: v for k, v in fields.items() if k in EDITABLE}
    )
    rec.themes.set(themes)
    rec.communities.set(communities)
    rec.quotes.set(quotes)
    made = "Made from the report's recommendation" if source else "Saved as a draft"
    _event(rec, TimelineKind.CREATED, made, actor=actor)
    _audit(rec, AuditVerb.CREATED, f"Recommendation to {rec.organisation.name}", actor=actor, after=audit.snapshot(rec))
    return rec


def make_from_report(*, actor: User | None, source: Any) -> Recommendation:
    """A draft from one of the report's recommendations (`reporting.ReportRecommendation`)."""
    person = source.addressed_to_person
    return make_recommendation(
        actor=actor,
        project=source.report.project,
        fields={
            "title": source.title,
            "text": source.text,
            "organisation_id": source.addressed_to_id,
            "priority": source.priority,
            "addressee_name": person.name if person else "",
            "addressee_email": person.email if person else "",
        },
        themes=source.themes.all(),
        communities=source.communities.all(),
        source=source,
    )


@transaction.atomic
def edit_recommendation(
    *, actor: User, rec: Recommendation, fields: dict[str, Any], themes: Any = None, communities: Any = None
) -> None:
    before = audit.snapshot(rec, EDITABLE)
    for name, value in fields.items():
        if name in EDITABLE:
            setattr(rec, name, value)
    rec.save()
    if themes is not None:
        rec.themes.set(themes)
    if communities is not None:
        rec.communities.set(communities)
    _event(rec, TimelineKind.CHANGED, "Edited", actor=actor)
    _audit(
        rec, AuditVerb.CHANGED, "Recommendation edited", actor=actor, before=before, after=audit.snapshot(rec, EDITABLE)
    )


def _issue_link(rec: Recommendation, addressee: Addressee, now: datetime.datetime) -> str:
    ResponseLink.objects.filter(addressee=addressee, revoked_at=None).update(revoked_at=now)
    token = secrets.token_urlsafe(32)
    ResponseLink.objects.create(
        addressee=addressee,
        recommendation=rec,
        token_hash=hash_token(token),
        created_at=now,
        expires_at=now + LINK_LIFETIME,
    )
    return token


@transaction.atomic
def send_recommendation(*, actor: User | None, rec: Recommendation, today: datetime.date | None = None) -> None:
    """Sends it to the named person: a link of their own, the due day on the clock, the e-mail on the timeline."""
    if rec.status != RecommendationStatus.DRAFT:
        raise ValueError("Only a draft is sent; use 'Send a new link' for one already sent.")
    if not rec.addressee_email:
        raise ValueError("Give the name and e-mail of the person it goes to before sending it.")
    today = today or timezone.localdate()
    rec.status = RecommendationStatus.SENT
    rec.sent_on = today
    rec.due_on = response_due(today, extra_holidays())
    rec.save(update_fields=["status", "sent_on", "due_on", "updated_at"])
    addressee, _ = Addressee.objects.update_or_create(
        recommendation=rec, email=rec.addressee_email, defaults={"name": rec.addressee_name}
    )
    token = _issue_link(rec, addressee, timezone.now())
    _event(
        rec,
        TimelineKind.SENT,
        f"Sent to {rec.addressee_name} at {rec.organisation.name}; due {_day(rec.due_on)}",
        actor=actor,
    )
    _mail(
        rec,
        emails.recommendation_sent(rec, name=addressee.name, email=addressee.email, token=token),
        f"Link sent to {addressee.email}",
        token,
    )
    _audit(rec, AuditVerb.SENT, f"Sent to {rec.organisation.name}, due {_day(rec.due_on)}", actor=actor)


@transaction.atomic
def send_new_link(*, actor: User, rec: Recommendation) -> None:
    """A fresh link for the main addressee; their old one stops working."""
    if rec.status == RecommendationStatus.DRAFT or not rec.addressee_email:
        raise ValueError("Send the recommendation first.")
    addressee, _ = Addressee.objects.update_or_create(
        recommendation=rec, email=rec.addressee_email, defaults={"name": rec.addressee_name}
    )
    token = _issue_link(rec, addressee, timezone.now())
    _mail(
        rec,
        emails.recommendation_sent(rec, name=addressee.name, email=addressee.email, token=token),
        f"New link sent to {addressee.email}",
        token,
    )
    _audit(rec, AuditVerb.SENT, f"New response link sent to {addressee.email}", actor=actor)


@transaction.atomic
def revoke_link(*, actor: User, link: ResponseLink) -> None:
    if link.revoked_at is not None:
        return
    link.revoked_at = timezone.now()
    link.save(update_fields=["revoked_at"])
    rec = link.recommendation
    _event(rec, TimelineKind.LINK, f"Link for {link.addressee.email} revoked", actor=actor)
    _audit(rec, AuditVerb.REVOKED, f"Response link for {link.addressee.email} revoked", actor=actor)


def _used(link: ResponseLink) -> None:
    link.last_used_at = timezone.now()
    link.save(update_fields=["last_used_at"])


@dataclass(frozen=True)
class ActionPlan:
    action: str
    owner: str
    due_on: datetime.date


@transaction.atomic
def respond(
    *, link: ResponseLink, decision: str, reasons: str, name: str, actions: Sequence[ActionPlan] = ()
) -> Response:
    """The addressee's answer through their link, with the actions they commit to."""
    rec = link.recommendation
    response = Response.objects.create(
        recommendation=rec, link=link, decision=Decision(decision), reasons=reasons, responder_name=name
    )
    before = _take_response(rec, response, decision, actions)
    who = name or link.addressee.name
    _event(rec, TimelineKind.RESPONDED, f"{RecommendationStatus(decision).label}: {reasons}"[:300], name=who)
    for plan in actions:
        _event(rec, TimelineKind.COMMITTED, f"{plan.action} ({plan.owner}, by {plan.due_on})", name=who)
    _used(link)
    _audit(
        rec,
        AuditVerb.RESPONDED,
        f"{rec.organisation.name} responded ({decision}) with {len(actions)} action(s)",
        label=f"{who} ({link.addressee.email}) by link",
        before={"status": before},
        after={"status": rec.status},
    )
    return response


def latest_response(rec: Recommendation) -> Response | None:
    """The response that says where the recommendation stands now (the last one received), if any."""
    return rec.responses.order_by("-received_at", "-id").first()


@transaction.atomic
def record_response(
    *,
    actor: User,
    rec: Recommendation,
    decision: str,
    reasons: str,
    received_on: datetime.date,
    channel: str,
    name: str,
    actions: Sequence[ActionPlan] = (),
) -> Response:
    """A response that came by e-mail, letter, phone or in a meeting, recorded by host staff on the addressee's
    behalf: it counts like one through the link (status, due and overdue, the timeline, "you said, we did").

    A recommendation that already has a response takes a later one the same way (a revised decision): the new
    decision is where the recommendation stands, and the earlier response stays on its page and the timeline."""
    if rec.status == RecommendationStatus.DRAFT:
        raise ValueError("Only a recommendation that was sent takes a response: send it first.")
    earlier = latest_response(rec)
    if earlier is not None and received_on < timezone.localtime(earlier.received_at).date():
        raise ValueError(
            f"Their last response came on {_day(timezone.localtime(earlier.received_at).date())}: a later one "
            "cannot have come before it."
        )
    how = ResponseChannel(channel)
    if how == ResponseChannel.LINK:
        raise ValueError("A response through the link is sent by the addressee; choose how this one came.")
    received_at = (
        timezone.now()
        if received_on == timezone.localdate()
        else timezone.make_aware(datetime.datetime.combine(received_on, datetime.time(12)))
    )
    response = Response.objects.create(
        recommendation=rec,
        decision=Decision(decision),
        reasons=reasons,
        responder_name=name,
        received_at=received_at,
        channel=how,
        recorded_by=actor,
    )
    before = _take_response(rec, response, decision, actions)
    came = f"{response.came} from {name}, received {_day(received_on)} (recorded by staff on their behalf)"
    if earlier is not None:
        came += (
            f", revising their response of {_day(timezone.localtime(earlier.received_at).date())} "
            f"({earlier.decided.lower()})"
        )
    _event(rec, TimelineKind.RESPONDED, f"{rec.get_status_display()} {came}: {reasons}"[:300], actor=actor)
    for plan in actions:
        _event(rec, TimelineKind.COMMITTED, f"{plan.action} ({plan.owner}, by {_day(plan.due_on)})", actor=actor)
    _audit(
        rec,
        AuditVerb.RESPONDED,
        f"{rec.organisation.name} {'revised its response' if earlier else 'responded'} ({decision}) by {how.value}, "
        f"received {received_on}, with {len(actions)} action(s): recorded by staff on {name}'s behalf"[:300],
        actor=actor,
        before={"status": before},
        after={"status": rec.status},
    )
    return response


@transaction.atomic
def report_progress(
    *,
    link: ResponseLink,
    kind: str,
    text: str,
    url: str = "",
    file: UploadedFile[Any] | None = None,
    name: str = "",
    commitment: Commitment | None = None,
) -> Evidence:
    """Progress on, or evidence of, change. Evidence of change marks the recommendation changed; progress marks
    an accepted one in progress."""
    rec = link.recommendation
    if commitment is not None and commitment.recommendation_id != rec.pk:
        raise ValueError("That action belongs to another recommendation.")
    evidence = Evidence(
        recommendation=rec,
        commitment=commitment,
        kind=EvidenceKind(kind),
        text=text,
        url=url,
        submitted_by=name or link.addressee.name,
        link=link,
    )
    if file is not None:
        evidence.file_name = (file.name or "")[:200]
        evidence.file.save(file.name or "evidence", file, save=False)
    evidence.save()
    before = rec.status
    if kind == EvidenceKind.CHANGE:
        rec.status = RecommendationStatus.CHANGED
    elif rec.status in (RecommendationStatus.ACCEPTED, RecommendationStatus.PARTLY_ACCEPTED):
        rec.status = RecommendationStatus.IN_PROGRESS
    rec.save(update_fields=["status", "updated_at"])
    timeline_kind = TimelineKind.EVIDENCE if kind == EvidenceKind.CHANGE else TimelineKind.PROGRESS
    _event(rec, timeline_kind, text, name=evidence.submitted_by)
    _used(link)
    _audit(
        rec,
        AuditVerb.RESPONDED,
        f"{evidence.get_kind_display()} reported by link" + (" with a file" if file else ""),
        label=f"{evidence.submitted_by} ({link.addressee.email}) by link",
        before={"status": before},
        after={"status": rec.status},
    )
    return evidence


@transaction.atomic
def record_regulator_escalation(*, actor: User, rec: Recommendation, on: datetime.date, note: str) -> None:
    """The host decided to escalate to the regulator; recorded, not sent by Heard."""
    rec.regulator_escalated_on = on
    rec.regulator_note = note
    rec.save(update_fields=["regulator_escalated_on", "regulator_note", "updated_at"])
    _event(rec, TimelineKind.REGULATOR, f"Escalated to the regulator on {on}: {note}", actor=actor)
    _audit(rec, AuditVerb.ESCALATED, f"Escalation to the regulator recorded ({on})", actor=actor)


def send_notice(rec: Recommendation, kind: str) -> bool:
    """One reminder, escalation or follow-up. Fires once per (recommendation, kind): the SentNotice row and the
    e-mail's record are made in one transaction, and the unique constraint refuses a second. True if sent."""
    try:
        with transaction.atomic():
            SentNotice.objects.create(recommendation=rec, kind=kind)
            to = [rec.addressee_email] if rec.addressee_email else []
            if kind == NoticeKind.ESCALATION and rec.senior_email:
                to = [rec.senior_email, *to]
            label = NoticeKind(kind).label
            timeline = {
                NoticeKind.REMINDER: TimelineKind.REMINDED,
                NoticeKind.ESCALATION: TimelineKind.ESCALATED,
            }.get(NoticeKind(kind), TimelineKind.FOLLOW_UP)
            _event(rec, timeline, label)
            if to:
                _mail(rec, emails.notice(rec, kind, to=to), f"{label} e-mailed to {', '.join(to)}")
            verb = {NoticeKind.REMINDER: AuditVerb.REMINDED, NoticeKind.ESCALATION: AuditVerb.ESCALATED}.get(
                NoticeKind(kind), AuditVerb.REMINDED
            )
            _audit(rec, verb, f"{label} sent by the clock")
    except IntegrityError:
        return False
    return True


@transaction.atomic
def set_status(*, actor: User, rec: Recommendation, status: str, notes: str | None = None) -> None:
    before = audit.snapshot(rec, ["status", "notes"])
    rec.status = RecommendationStatus(status)
    if notes is not None:
        rec.notes = notes
    rec.save(update_fields=["status", "notes", "updated_at"])
    _event(rec, TimelineKind.STATUS, f"Status: {rec.get_status_display()}", actor=actor)
    _audit(
        rec,
        AuditVerb.CHANGED,
        "Status or notes changed",
        actor=actor,
        before=before,
        after=audit.snapshot(rec, ["status", "notes"]),
    )


@transaction.atomic
def apply_spreadsheet(*, actor: User | None, changes: Sequence[tuple[Recommendation, str, str]], file_name: str) -> int:
    """Statuses and notes from a spreadsheet, already checked row by row: all of them, or none."""
    changed = 0
    for rec, status, notes in changes:
        if rec.status == status and rec.notes == notes:
            continue
        rec.status, rec.notes = RecommendationStatus(status), notes
        rec.save(update_fields=["status", "notes", "updated_at"])
        _event(rec, TimelineKind.STATUS, f"Status {rec.get_status_display()} (from {file_name})"[:300], actor=actor)
        changed += 1
    audit.record(
        actor=actor,
        verb=AuditVerb.IMPORTED,
        target_type="influence.recommendation",
        target_label=file_name,
        summary=f"Bulk update from {file_name}: {len(changes)} row(s), {changed} recommendation(s) changed",
        after={"ids": [rec.pk for rec, _, _ in changes]},
    )
    return changed


@transaction.atomic
def add_extra_holidays(*, actor: User | None, days: Sequence[ExtraDay], file_name: str) -> int:
    """Bank holidays the `holidays` package does not know (announced late). Returns how many were new."""
    added = 0
    for day in days:
        _, created = ExtraHoliday.objects.update_or_create(
            date=day.date, defaults={"title": day.title, "notes": day.notes}
        )
        added += int(created)
    audit.record(
        actor=actor,
        verb=AuditVerb.IMPORTED,
        target_type="influence.extraholiday",
        target_label=file_name,
        summary=f"Bank holidays from {file_name}: {len(days)} read, {added} new",
    )
    return added


def _take_response(rec: Recommendation, response: Response, decision: str, actions: Sequence[ActionPlan]) -> str:
    """The response's commitments saved and the recommendation's status set to its decision; the status before."""
    for plan in actions:
        Commitment.objects.create(
            recommendation=rec, response=response, action=plan.action, owner=plan.owner, due_on=plan.due_on
        )
    before = rec.status
    rec.status = RecommendationStatus(decision)
    rec.save(update_fields=["status", "updated_at"])
    return before
