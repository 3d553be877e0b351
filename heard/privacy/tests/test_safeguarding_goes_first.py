"""A disclosure of harm is checked before anything else the worker has queued: theme suggestions (whose first run
may retrain a model for minutes) wait behind it."""

from __future__ import annotations

import pytest
from django_tasks_db.models import DBTaskResult

from heard.analysis.tasks import suggest_themes_task
from heard.privacy.tasks import check_contributions_for_safeguarding


@pytest.mark.django_db
def test_the_worker_claims_the_safeguarding_check_before_suggestions_queued_earlier(settings) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    suggest_themes_task.enqueue(runs=[[1, 2]])
    check_contributions_for_safeguarding.enqueue(runs=[[1, 2]])
    first = DBTaskResult.objects.ready().first()
    assert first is not None
    assert first.task_path == "heard.privacy.tasks.check_contributions_for_safeguarding"
