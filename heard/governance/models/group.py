"""The steering group: its members, its charter (versioned, each version's approval recorded), its meetings with
papers, decisions and actions, and the core teams whose membership changes over time."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class MemberKind(models.TextChoices):
    HOST = "host", "Host"
    PARTNER = "partner", "Partner"
    RESIDENT = "resident", "Resident"
    COMMISSIONER = "commissioner", "Commissioner"


class SteeringMember(models.Model):
    """A member of the steering group; a member may or may not have an account in Heard (only those who do are
    asked the temperature checks in Heard)."""

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=MemberKind.choices, default=MemberKind.PARTNER)
    role = models.CharField(max_length=200, blank=True, help_text="For example chair, vice-chair, member.")
    organisation = models.CharField(max_length=200, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="steering_member"
    )
    email = models.EmailField(blank=True)
    term_starts_on = models.DateField(null=True, blank=True)
    term_ends_on = models.DateField(null=True, blank=True)
    interests = models.TextField(blank=True, help_text="Declared interests.")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CharterVersion(models.Model):
    """One version of the charter. A change makes a new version; old versions stay as they were."""

    number = models.PositiveIntegerField(unique=True)
    purpose = models.TextField()
    remit = models.TextField(blank=True)
    membership = models.TextField(blank=True)
    roles = models.TextField(blank=True)
    decisions = models.TextField(blank=True, help_text="How decisions are made.")
    change_note = models.CharField(max_length=300, blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    written_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.CharField(max_length=200, blank=True, help_text="Who approved it (a meeting, a person).")
    approved_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"Charter version {self.number}"


class Meeting(models.Model):
    held_on = models.DateField()
    title = models.CharField(max_length=200, default="Steering group")
    agenda = models.TextField(blank=True)
    minutes = models.TextField(blank=True)
    project = models.ForeignKey(
        "engagement.Project", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.title}, {self.held_on:%-d %B %Y}"


class MeetingPaper(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="papers")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to="governance/papers/")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.title


class CoreTeam(models.Model):
    """A team for one issue or project, whose membership changes over time."""

    name = models.CharField(max_length=200)
    purpose = models.TextField(blank=True)
    project = models.ForeignKey(
        "engagement.Project", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TeamMembership(models.Model):
    team = models.ForeignKey(CoreTeam, on_delete=models.CASCADE, related_name="memberships")
    member = models.ForeignKey(SteeringMember, on_delete=models.CASCADE, related_name="team_memberships")
    joined_on = models.DateField()
    left_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["joined_on", "id"]

    def __str__(self) -> str:
        return f"{self.member} in {self.team}"


class Decision(models.Model):
    """One entry of the decision log: made at a meeting, or by a core team."""

    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.CASCADE, related_name="decisions")
    team = models.ForeignKey(CoreTeam, null=True, blank=True, on_delete=models.CASCADE, related_name="decisions")
    decided_on = models.DateField()
    text = models.TextField()
    rationale = models.TextField(blank=True)

    class Meta:
        ordering = ["-decided_on", "-id"]

    def __str__(self) -> str:
        return self.text[:80]


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


class ActionItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    text = models.CharField(max_length=300)
    owner = models.CharField(max_length=200)
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=11, choices=ActionStatus.choices, default=ActionStatus.OPEN)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.text
