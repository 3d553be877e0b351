"""The ranked view of candidates: each candidate's scores weighted by the partnership's criteria, as a share of
the most it could score. Changing a weight changes the ranking; nothing is stored but the scores."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from heard.partners.duediligence import safeguarding_lapsed_ids
from heard.partners.models import MAX_SCORE, Assessment, Criterion, Decision


@dataclass
class Ranked:
    assessment: Assessment
    percent: int  # weighted score as a share of the most possible, 0-100
    scores: dict[int, int | None] = field(default_factory=dict)  # criterion id -> score (None: not scored)
    lapsed: bool = False

    @property
    def organisation(self) -> object:
        return self.assessment.organisation


def weighted_percent(scores: dict[int, int | None], weights: dict[int, int]) -> int:
    """Sum of weight x score over every weighted criterion, as a whole percentage of weight x the top score. An
    unscored criterion counts 0."""
    most = sum(w * MAX_SCORE for w in weights.values())
    if most == 0:
        return 0
    got = sum(w * (scores.get(c) or 0) for c, w in weights.items())
    return round(100 * got / most)


def rank(assessments: list[Assessment], criteria: list[Criterion], today: datetime.date | None = None) -> list[Ranked]:
    """Highest weighted score first; ties by organisation name. Assessments come with scores prefetched."""
    weights = {c.pk: c.weight for c in criteria}
    lapsed = safeguarding_lapsed_ids([a.organisation_id for a in assessments], today)
    ranked = []
    for assessment in assessments:
        scores: dict[int, int | None] = {c.pk: None for c in criteria}
        for score in assessment.scores.all():
            scores[score.criterion_id] = score.score
        ranked.append(
            Ranked(
                assessment=assessment,
                percent=weighted_percent(scores, weights),
                scores=scores,
                lapsed=assessment.organisation_id in lapsed,
            )
        )
    ranked.sort(key=lambda r: (-r.percent, r.assessment.decision == Decision.NOT_NOW, r.assessment.organisation.name))
    return ranked
