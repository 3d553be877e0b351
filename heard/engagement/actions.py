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
    EntryLink,
    Experience,
    Project,
    ProjectPartner,
    Question,
)
from heard.engagement.signals import contributions_saved
from heard.lib.language import detect_language
from heard.partners.models import Community, Organisation

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


def _save_answers(experience: Experience, answers: Mapping[Question, Any], language: str = "") -> list[str]:
    """Creates, updates or removes answers; returns the codes of the questions whose answer changed. Free text
    whose language is not recognised is taken to be in `language`, when given."""
    changed: list[str] = []
    # By code: an answer to an earlier version of a question is the answer to it (and moves to the version
    # asked now only if it changes).
    existing = {a.question.code: a for a in experience.answers.select_related("question")}
    for question, value in answers.items():
        answer = existing.get(question.code)
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
                answer.language = detect_language(answer.text) or language
                answer.language_detected = bool(answer.language)
        if (answer.text, list(answer.choices), answer.number) != old or answer.pk is None:
            answer.question = question
            answer.save()
            changed.append(question.code)
    return changed


@transaction.atomic
def save_experience(
    *, actor: User, experience: Experience, answers: Mapping[Question, Any] | None = None, language: str = ""
) -> Experience:
    creating = experience.pk is None
    before = None if creating else audit.snapshot(Experience.objects.get(pk=experience.pk), EXPERIENCE_AUDIT_FIELDS)
    if creating and experience.created_by_id is None and actor.is_authenticated:
        experience.created_by = actor
    experience.save()
    changed = _save_answers(experience, answers or {}, language)
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


@transaction.atomic
def make_entry_link(*, actor: User, project: Project, partner: Organisation, community: Community | None) -> EntryLink:
    """A new link (and QR code) residents open to tell this partner what happened, without an account."""
    link = EntryLink.objects.create(project=project, partner=partner, community=community)
    audit.record(actor=actor, verb=AuditVerb.CREATED, target=link, project_id=project.pk, organisation_id=partner.pk)
    return link


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


@transaction.atomic
def save_question(*, actor: User, project: Project, question: Question | None, data: Mapping[str, Any]) -> Question:
    """Adds a question, or changes one. A question residents have answered is frozen: the change becomes a new
    version (same code, so spreadsheets and exports still line up) and the old version stays, retired, with its
    answers and the words residents saw."""
    fields = {
        "text": data["text"],
        "kind": data["kind"],  # the form keeps a kind residents have answered
        "help_text": data.get("help_text", ""),
        "choices": [[code, label] for code, label in data.get("options", [])],
        "scale_min": data["scale_min"],
        "scale_max": data["scale_max"],
        "translations": data.get("translations", {}),
    }
    if question is None:
        last = project.questions.order_by("-position").values_list("position", flat=True).first()
        position = data.get("position")
        saved = Question.objects.create(
            project=project,
            code=data["code"],
            position=position if position is not None else (last or 0) + 1,
            **fields,
        )
        audit.record(
            actor=actor, verb=AuditVerb.CREATED, target=saved, project_id=project.pk, after=audit.snapshot(saved)
        )
        return saved
    before = audit.snapshot(question)
    position = data.get("position")
    fields["position"] = position if position is not None else question.position
    if not question.answers.exists():
        for name, value in fields.items():
            setattr(question, name, value)
        question.save()
        audit.record(
            actor=actor,
            verb=AuditVerb.CHANGED,
            target=question,
            project_id=project.pk,
            before=before,
            after=audit.snapshot(question),
        )
        return question
    question.is_active = False
    question.save(update_fields=["is_active"])
    newest = project.questions.filter(code=question.code).order_by("-version").values_list("version", flat=True)
    saved = Question.objects.create(project=project, code=question.code, version=(newest.first() or 0) + 1, **fields)
    audit.record(
        actor=actor,
        verb=AuditVerb.CHANGED,
        target=saved,
        project_id=project.pk,
        summary=f"Version {saved.version} of '{saved.code}'; version {question.version} kept with its answers",
        before=before,
        after=audit.snapshot(saved),
    )
    return saved


@transaction.atomic
def retire_question(*, actor: User, question: Question) -> bool:
    """Stops asking a question. One residents have answered is kept (retired) with its answers; one nobody
    answered is deleted. Returns True when it was deleted."""
    before = audit.snapshot(question)
    if question.answers.exists():
        question.is_active = False
        question.save(update_fields=["is_active"])
        audit.record(
            actor=actor,
            verb=AuditVerb.CHANGED,
            target=question,
            project_id=question.project_id,
            summary=f"Stopped asking '{question.code}'; its answers are kept",
            before=before,
            after=audit.snapshot(question),
        )
        return False
    audit.record(actor=actor, verb=AuditVerb.DELETED, target=question, project_id=question.project_id, before=before)
    question.delete()
    return True
