"""State changes for projects, activities and residents' experiences: one transaction, one audit event."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterable, Mapping
from functools import partial
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
    new_receipt,
)
from heard.engagement.signals import contributions_saved
from heard.lib.language import detect_language
from heard.partners.models import Community, Organisation

logger = logging.getLogger(__name__)

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


def _save_answers(
    experience: Experience,
    answers: Mapping[Question, Any],
    language: str = "",
    translations: Mapping[Question, tuple[str, str, str]] | None = None,
) -> list[str]:
    """Creates, updates or removes answers; returns the codes of the questions whose answer changed. Free text
    whose language is not recognised is taken to be in `language`, when given. `translations` give, for free text,
    the language a person said it is in, its English translation and who translated it."""
    changed: list[str] = []
    translations = translations or {}
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
        fields = ("text", "choices", "number", "language", "english_text", "translated_by")
        old = [getattr(answer, f) for f in fields]
        if question.kind == "multiple_choice":
            answer.choices = list(value)
            answer.text = ""
        elif question.kind == "rating":
            answer.number = int(value)
            answer.text = ""
        else:
            answer.text = str(value)
            said_in, english, translator = translations.get(question, ("", answer.english_text, answer.translated_by))
            if question in translations:
                answer.english_text, answer.translated_by = english, translator
            if said_in and said_in != answer.language:
                answer.language, answer.language_detected = said_in, False
            elif question.kind == "free_text" and answer.text and not answer.language:
                answer.language = detect_language(answer.text) or language
                answer.language_detected = bool(answer.language)
        if [getattr(answer, f) for f in fields] != old or answer.pk is None:
            answer.question = question
            answer.save()
            changed.append(question.code)
    return changed


@transaction.atomic
def save_experience(
    *,
    actor: User,
    experience: Experience,
    answers: Mapping[Question, Any] | None = None,
    language: str = "",
    translations: Mapping[Question, tuple[str, str, str]] | None = None,
) -> Experience:
    creating = experience.pk is None
    before = None if creating else audit.snapshot(Experience.objects.get(pk=experience.pk), EXPERIENCE_AUDIT_FIELDS)
    if creating and experience.created_by_id is None and actor.is_authenticated:
        experience.created_by = actor
    experience.save()
    changed = _save_answers(experience, answers or {}, language, translations)
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


def unused_receipt() -> str:
    """A resident's reference (R-7KQ3-M9) no other record has."""
    while True:
        receipt = new_receipt()
        if not Experience.objects.filter(receipt=receipt).exists():
            return receipt


@transaction.atomic
def make_entry_link(*, actor: User, project: Project, partner: Organisation, community: Community | None) -> EntryLink:
    """A new link (and QR code) residents open to tell this partner what happened, without an account."""
    link = EntryLink.objects.create(project=project, partner=partner, community=community)
    audit.record(actor=actor, verb=AuditVerb.CREATED, target=link, project_id=project.pk, organisation_id=partner.pk)
    return link


def announce_contributions(experience_ids: Iterable[int]) -> None:
    """Tells subscribers (the safeguarding check, theme suggestions) about saved contributions once the
    transaction commits: one `contributions_saved` signal, so one queued task per subscriber, for each
    ANNOUNCE_CHUNK ids, all queued in one transaction.

    Importers call this too, inside their transaction. `experience_ids` is read only after the commit, a chunk at
    a time: a big import passes something that holds less than a list of its ids (a range, runs of ids), and
    must not change it afterwards. Nothing is announced if the transaction rolls back."""
    if isinstance(experience_ids, list):
        experience_ids = list(experience_ids)  # the caller's list may change before the commit
    transaction.on_commit(partial(_send_announcements, experience_ids))


# Ids per announcement. A chunk is one task per subscriber and a few seconds of work: a million-row import queues
# 500 chunks, not a million tasks nor one task with a million ids.
ANNOUNCE_CHUNK = 2000


def _send_announcements(experience_ids: Iterable[int]) -> None:
    ids = iter(experience_ids)
    read = 0
    try:
        with transaction.atomic():  # all the tasks queued in one commit, or none
            while chunk := list(itertools.islice(ids, ANNOUNCE_CHUNK)):
                read += len(chunk)
                contributions_saved.send(sender=Experience, experience_ids=chunk)
    except Exception:
        # What was saved stands (it is committed); its follow-up can be queued again with `heard follow-up`.
        try:
            count = f"{read + sum(1 for _ in ids):,}"
        except Exception:  # the ids came from the database, which is what failed
            count = "some"
        logger.exception(
            "Could not queue the safeguarding check and theme suggestions for %s residents' contributions; "
            "run `heard follow-up --project SLUG` for their project once the cause is fixed.",
            count,
        )


