"""The Learn stage's records, split by what they hold: the steering group (`group`), temperature checks (`pulse`),
the theory of change (`change`), and the story of change with Common Standards and reviews (`learning`)."""

from heard.governance.models.change import ChangeElement, ElementKind, Indicator, IndicatorSnapshot, TheoryOfChange
from heard.governance.models.group import (
    ActionItem,
    ActionStatus,
    CharterVersion,
    CoreTeam,
    Decision,
    Meeting,
    MeetingPaper,
    MemberKind,
    SteeringMember,
    TeamMembership,
)
from heard.governance.models.learning import (
    STANDARDS,
    LearningEntry,
    Review,
    ReviewDate,
    ReviewSubject,
    StandardRating,
    StandardsAssessment,
)
from heard.governance.models.pulse import PULSE_QUESTIONS, PulseAnswer, PulseLink, PulseResponded, PulseRound

__all__ = [
    "PULSE_QUESTIONS",
    "STANDARDS",
    "ActionItem",
    "ActionStatus",
    "ChangeElement",
    "CharterVersion",
    "CoreTeam",
    "Decision",
    "ElementKind",
    "Indicator",
    "IndicatorSnapshot",
    "LearningEntry",
    "Meeting",
    "MeetingPaper",
    "MemberKind",
    "PulseAnswer",
    "PulseLink",
    "PulseResponded",
    "PulseRound",
    "Review",
    "ReviewDate",
    "ReviewSubject",
    "StandardRating",
    "StandardsAssessment",
    "SteeringMember",
    "TeamMembership",
    "TheoryOfChange",
]
