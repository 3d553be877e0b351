"""Every write of residents' verdicts: one named verb each, one transaction, one audit event."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction

from heard.accounts.models import User
from heard.core import audit
from heard.core.models import AuditVerb
from heard.engagement.models import Project
from heard.influence.models import Recommendation, Verdict, VerdictLink
from heard.partners.models import Community, Organisation

ANSWER_FIELDS = ("listened", "saw_change", "again", "influence")


@transaction.atomic
def make_verdict_link(
    *,
    actor: User,
    project: Project,
    partner: Organisation,
    community: Community | None,
    recommendation: Recommendation | None = None,
) -> VerdictLink:
    """A new link (and QR code) residents open on a phone to say whether they felt heard."""
    link = VerdictLink.objects.create(
        project=project, partner=partner, community=community, recommendation=recommendation
    )
    audit.record(
        actor=actor,
        verb=AuditVerb.CREATED,
        target=link,
        project_id=project.pk,
        organisation_id=partner.pk,
        summary="Residents' verdict link made",
    )
    return link


@transaction.atomic
def record_verdict(*, actor: Any, verdict: Verdict) -> Verdict:
    """One resident's verdict, from the public link (`actor` anonymous) or entered by a partner on their behalf."""
    if verdict.entered_by_id is None and getattr(actor, "is_authenticated", False):
        verdict.entered_by = actor
    verdict.save()
    audit.record(
        actor=actor,
        actor_label="A resident, online",
        verb=AuditVerb.ANSWERED,
        target=verdict,
        project_id=verdict.project_id,
        organisation_id=verdict.partner_id,
        summary=f"Residents' verdict recorded ({verdict.get_channel_display().lower()})",
        after=audit.snapshot(verdict, ("community_id", "recommendation_id", "channel", "language", *ANSWER_FIELDS)),
    )
    return verdict


@transaction.atomic
def import_verdicts(
    *, actor: User, project: Project, partner: Organisation | None, verdicts: Sequence[Verdict], file_name: str
) -> int:
    """A checked sheet of verdicts, all rows together (the caller has refused the file if any row was wrong)."""
    for verdict in verdicts:
        verdict.entered_by = actor
    Verdict.objects.bulk_create(verdicts)
    audit.record(
        actor=actor,
        verb=AuditVerb.IMPORTED,
        target_type="influence.verdict",
        target_label=file_name[:300],
        project_id=project.pk,
        organisation_id=partner.pk if partner else None,
        summary=f"{len(verdicts)} residents' verdicts imported from {file_name}"[:500],
    )
    return len(verdicts)
