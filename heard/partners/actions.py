"""Changes to organisations and their contacts: one transaction and one audit event each."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django.core.mail import send_mail
from django.db import transaction

from heard.accounts.models import User
from heard.core import audit
from heard.core.models import AuditVerb
from heard.core.slugs import unique_slug
from heard.partners.models import (
    Assessment,
    Centre,
    Community,
    Contact,
    Criterion,
    Organisation,
    Policy,
    PolicyReminder,
    PolicyTemplate,
    ReminderKind,
    Score,
)


@transaction.atomic
def save_organisation(*, actor: User, organisation: Organisation, communities: Any = None) -> Organisation:
    creating = organisation.pk is None
    before = None if creating else audit.snapshot(Organisation.objects.get(pk=organisation.pk))
    if creating and not organisation.slug:
        organisation.slug = unique_slug(Organisation, organisation.name, "organisation")
    organisation.save()
    if communities is not None:
        organisation.communities.set(communities)
    audit.record(
        actor=actor,
        verb=AuditVerb.CREATED if creating else AuditVerb.CHANGED,
        target=organisation,
        organisation_id=organisation.pk,
        before=before,
        after=audit.snapshot(organisation),
    )
    return organisation


@transaction.atomic
def add_contact(*, actor: User, contact: Contact) -> Contact:
    contact.save()
    audit.record(
        actor=actor,
        verb=AuditVerb.CREATED,
        target=contact,
        organisation_id=contact.organisation_id,
        summary=f"Contact added to {contact.organisation}",
    )
    return contact


@transaction.atomic
def save_community(*, actor: User, community: Community) -> Community:
    creating = community.pk is None
    before = None if creating else audit.snapshot(Community.objects.get(pk=community.pk))
    if creating and not community.slug:
        community.slug = unique_slug(Community, community.name, "community")
    community.save()
    audit.record(
        actor=actor,
        verb=AuditVerb.CREATED if creating else AuditVerb.CHANGED,
        target=community,
        before=before,
        after=audit.snapshot(community),
    )
    return community


# The partner register: centres, policies, reminders, templates.


@transaction.atomic
def add_centre(*, actor: User, centre: Centre) -> Centre:
    centre.save()
    audit.record(
        actor=actor,
        verb=AuditVerb.CREATED,
        target=centre,
        organisation_id=centre.organisation_id,
        summary=f"Centre {centre.name} added to {centre.organisation}",
    )
    return centre


@transaction.atomic
def upload_policy(*, actor: User, policy: Policy, upload: Any) -> Policy:
    """Store a policy document (already checked by heard.lib.doccheck) with its dates."""
    policy.uploaded_by = actor
    policy.file_name = Path(upload.name).name[:200]
    policy.file.save(policy.file_name, upload, save=False)
    policy.save()
    audit.record(
        actor=actor,
        verb=AuditVerb.CREATED,
        target=policy,
        organisation_id=policy.organisation_id,
        summary=f"{policy.get_kind_display()} policy uploaded, to be reviewed by {policy.expires_on:%d %B %Y}",
    )
    return policy


@transaction.atomic
def check_policy(*, actor: User, policy: Policy, on: datetime.date | None = None) -> Policy:
    """Host staff have read the policy and it will do."""
    before = audit.snapshot(policy, ["checked_by_id", "checked_on"])
    policy.checked_by = actor
    policy.checked_on = on or datetime.date.today()
    policy.save(update_fields=["checked_by", "checked_on"])
    audit.record(
        actor=actor,
        verb=AuditVerb.REVIEWED,
        target=policy,
        organisation_id=policy.organisation_id,
        before=before,
        after=audit.snapshot(policy, ["checked_by_id", "checked_on"]),
        summary=f"{policy.get_kind_display()} policy checked",
    )
    return policy


def _reminder_recipients(organisation: Organisation) -> list[str]:
    contacts = list(organisation.contacts.exclude(email=""))
    leads = [c.email for c in contacts if c.is_safeguarding_lead]
    found = leads or [c.email for c in contacts] or ([organisation.email] if organisation.email else [])
    return sorted(set(found))


@transaction.atomic
def send_policy_reminder(*, policy: Policy, kind: ReminderKind) -> PolicyReminder | None:
    """Send one reminder about one policy, unless it was sent before (one row per policy and kind)."""
    if PolicyReminder.objects.filter(policy=policy, kind=kind).exists():
        return None
    recipients = _reminder_recipients(policy.organisation)
    reminder = PolicyReminder.objects.create(policy=policy, kind=kind, recipients=recipients)
    what = policy.get_kind_display()
    if kind == ReminderKind.LAPSED:
        subject = f"{policy.organisation.name}: your {what} policy has lapsed"
        body = f"Your {what} policy was due for review on {policy.expires_on:%d %B %Y}."
    else:
        subject = f"{policy.organisation.name}: your {what} policy is due for review"
        body = f"Your {what} policy is due for review by {policy.expires_on:%d %B %Y}."
    body += " Please upload the reviewed policy to Heard (your organisation's page, Policies)."
    if recipients:
        send_mail(subject, body, None, recipients)
    audit.record(
        actor=None,
        actor_label="policy reminders",
        verb=AuditVerb.REMINDED,
        target=policy,
        organisation_id=policy.organisation_id,
        summary=f"{subject} (sent to {len(recipients)} address{'es' if len(recipients) != 1 else ''})",
    )
    return reminder


def send_policy_reminders(*, today: datetime.date | None = None) -> list[PolicyReminder]:
    """The sweep: for each organisation's newest policy of each kind, a reminder 30 days before it lapses and one
    when it has lapsed, each sent once however often this runs."""
    from heard.partners.duediligence import WARN_DAYS

    today = today or datetime.date.today()
    horizon = today + datetime.timedelta(days=WARN_DAYS)
    newest: dict[tuple[int, str], Policy] = {}
    candidates = Policy.objects.select_related("organisation").order_by("organisation_id", "kind", "-issued_on", "-pk")
    for policy in candidates:
        newest.setdefault((policy.organisation_id, policy.kind), policy)
    sent = []
    for policy in newest.values():
        if policy.expires_on > horizon:
            continue
        kind = ReminderKind.LAPSED if policy.expires_on < today else ReminderKind.DUE_SOON
        reminder = send_policy_reminder(policy=policy, kind=kind)
        if reminder is not None:
            sent.append(reminder)
    return sent


@transaction.atomic
def share_policy_template(*, actor: User, template: PolicyTemplate, upload: Any) -> PolicyTemplate:
    template.uploaded_by = actor
    template.file_name = Path(upload.name).name[:200]
    template.file.save(template.file_name, upload, save=False)
    template.save()
    audit.record(actor=actor, verb=AuditVerb.PUBLISHED, target=template, summary="Policy template shared with partners")
    return template


# Selection.

# The partnership's criteria as Heard first offers them (also seeded by migration 0003): key, name, guidance, weight.
DEFAULT_CRITERIA = [
    ("reach", "Can reach people we don't", "They are trusted by residents the partnership does not hear from yet.", 3),
    (
        "timeframe",
        "Can do it within the timeframe",
        "They have the people and time to do the work when it is needed.",
        2,
    ),
    (
        "due-diligence",
        "Due diligence in place",
        "Safeguarding, health and safety and equality policies are current and checked.",
        2,
    ),
    (
        "smaller",
        "A smaller organisation",
        "Smaller partners are prioritised (low turnover scores high); a larger one may be asked to lead the bid.",
        1,
    ),
]


@transaction.atomic
def ensure_criteria() -> list[Criterion]:
    """The selection criteria, putting Heard's four back when there are none (e.g. after a database flush)."""
    if not Criterion.objects.exists():
        for position, (key, name, guidance, weight) in enumerate(DEFAULT_CRITERIA):
            Criterion.objects.create(key=key, name=name, guidance=guidance, weight=weight, position=position)
        audit.record(
            actor=None,
            actor_label="Heard",
            verb=AuditVerb.CREATED,
            target_type="partners.criterion",
            target_label="Selection criteria",
            summary="The partnership's four selection criteria, with their first weights",
        )
    return list(Criterion.objects.all())


