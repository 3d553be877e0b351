"""The demo's residents' verdicts: answers from most communities (enough that their figures show, and one
community with fewer than 5, so its figures show as "<5" to everyone but host staff), spread over the
recommendations sent for each community, and a verdict link (and QR code) for every partner."""

from __future__ import annotations

import datetime
import random

from django.db.models import Q

from heard.core import audit
from heard.core.models import AuditVerb
from heard.engagement.models import Project
from heard.influence.models import RecommendationStatus, Verdict, VerdictChannel, VerdictLink

# Verdicts per community, in the order of the project's communities by name; 3 gives the "fewer than 5" one.
PER_COMMUNITY = [23, 14, 3, 11, 9, 17, 8, 12, 6, 10]
ANSWERS = {
    "listened": (["yes", "partly", "no"], [6, 3, 1]),
    "saw_change": (["yes", "not_yet", "no"], [4, 4, 2]),
    "again": (["yes", "maybe", "no"], [6, 3, 1]),
    "influence": (["more", "same", "less"], [5, 4, 1]),
}


def build_verdicts(project: Project) -> dict[str, int]:
    rng = random.Random(12)
    partners = list(project.project_partners.select_related("organisation").prefetch_related("communities"))
    sent = project.recommendations.exclude(status=RecommendationStatus.DRAFT)
    verdicts = []
    for community, count in zip(project.communities.order_by("name"), PER_COMMUNITY, strict=False):
        serving = [p.organisation for p in partners if community in p.communities.all()] or [partners[0].organisation]
        about = list(sent.filter(Q(communities=community) | Q(communities=None)).distinct().order_by("pk"))
        for n in range(count):
            verdicts.append(
                Verdict(
                    project=project,
                    partner=serving[n % len(serving)],
                    community=community,
                    recommendation=about[n % len(about)] if about and n % 3 else None,
                    channel=[VerdictChannel.ONLINE, VerdictChannel.PARTNER, VerdictChannel.IMPORTED][n % 3],
                    language="en",
                    given_on=datetime.date(2026, 9, 1) + datetime.timedelta(days=n % 20),
                    **{
                        name: rng.choices(codes, weights)[0] if rng.random() > 0.05 else ""
                        for name, (codes, weights) in ANSWERS.items()
                    },
                )
            )
    Verdict.objects.bulk_create(verdicts)
    for n, p in enumerate(partners):
        VerdictLink.objects.create(
            project=project,
            partner=p.organisation,
            community=next(iter(p.communities.all()), None),
            token=f"demo-verdict-{n}-{p.organisation.slug}"[:40],  # the column holds 40 (PostgreSQL enforces it)
        )
    audit.record(
        actor=None,
        verb=AuditVerb.IMPORTED,
        target=project,
        summary=f"Demo residents' verdicts loaded: {len(verdicts)}",
    )
    return {"verdicts": len(verdicts)}
