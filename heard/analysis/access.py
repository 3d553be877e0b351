"""Who may code which answers: host staff all of a project's; partner members their own residents'. Steering
members see only the aggregated theme tables."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from heard.accounts.models import User
from heard.analysis.models import Theme
from heard.core.params import as_id
from heard.engagement.access import experiences_for_user
from heard.engagement.models import Answer, Project, QuestionKind


def codable_answers(user: User, project: Project) -> QuerySet[Answer]:
    if not user.can_see_individual_records:
        return Answer.objects.none()
    return Answer.objects.filter(
        experience__in=experiences_for_user(user).filter(project=project), question__kind=QuestionKind.FREE_TEXT
    )


def get_answer_for_user(request: HttpRequest, pk: int) -> Answer:
    user = request.user
    assert isinstance(user, User)
    if not user.can_see_individual_records:
        raise PermissionDenied
    try:
        return (
            Answer.objects.filter(experience__in=experiences_for_user(user), question__kind=QuestionKind.FREE_TEXT)
            .select_related("experience", "experience__community", "experience__partner", "question")
            .get(pk=pk)
        )
    except Answer.DoesNotExist:
        raise Http404("No such answer") from None


def theme_for_project(project_id: int, value: str | None) -> Theme | None:
    """The theme a form chose for coding one of a project's answers (a national one or the project's own), by id or
    by name as typed in the grid's add-theme field (its whole name, any case, or words only one theme's name has);
    None when the value is no such theme."""
    text = (value or "").strip()
    themes = Theme.objects.for_project(project_id)
    theme_id = as_id(text)  # "²" is a digit to Python, but no id
    if theme_id is not None:
        return themes.filter(pk=theme_id).first()
    if not text or len(text) > 200:
        return None
    exact = themes.filter(name__iexact=text).first()
    if exact is not None:
        return exact
    partial = list(themes.filter(name__icontains=text)[:2])
    return partial[0] if len(partial) == 1 else None
