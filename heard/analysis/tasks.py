from __future__ import annotations

from django_tasks import task

from heard.lib.idruns import ids_in

# `heard.analysis.actions` is imported inside each task: it loads the theme model's libraries (scikit-learn,
# SciPy: seconds), which the worker needs but a process that only queues work (an import, a web request) does not.


@task()
def suggest_themes_task(experience_ids: list[int] | None = None, runs: list[list[int]] | None = None) -> int:
    """Suggests themes and sentiment for these contributions' free text. Idempotent; returns answers done.

    Takes the ids as runs of consecutive ids (`[[first, last], ...]`, as `check_contributions_for_safeguarding`
    does), or as a list (tasks queued before runs)."""
    from heard.analysis import actions

    return actions.suggest_themes([*(experience_ids or []), *ids_in(runs or [])])


@task()
def measure_local_gain_task(project_id: int) -> int | None:
    """Measures how much retraining helps a project's local themes; returns the evaluation's id."""
    from heard.analysis import actions
    from heard.engagement.models import Project

    evaluation = actions.measure_local_gain(Project.objects.get(pk=project_id))
    return evaluation.pk if evaluation else None
