"""State changes for projects, activities and residents' experiences: one transaction, one audit event."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction

from heard.accounts.models import User
from heard.core import audit
from heard.core.models import AuditVerb
from heard.core.slugs import unique_slug
from heard.engagement.models import (
    CONSENT_FIELDS,
    DEMOGRAPHIC_FIELDS,
    Activity,
    Answer,
    Experience,
    Project,
    ProjectPartner,
    Question,
)
from heard.engagement.signals import contributions_saved
from heard.lib.language import detect_language
from heard.partners.models import Organisation

# Resident data is audited field by field, except what would copy a resident's words into the audit trail:
# free text is recorded as "changed", not by content.
EXPERIENCE_AUDIT_FIELDS = [
    "project_id",
    "partner_id",
    "activity_id",
    "community_id",
    "channel",
    "collected_on",
    *DEMOGRAPHIC_FIELDS,
    *CONSENT_FIELDS,
    "consent_method",
    "consent_given_on",
    "consent_recorded_by",
]


@transaction.atomic
def save_activity(*, actor: User, activity: Activity) -> Activity:
    creating = activity.pk is None
    before = None if creating else audit.snapshot(Activity.objects.get(pk=activity.pk))
    activity.save()
    audit.record(
        actor=actor,
        verb=AuditVerb.CREATED if creating else AuditVerb.CHANGED,
        target=activity,
        project_id=activity.project_id,
        organisation_id=activity.partner_id,
        before=before,
        after=audit.snapshot(activity),
    )
    return activity


def _save_answers(experience: Experience, answers: Mapping[Question, Any]) -> list[str]:
    """Creates, updates or removes answers; returns the codes of the questions whose answer changed."""
    changed: list[str] = []
    existing = {a.question_id: a for a in experience.answers.all()}
    for question, value in answers.items():
        answer = existing.get(question.pk)
        blank = value in (None, "", [])
        if blank:
            if answer is not None:
                answer.delete()
                changed.append(question.code)
            continue
        if answer is None:
            answer = Answer(experience=experience, question=question)
        old = (answer.text, list(answer.choices), answer.number)
        if question.kind == "multiple_choice":
            answer.choices = list(value)
            answer.text = ""
        elif question.kind == "rating":
            answer.number = int(value)
            answer.text = ""
        else:
            answer.text = str(value)
            if question.kind == "free_text" and answer.text and not answer.language:
                answer.language = detect_language(answer.text)
                answer.language_detected = bool(answer.language)
        if (answer.text, list(answer.choices), answer.number) != old or answer.pk is None:
            answer.save()
            changed.append(question.code)
    return changed


@transaction.atomic
def save_experience(
    *, actor: User, experience: Experience, answers: Mapping[Question, Any] | None = None
) -> Experience:
    creating = experience.pk is None
    before = None if creating else audit.snapshot(Experience.objects.get(pk=experience.pk), EXPERIENCE_AUDIT_FIELDS)
    if creating and experience.created_by_id is None and actor.is_authenticated:
        experience.created_by = actor
    experience.save()
    changed = _save_answers(experience, answers or {})
    after = audit.snapshot(experience, EXPERIENCE_AUDIT_FIELDS)
    summary = f"Answers changed: {', '.join(changed)}" if changed and not creating else ""
    audit.record(
        actor=actor,
        verb=AuditVerb.CREATED if creating else AuditVerb.CHANGED,
        target=experience,
        target_label=experience.reference,
        project_id=experience.project_id,
        organisation_id=experience.partner_id,
        summary=summary,
        before=before,
        after=after,
    )
    announce_contributions([experience.pk])
    return experience


def announce_contributions(experience_ids: list[int]) -> None:
    """Tells subscribers (safeguarding, theme suggestions) about saved contributions once the transaction commits.

    Importers that bulk-create experiences call this too, inside their transaction."""
    ids = list(experience_ids)
    transaction.on_commit(lambda: contributions_saved.send(sender=Experience, experience_ids=ids))


@transaction.atomic
def save_project(
    *, actor: User, project: Project, partners: Iterable[Organisation], communities: Iterable[Any]
) -> Project:
    """Saves a project and brings its partner list in line with `partners` (never removing a partner that
    already sent records: the form refuses that)."""
    creating = project.pk is None
    before = None if creating else audit.snapshot(Project.objects.get(pk=project.pk))
    if creating and not project.slug:
        project.slug = unique_slug(Project, project.name, "project")
    project.save()
    project.communities.set(list(communities))
    wanted = {o.pk for o in partners}
    current = set(project.project_partners.values_list("organisation_id", flat=True))
    ProjectPartner.objects.bulk_create(
        [ProjectPartner(project=project, organisation_id=pk) for pk in sorted(wanted - current)]
    )
    project.project_partners.filter(organisation_id__in=current - wanted).delete()
    after = {**audit.snapshot(project), "partner_ids": sorted(wanted)}
    if before is not None:
        before["partner_ids"] = sorted(current)
    audit.record(
        actor=actor,
        verb=AuditVerb.CREATED if creating else AuditVerb.CHANGED,
        target=project,
        project_id=project.pk,
        before=before,
        after=after,
    )
    return project
