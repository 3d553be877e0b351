"""Temperature checks: rounds of short pulse questions answered anonymously by the steering group's members.

Anonymity by design (decision record 0008): an answer (`PulseAnswer`) holds the scores and comment only, with no
member, no timestamp and a random UUID key, and a round's answers are written again in a random order each time
one is added, so neither the key, nor the row order, nor the database's own row numbers tell who answered first.
Who has answered (for reminders) is a separate row (`PulseResponded`), equally without a timestamp, and nothing
joins the two.
"""

from __future__ import annotations

import hashlib
import uuid
from typing import Final

from django.db import models

# (field, the question as members read it): each answered on a 1-5 scale.
PULSE_QUESTIONS: Final = (
    ("direction", "Are we heading in the right direction?"),
    ("value", "Are we adding value?"),
    ("focus", "Are we focused on the right things?"),
    ("honesty", "Do you feel able to be honest in this group?"),
)
SCALE: Final = ((1, "1 (not at all)"), (2, "2"), (3, "3"), (4, "4"), (5, "5 (completely)"))
MIN_ANSWERS: Final = 5  # fewer answers than this and a round's results are not shown


class PulseRound(models.Model):
    title = models.CharField(max_length=200)
    opens_on = models.DateField()
    closes_on = models.DateField()
    closed = models.BooleanField(default=False, help_text="Results are shown only once a round is closed.")
    reminded_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-opens_on", "-id"]

    def __str__(self) -> str:
        return self.title


class PulseAnswer(models.Model):
    """One member's answers to a round, with nothing that says whose or when."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(PulseRound, on_delete=models.CASCADE, related_name="answers")
    direction = models.PositiveSmallIntegerField(choices=SCALE)
    value = models.PositiveSmallIntegerField(choices=SCALE)
    focus = models.PositiveSmallIntegerField(choices=SCALE)
    honesty = models.PositiveSmallIntegerField(choices=SCALE)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]  # random: the UUID

    def __str__(self) -> str:
        return f"An answer to {self.round}"


class PulseResponded(models.Model):
    """That a member has answered a round (for reminders), and nothing of what or when."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(PulseRound, on_delete=models.CASCADE, related_name="responded")
    member = models.ForeignKey("governance.SteeringMember", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "member"], name="one_answer_per_member_per_round")]

    def __str__(self) -> str:
        return f"{self.member} has answered {self.round}"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class PulseLink(models.Model):
    """A member's own single-use link to answer one round without signing in (for members without an account).

    Only the token's sha256 is kept, and whether the link was used: never when, and nothing in an answer points
    back to it. The round's links are written again in a random order each time one is used (like
    `PulseResponded`), so their row order says nothing of who answered first."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(PulseRound, on_delete=models.CASCADE, related_name="links")
    member = models.ForeignKey("governance.SteeringMember", on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    used = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "member"], name="one_link_per_member_per_round")]

    def __str__(self) -> str:
        return f"{self.member}'s link to {self.round}"
