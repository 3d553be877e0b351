"""Getters for `governance`'s records: every request fetches them here (404 outside a person's scope, 403 for a
write the person may not make).

- Host staff and steering-group members see the group's records: charter, meetings, decisions, teams,
  temperature checks (results only, never one member's answer), theories of change, the whole story of change,
  Common Standards. Host staff change them; members answer temperature checks.
- Partner members see, for the projects their organisation is in, the theory of change (figures over their own
  residents, protected) and the story-of-change entries the group shares with partners or publishes.
- Anyone sees the published story of change.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from heard.accounts.models import User
from heard.accounts.requests import signed_in_user
from heard.core.getters import get_or_404
from heard.engagement.access import projects_for_user
from heard.governance.models import (
    ActionItem,
    ChangeElement,
    CharterVersion,
    CoreTeam,
    LearningEntry,
    Meeting,
    MeetingPaper,
    PulseRound,
    SteeringMember,
    TeamMembership,
    TheoryOfChange,
)


def sees_group(user: User) -> bool:
    """Host staff and steering-group members see the steering group's own records."""
    return user.is_host or user.is_steering_member


def may_change(user: User) -> bool:
    return user.is_host


def member_of(user: User) -> SteeringMember | None:
    """The person's own steering-group membership, if they have one."""
    if not getattr(user, "is_authenticated", False):
        return None
    return SteeringMember.objects.filter(user=user).first()


def _group_only(request: HttpRequest, write: bool) -> User:
    user = signed_in_user(request)
    if not sees_group(user):
        raise Http404("Not found")
    if write and not may_change(user):
        raise PermissionDenied
    return user


def require_group_write(request: HttpRequest) -> User:
    """For the group's records that are not fetched one by one (the review dates): 404 outside the group, 403
    for a member who may not change them."""
    return _group_only(request, True)


def get_charter_version_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> CharterVersion:
    _group_only(request, write)
    return get_or_404(CharterVersion.objects, "No such charter version", pk=pk)


def get_meeting_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> Meeting:
    _group_only(request, write)
    return get_or_404(Meeting.objects, "No such meeting", pk=pk)


def get_paper_for_user(request: HttpRequest, pk: int) -> MeetingPaper:
    _group_only(request, False)
    return get_or_404(MeetingPaper.objects.select_related("meeting"), "No such paper", pk=pk)


def get_member_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> SteeringMember:
    _group_only(request, write)
    return get_or_404(SteeringMember.objects.select_related("user"), "No such member", pk=pk)


def get_action_for_user(request: HttpRequest, pk: int) -> ActionItem:
    """A meeting's action, for the group (who may change it is for the page: host staff or its owner)."""
    _group_only(request, False)
    return get_or_404(ActionItem.objects.select_related("meeting"), "No such action", pk=pk)


def get_team_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> CoreTeam:
    _group_only(request, write)
    return get_or_404(CoreTeam.objects, "No such team", pk=pk)


def get_membership_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> TeamMembership:
    _group_only(request, write)
    return get_or_404(TeamMembership.objects.select_related("team", "member"), "No such team membership", pk=pk)


def get_round_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> PulseRound:
    _group_only(request, write)
    return get_or_404(PulseRound.objects, "No such temperature check", pk=pk)


def tocs_for_user(user: User) -> QuerySet[TheoryOfChange]:
    return TheoryOfChange.objects.filter(project__in=projects_for_user(user))


def get_toc_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> TheoryOfChange:
    toc = get_or_404(
        tocs_for_user(signed_in_user(request)).select_related("project"), "No such theory of change", pk=pk
    )
    if write and not may_change(signed_in_user(request)):
        raise PermissionDenied
    return toc


def get_outcome_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> ChangeElement:
    try:
        element = (
            ChangeElement.objects.filter(toc__in=tocs_for_user(signed_in_user(request)))
            .select_related("toc", "toc__project")
            .get(pk=pk)
        )
    except ChangeElement.DoesNotExist:
        raise Http404("No such outcome") from None
    if write and not may_change(signed_in_user(request)):
        raise PermissionDenied
    return element


def entries_for_user(user: User) -> QuerySet[LearningEntry]:
    entries = LearningEntry.objects.all()
    if sees_group(user):
        return entries
    if user.is_partner_member and user.organisation_id:
        projects = projects_for_user(user)
        return entries.filter(Q(shared_with_partners=True) | Q(published=True)).filter(
            Q(project__in=projects) | Q(project__isnull=True)
        )
    return entries.none()


def get_entry_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> LearningEntry:
    entry = get_or_404(entries_for_user(signed_in_user(request)), "No such entry", pk=pk)
    if write and not may_change(signed_in_user(request)):
        raise PermissionDenied
    return entry


def published_entries() -> QuerySet[LearningEntry]:
    return LearningEntry.objects.filter(published=True)


def get_published_entry(pk: int) -> LearningEntry:
    return get_or_404(published_entries(), "No such entry", pk=pk)
