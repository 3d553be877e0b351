"""Permission-checked getters for projects, activities and experiences.

- Host admins and staff see everything.
- Partner members see the projects their organisation is part of, and only their own organisation's
  activities and residents' records (read and write).
- Steering-group members see projects and aggregates, never an individual activity or record.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from heard.accounts.models import User
from heard.accounts.requests import signed_in_user
from heard.core.getters import get_or_404
from heard.engagement.models import Activity, Experience, ExperienceQuerySet, Project, ProjectQuerySet, Question


def projects_for_user(user: User) -> ProjectQuerySet:
    projects = Project.objects.all()
    if user.is_host or user.is_steering_member:
        return projects
    if user.is_partner_member and user.organisation_id:
        return projects.filter(project_partners__organisation_id=user.organisation_id).distinct()
    return projects.none()


def activities_for_user(user: User) -> QuerySet[Activity]:
    activities = Activity.objects.all()
    if user.is_host:
        return activities
    if user.is_partner_member and user.organisation_id:
        return activities.filter(partner_id=user.organisation_id)
    return activities.none()


def experiences_for_user(user: User) -> ExperienceQuerySet:
    experiences = Experience.objects.all()
    if user.is_host:
        return experiences
    if user.is_partner_member and user.organisation_id:
        return experiences.filter(partner_id=user.organisation_id)
    return experiences.none()


def get_project_for_user(request: HttpRequest, slug: str) -> Project:
    return get_or_404(projects_for_user(signed_in_user(request)), "No such project", slug=slug)


def can_record_in_project(user: User, project: Project) -> bool:
    """Host staff, and partner members whose organisation is one of the project's partners."""
    if user.is_host:
        return True
    return (
        user.is_partner_member
        and user.organisation_id is not None
        and project.project_partners.filter(organisation_id=user.organisation_id).exists()
    )


def get_activity_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> Activity:
    # Partner members asking for another partner's activity get 404, as if it did not exist.
    activity = get_or_404(
        activities_for_user(signed_in_user(request)).select_related("project", "partner", "community"),
        "No such activity",
        pk=pk,
    )
    if write and not can_record_in_project(signed_in_user(request), activity.project):
        raise PermissionDenied
    return activity


def get_experience_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> Experience:
    try:
        experience = (
            experiences_for_user(signed_in_user(request))
            .select_related("project", "partner", "community", "activity")
            .get(pk=pk)
        )
    except Experience.DoesNotExist:
        raise Http404("No such record") from None
    if write and not can_record_in_project(signed_in_user(request), experience.project):
        raise PermissionDenied
    return experience


def questions_for_user(user: User) -> QuerySet[Question]:
    """Every version of the questions of the projects the person can see."""
    return Question.objects.filter(project__in=projects_for_user(user))


def get_question_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> Question:
    """A question of a project the person can see (else 404); with write=True, only host staff may change it
    (else 403)."""
    question = get_or_404(
        questions_for_user(signed_in_user(request)).select_related("project"), "No such question", pk=pk
    )
    if write and not signed_in_user(request).is_host:
        raise PermissionDenied
    return question


def current_project(request: HttpRequest) -> Project | None:
    """The project a stage page shows: `?project=SLUG`, else the newest open one the person can see."""
    slug = request.GET.get("project")
    if slug:
        return get_project_for_user(request, slug)
    projects = projects_for_user(signed_in_user(request))
    return projects.open().first() or projects.first()
