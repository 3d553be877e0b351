"""People who sign in to Heard, and the role each one has."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    HOST_ADMIN = "host_admin", "Host admin"
    HOST_STAFF = "host_staff", "Host staff"
    PARTNER_MEMBER = "partner_member", "Partner member"
    STEERING_MEMBER = "steering_member", "Steering group member"


class User(AbstractUser):
    """A person with an account. Partner members belong to one partner organisation and see only its records."""

    role = models.CharField(max_length=30, choices=Role.choices, default=Role.PARTNER_MEMBER)
    organisation = models.ForeignKey(
        "partners.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
        help_text="For partner members: the partner organisation they work for.",
    )
    is_safeguarding_lead = models.BooleanField(
        default=False,
        help_text="Sees safeguarding flags: for the host's lead, every project's; for a partner's lead, their own.",
    )

    class Meta:
        ordering = ["first_name", "last_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_host(self) -> bool:
        """Host admins and staff: they see every partner's records."""
        return self.role in (Role.HOST_ADMIN, Role.HOST_STAFF)

    @property
    def is_host_admin(self) -> bool:
        return self.role == Role.HOST_ADMIN

    @property
    def is_partner_member(self) -> bool:
        return self.role == Role.PARTNER_MEMBER

    @property
    def is_steering_member(self) -> bool:
        return self.role == Role.STEERING_MEMBER

    @property
    def can_see_individual_records(self) -> bool:
        """Steering-group members see aggregates and reports, never one resident's record."""
        return self.is_host or (self.is_partner_member and self.organisation_id is not None)

    @property
    def needs_two_factor(self) -> bool:
        return self.is_host