@transaction.atomic
def follow_up_contributions(*, actor: User | None, project: Project, partner: Organisation | None = None) -> int:
    """Queues the safeguarding check and theme suggestions again for a project's contributions (one partner's,
    if given): for records saved before their follow-up was queued, or whose follow-up failed. Safe to repeat:
    the work is idempotent (existing flags and people's decisions are kept; suggestions are replaced by the
    same ones). Returns how many contributions were announced."""
    experiences = Experience.objects.filter(project=project)
    if partner is not None:
        experiences = experiences.filter(partner=partner)
    count = experiences.count()
    audit.record(
        actor=actor,
        verb=AuditVerb.QUEUED,
        target=project,
        project_id=project.pk,
        organisation_id=partner.pk if partner else None,
        summary=f"Queued the safeguarding check and theme suggestions for {count:,} residents' contributions",
    )
    # Read from the database after the commit, a chunk at a time (a big project's ids are never one list).
    announce_contributions(experiences.order_by("pk").values_list("pk", flat=True).iterator(chunk_size=ANNOUNCE_CHUNK))
    return count


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
        "staff_help_text": data.get("staff_help_text", ""),
        "choices": [[code, label] for code, label in data.get("options", [])],
        "scale_min": data["scale_min"],
        "scale_max": data["scale_max"],
        "scale_min_label": data.get("scale_min_label", ""),
        "scale_max_label": data.get("scale_max_label", ""),
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
    saved = _change_question(question, fields)
    audit.record(
        actor=actor,
        verb=AuditVerb.CHANGED,
        target=saved,
        project_id=project.pk,
        summary=""
        if saved.pk == question.pk
        else f"Version {saved.version} of '{saved.code}'; version {question.version} kept with its answers",
        before=before,
        after=audit.snapshot(saved),
    )
    return saved


def _change_question(question: Question, fields: Mapping[str, Any]) -> Question:
    """Part of a verb (not audited here): changes a question nobody has answered in place; one residents have
    answered is retired with its answers and the words they saw, and the change becomes its next version."""
    if not question.answers.exists():
        for name, value in fields.items():
            setattr(question, name, value)
        question.save()
        return question
    question.is_active = False
    question.save(update_fields=["is_active"])
    project = question.project
    newest = project.questions.filter(code=question.code).order_by("-version").values_list("version", flat=True)
    kept = {
        name: getattr(question, name)
        for name in (
            "kind",
            "text",
            "help_text",
            "staff_help_text",
            "choices",
            "scale_min",
            "scale_max",
            "scale_min_label",
            "scale_max_label",
            "position",
            "translations",
        )
    }
    return Question.objects.create(
        project=project, code=question.code, version=(newest.first() or 0) + 1, **{**kept, **fields}
    )


@transaction.atomic
def translate_questions(
    *, actor: User, project: Project, language: str, words: Mapping[Question, dict[str, Any]]
) -> list[Question]:
    """Saves the words of a project's questions in one language (`{"text", "help_text", "choices"}` each; blank
    parts are left out). A question residents have answered keeps the words they saw: its new words make a new
    version. Returns the questions whose words changed, as saved."""
    changed: list[Question] = []
    notes: list[str] = []
    for question, entry in words.items():
        entry = {key: value for key, value in entry.items() if value}
        if question.translations.get(language, {}) == entry:
            continue
        translations = {lang: words for lang, words in question.translations.items() if lang != language}
        if entry:
            translations[language] = entry
        saved = _change_question(question, {"translations": translations})
        changed.append(saved)
        notes.append(
            f"'{saved.code}' (version {saved.version}; version {question.version} kept with its answers)"
            if saved.pk != question.pk
            else f"'{saved.code}'"
        )
    if changed:
        audit.record(
            actor=actor,
            verb=AuditVerb.CHANGED,
            target=project,
            project_id=project.pk,
            summary=f"Questions' words in {language} changed: {', '.join(notes)}",
        )
    return changed


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
