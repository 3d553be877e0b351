from __future__ import annotations

from django_tasks import task

from heard.analysis import actions


@task()
def suggest_themes_task(experience_ids: list[int]) -> int:
    """Suggests themes and sentiment for these contributions' free text. Idempotent; returns answers done."""
    return actions.suggest_themes(experience_ids)


@task()
def measure_local_gain_task(project_id: int) -> int | None:
    """Measures how much retraining helps a project's local themes; returns the evaluation's id."""
    from heard.engagement.models import Project

    evaluation = actions.measure_local_gain(Project.objects.get(pk=project_id))
    return evaluation.pk if evaluation else None
