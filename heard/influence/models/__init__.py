"""Influence's records: recommendations and their timeline, the links addressees respond through, their responses,
the actions they commit to and the evidence of change, the notices the clock sends (each once), and the extra
bank holidays added by `heard holidays --update`; residents' verdicts and the links they are given through."""

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
    ResponseChannel,
    ResponseLink,
)
from heard.influence.models.verdicts import (
    Again,
    Influence,
    Listened,
    SawChange,
    Verdict,
    VerdictChannel,
    VerdictLink,
)

__all__ = [
    "Addressee",
    "Again",
    "Commitment",
    "CommitmentStatus",
    "Decision",
    "Evidence",
    "EvidenceKind",
    "ExtraHoliday",
    "Influence",
    "Listened",
    "NoticeKind",
    "Priority",
    "Recommendation",
    "RecommendationStatus",
    "Response",
    "ResponseChannel",
    "ResponseLink",
    "SawChange",
    "SentNotice",
    "TimelineEvent",
    "TimelineKind",
    "Verdict",
    "VerdictChannel",
    "VerdictLink",
]