@transaction.atomic
def set_weights(*, actor: User, weights: dict[Criterion, int]) -> None:
    before = {c.key: c.weight for c in weights}
    for criterion, weight in weights.items():
        criterion.weight = weight
        criterion.save(update_fields=["weight"])
    audit.record(
        actor=actor,
        verb=AuditVerb.CHANGED,
        target_type="partners.criterion",
        target_label="Selection criteria's weights",
        before=before,
        after={c.key: c.weight for c in weights},
    )


@transaction.atomic
def score_candidate(
    *,
    actor: User,
    organisation: Organisation,
    scores: dict[Criterion, tuple[int, str]],
    notes: str,
    decision: str,
) -> Assessment:
    assessment, _ = Assessment.objects.get_or_create(organisation=organisation)
    for criterion, (value, note) in scores.items():
        Score.objects.update_or_create(
            assessment=assessment, criterion=criterion, defaults={"score": value, "note": note}
        )
    assessment.notes = notes
    assessment.decision = decision
    assessment.assessed_by = actor
    assessment.assessed_on = datetime.date.today()
    assessment.save()
    audit.record(
        actor=actor,
        verb=AuditVerb.SCORED,
        target=assessment,
        organisation_id=organisation.pk,
        after={"scores": {c.key: v for c, (v, _) in scores.items()}, "decision": decision},
        summary=f"{organisation} scored; decision: {assessment.get_decision_display()}",
    )
    return assessment
