"""Who may see safeguarding flags, review redaction and act on residents' consent."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from heard.accounts.models import User
from heard.core.getters import get_or_404
from heard.engagement.access import experiences_for_user
from heard.engagement.models import Answer, Experience, Project
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


def flags_in_project_for_host(project: Project) -> SafeguardingFlagQuerySet:
    """Every partner's flags in a project: what the host's safeguarding leads see. Only for the host's own tools
    (a command line run by the host); a request goes through `flags_for_user`."""
    return SafeguardingFlag.objects.filter(experience__project=project).select_related("experience__partner")


def get_flag_for_user(request: HttpRequest, pk: int) -> SafeguardingFlag:
    user = request.user
    assert isinstance(user, User)
    return get_or_404(flags_for_user(user), "No such flag", pk=pk)


def can_manage_consent(user: User, experience: Experience) -> bool:
    """Host staff, and members of the partner that heard the resident."""
    return user.is_host or (user.is_partner_member and user.organisation_id == experience.partner_id)


# The fields of an answer that hold a resident's words, and so the only ones whose redaction can be reviewed.
REVIEWABLE_FIELDS = ("text", "english_text")


def get_answer_for_redaction_review(request: HttpRequest, pk: int) -> Answer:
    """Host staff review what redaction hid in any answer (others may not: 403); an answer that does not exist
    is "not found"."""
    user = request.user
    assert isinstance(user, User)
    if not user.is_host:
        raise PermissionDenied
    answers = Answer.objects.filter(experience__in=experiences_for_user(user)).select_related("experience", "question")
    return get_or_404(answers, "No such answer", pk=pk)
