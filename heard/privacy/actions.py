"""State changes that protect residents: one transaction and one audit event each. Audit entries here never
carry what a resident said."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from heard.accounts.models import User
from heard.core import audit
from heard.core.models import AuditVerb
from heard.engagement.models import Answer, Experience, Project, QuestionKind
from heard.lib.redaction import Span
from heard.lib.safeguarding import find_concerns
from heard.privacy.models import (
    DataSharingAgreement,
    Erasure,
    ErasureReason,
    FlagView,
    RedactionDecision,
    SafeguardingFlag,
)


@transaction.atomic
def raise_safeguarding_flags(experience_ids: list[int]) -> list[SafeguardingFlag]:
    """Flags free-text answers that suggest a risk of harm. Safe to run again: existing flags are kept as they are
    (a lead's decision is never reopened by a re-check)."""
    answers = Answer.objects.filter(
        experience_id__in=experience_ids, question__kind=QuestionKind.FREE_TEXT
    ).select_related("experience")
    existing = set(SafeguardingFlag.objects.filter(experience_id__in=experience_ids).values_list("answer_id", "kind"))
    created: list[SafeguardingFlag] = []
    for answer in answers:
        concerns = {c.kind: c for c in find_concerns(answer.english_text)}
        for concern in find_concerns(answer.text):
            concerns.setdefault(concern.kind, concern)
        for kind, concern in concerns.items():
            if (answer.pk, kind) in existing:
                continue
            flag = SafeguardingFlag.objects.create(
                experience=answer.experience, answer=answer, kind=kind, label=concern.label
            )
            existing.add((answer.pk, kind))
            created.append(flag)
            audit.record(
                actor=None,
                verb=AuditVerb.CREATED,
                target=flag,
                target_label=f"Safeguarding flag: {concern.label}",
                project_id=answer.experience.project_id,
                organisation_id=answer.experience.partner_id,
                summary=f"Raised on record {answer.experience.reference}",
            )
    return created


def record_flag_view(*, viewer: User, flag: SafeguardingFlag) -> None:
    FlagView.objects.create(flag=flag, viewer=viewer)
    audit.record(
        actor=viewer,
        verb=AuditVerb.VIEWED,
        target=flag,
        target_label=str(flag),
        project_id=flag.experience.project_id,
        organisation_id=flag.experience.partner_id,
    )


@transaction.atomic
def decide_flag(*, actor: User, flag: SafeguardingFlag, status: str, notes: str, words: str = "") -> SafeguardingFlag:
    """A safeguarding lead records what they did, and whether the resident's words may be used outside the host
    afterwards (redacted) or never. Blank `words` keeps them held back as before."""
    before = {"status": flag.status, "decision_notes": flag.decision_notes, "words": flag.words}
    flag.status = status
    flag.decision_notes = notes
    flag.words = words
    flag.decided_by = actor
    flag.decided_at = timezone.now()
    flag.save()
    audit.record(
        actor=actor,
        verb=AuditVerb.DECIDED,
        target=flag,
        target_label=str(flag),
        project_id=flag.experience.project_id,
        organisation_id=flag.experience.partner_id,
        before=before,
        after={"status": status, "decision_notes": notes, "words": words},
    )
    return flag


@transaction.atomic
def withdraw_consent(*, actor: User, experience: Experience, quote: bool, contact: bool) -> Experience:
    """The resident withdrew consent to be quoted and/or contacted. (Withdrawing consent to store is erasure.)"""
    before = {"consent_quote": experience.consent_quote, "consent_contact": experience.consent_contact}
    if quote:
        experience.consent_quote = False
    if contact:
        experience.consent_contact = False
        experience.contact_details = ""
    experience.consent_withdrawn_on = timezone.localdate()
    experience.save()
    audit.record(
        actor=actor,
        verb=AuditVerb.CONSENT_WITHDRAWN,
        target=experience,
        target_label=experience.reference,
        project_id=experience.project_id,
        organisation_id=experience.partner_id,
        before=before,
        after={"consent_quote": experience.consent_quote, "consent_contact": experience.consent_contact},
    )
    return experience


@transaction.atomic
def erase_experience(*, actor: User | None, experience: Experience, reason: str) -> Erasure:
    """Removes a resident's contribution everywhere Heard keeps it: the record, its answers and translations, any
    flags, redaction decisions and theme codes (all cascade from the record). Keeps an Erasure row with no content
    so counts already published can be reconciled, and an audit entry that it happened."""
    erasure = Erasure.objects.create(
        project_id=experience.project_id,
        partner_id=experience.partner_id,
        community_id=experience.community_id,
        reference=experience.reference,
        reason=reason,
        erased_by=actor,
    )
    SafeguardingFlag.objects.filter(experience=experience).delete()
    project_id, partner_id, reference, pk = (
        experience.project_id,
        experience.partner_id,
        experience.reference,
        experience.pk,
    )
    experience.delete()
    audit.record(
        actor=actor,
        verb=AuditVerb.ERASED,
        target_type="engagement.experience",
        target_id=str(pk),
        target_label=reference,
        project_id=project_id,
        organisation_id=partner_id,
        summary=ErasureReason(reason).label,
    )
    return erasure


@dataclass
class RetentionResult:
    project: str
    slug: str
    retention_ends_on: datetime.date
    anonymised: int = 0
    free_text_answers_removed: int = 0
    already_anonymised: int = 0
    references: list[str] = field(default_factory=list)


def retention_end(project: Project) -> datetime.date | None:
    """The day after which residents' contributions to a project are anonymised: its end plus its retention."""
    return project.retention_ends_on()


def apply_retention(*, today: datetime.date, dry_run: bool = False) -> list[RetentionResult]:
    """Anonymises contributions to projects whose retention period has ended: free text, translations, contact
    details, full postcodes and who recorded consent go; Census categories, choices, ratings, ward and deprivation
    decile stay, so counts and published findings hold. Idempotent: anonymised records are left alone."""
    results: list[RetentionResult] = []
    for project in Project.objects.exclude(ends_on=None).order_by("slug"):
        ends = retention_end(project)
        if ends is None or ends >= today:
            continue
        experiences = Experience.objects.filter(project=project)
        result = RetentionResult(
            project.name, project.slug, ends, already_anonymised=experiences.exclude(anonymised_at=None).count()
        )
        due = experiences.filter(anonymised_at=None)
        result.anonymised = due.count()
        free_text = Answer.objects.filter(experience__in=due, question__kind=QuestionKind.FREE_TEXT)
        result.free_text_answers_removed = free_text.count()
        if not dry_run and result.anonymised:
            with transaction.atomic():
                SafeguardingFlag.objects.filter(experience__in=due).delete()
                free_text.delete()
                now = timezone.now()
                for experience in due.only("pk", "postcode"):
                    district = experience.postcode.split(" ")[0] if experience.postcode else ""
                    Experience.objects.filter(pk=experience.pk).update(
                        postcode=district,
                        contact_details="",
                        consent_recorded_by="",
                        consent_contact=False,
                        anonymised_at=now,
                        source_file="",
                        source_row=None,
                    )
                audit.record(
                    actor=None,
                    verb=AuditVerb.CHANGED,
                    target=project,
                    project_id=project.pk,
                    summary=(
                        f"Retention: anonymised {result.anonymised} residents' contributions "
                        f"({result.free_text_answers_removed} free-text answers removed)"
                    ),
                )
        results.append(result)
    return results


@transaction.atomic
def decide_redaction(*, actor: User, answer: Answer, field: str, span: Span, keep: bool) -> RedactionDecision:
    """Records that a span redaction hid in one of an answer's words fields is (keep=False) or is not (keep=True)
    a personal detail. `field` must be one of privacy.access.REVIEWABLE_FIELDS (the view checks)."""
    decision, _ = RedactionDecision.objects.update_or_create(
        answer=answer,
        field=field,
        start=span.start,
        end=span.end,
        defaults={"kind": span.kind.value, "keep_visible": keep, "decided_by": actor},
    )
    audit.record(
        actor=actor,
        verb=AuditVerb.DECIDED,
        target=answer,
        target_label=f"Answer on {answer.experience.reference}",
        project_id=answer.experience.project_id,
        organisation_id=answer.experience.partner_id,
        summary=f"{'Showed' if keep else 'Redacted'} a {span.kind.value} at characters {span.start}-{span.end}",
    )
    return decision


@transaction.atomic
def record_agreement(*, actor: User, agreement: DataSharingAgreement) -> DataSharingAgreement:
    """Records a partner's data-sharing agreement (what may be shared outside the host, from when)."""
    agreement.save()
    audit.record(
        actor=actor,
        verb=AuditVerb.CREATED,
        target=agreement,
        organisation_id=agreement.organisation_id,
        after=audit.snapshot(agreement),
    )
    return agreement
