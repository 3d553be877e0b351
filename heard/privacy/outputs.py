"""What of a resident's words may leave the safe room, and how they read when they do.

`quotable_answers(user, project)` is the one rule for which free-text answers may be quoted to a person (or, with
`user=None`, to anyone outside the host: exports for sharing, reports, public pages); `public_text(answer)` is the
one way their words are written there: redacted, with people's review decisions applied. Every page, export and
command that shows residents' words beyond the records themselves uses both.
"""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from heard.accounts.models import User
from heard.engagement.models import Answer, Project, QuestionKind
from heard.lib.redaction import Redaction, redact
from heard.privacy.models import DataSharingAgreement, SafeguardingFlag, SharingScope


def agreements_in_force(today: datetime.date) -> dict[int, DataSharingAgreement]:
    """Partner id -> its data-sharing agreement in force today (the latest one when several are)."""
    found: dict[int, DataSharingAgreement] = {}
    for agreement in (
        DataSharingAgreement.objects.filter(starts_on__lte=today)
        .filter(Q(ends_on=None) | Q(ends_on__gte=today))
        .order_by("starts_on", "pk")
    ):
        found[agreement.organisation_id] = agreement
    return found


def partners_sharing_words(today: datetime.date) -> list[int]:
    """Partners whose agreement in force lets the host share their residents' (consented, redacted) words."""
    return [pk for pk, a in agreements_in_force(today).items() if a.scope == SharingScope.REDACTED_TEXT]


def without_held_back_words(answers: QuerySet[Answer]) -> QuerySet[Answer]:
    """Leaves out answers a safeguarding flag holds back: one that is open, or decided without "may be used"
    (a flag raised on a whole record, with no answer, holds back all of its words)."""
    holding = SafeguardingFlag.objects.holding_words_back()
    return answers.exclude(Exists(holding.filter(answer_id=OuterRef("pk")))).exclude(
        Exists(holding.filter(answer=None, experience_id=OuterRef("experience_id")))
    )


def quotable_answers(user: User | None, project: Project, *, today: datetime.date | None = None) -> QuerySet[Answer]:
    """The free-text answers of `project` whose words may be quoted to `user`, always through `public_text`:

    - only from residents who consented to be kept and to be quoted, and whose record is not anonymised;
    - never while a safeguarding flag on the answer is open, nor after a lead decided "never use";
    - host staff: any partner's; a partner member: their own residents' (the partner heard them);
    - anyone else (steering members; `None` for exports for sharing, reports and public pages): only from
      partners whose data-sharing agreement in force lets the host share residents' words.
    """
    answers = Answer.objects.filter(
        experience__project=project,
        question__kind=QuestionKind.FREE_TEXT,
        experience__consent_store=True,
        experience__consent_quote=True,
        experience__anonymised_at=None,
    ).exclude(text="", english_text="")
    answers = without_held_back_words(answers)
    if user is not None and user.is_host:
        return answers
    if user is not None and user.is_partner_member:
        return answers.filter(experience__partner_id=user.organisation_id) if user.organisation_id else answers.none()
    return answers.filter(experience__partner_id__in=partners_sharing_words(today or timezone.localdate()))


def redaction_of(answer: Answer, field: str = "text") -> Redaction:
    return redact(getattr(answer, field) or "")


def public_text(answer: Answer, *, field: str | None = None) -> str:
    """The answer's words with personal details replaced by their kind ("[name]", "[phone]"), except spans a
    person reviewed and decided are not personal. English where a translation exists, unless `field` says."""
    field = field or ("english_text" if answer.english_text else "text")
    redaction = redaction_of(answer, field)
    if not redaction.spans:
        return redaction.text
    shown = {(d.start, d.end) for d in answer.redaction_decisions.all() if d.field == field and d.keep_visible}
    keep = {i for i, span in enumerate(redaction.spans) if (span.start, span.end) in shown}
    return redaction.keeping(keep) if keep else redaction.text


def public_text_of(text: str) -> str:
    """For text that is not stored as an answer (a file being exported): redacted, no decisions to apply."""
    return redact(text or "").text
