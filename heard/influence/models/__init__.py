"""Influence's records: recommendations and their timeline, the links addressees respond through, their responses,
the actions they commit to and the evidence of change, the notices the clock sends (each once), and the extra
bank holidays added by `heard holidays --update`."""

from heard.influence.models.clock import ExtraHoliday, NoticeKind, SentNotice
from heard.influence.models.recommendations import (
    Decision,
    Priority,
    Recommendation,
    RecommendationStatus,
    TimelineEvent,
    TimelineKind,
)
from heard.influence.models.responses import (
    Addressee,
    Commitment,
    CommitmentStatus,
    Evidence,
    EvidenceKind,
    Response,
    ResponseLink,
)

__all__ = [
    "Addressee",
    "Commitment",
    "CommitmentStatus",
    "Decision",
    "Evidence",
    "EvidenceKind",
    "ExtraHoliday",
    "NoticeKind",
    "Priority",
    "Recommendation",
    "RecommendationStatus",
    "Response",
    "ResponseLink",
    "SentNotice",
    "TimelineEvent",
    "TimelineKind",
]
