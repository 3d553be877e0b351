"""Who may see safeguarding flags and act on residents' consent."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from heard.accounts.models import User
from heard.engagement.models import Experience
from heard.privacy.models import SafeguardingFlag, SafeguardingFlagQuerySet


def flags_for_user(user: User) -> SafeguardingFlagQuerySet:
    """The host's safeguarding leads see every flag; a partner's safeguarding lead sees their own residents'."""
    flags = SafeguardingFlag.objects.select_related("experience", "experience__partner", "experience__project")
    if not user.is_safeguarding_lead:
        return flags.none()
    if user.is_host:
        return flags
    if user.is_partner_member and user.organisation_id:
        return flags.filter(experience__partner_id=user.organisation_id)
    return flags.none()


def get_flag_for_user(request: HttpRequest, pk: int) -> SafeguardingFlag:
    user = request.user
    assert isinstance(user, User)
    try:
        return flags_for_user(user).get(pk=pk)
    except SafeguardingFlag.DoesNotExist:
        raise Http404("No such flag") from None


def can_manage_consent(user: User, experience: Experience) -> bool:
    """Host staff, and members of the partner that heard the resident."""
    return user.is_host or (user.is_partner_member and user.organisation_id == experience.partner_id)
