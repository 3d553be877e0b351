"""Finding uploads that say "checking" or "importing" although nothing works on them any more.

Files are checked by a task (`heard.returns.tasks`); big ones are imported by a task too, small ones in the web
request. An upload is stuck when no queued or running task names it and either a task that named it has ended since
its work began (the task failed, or was lost and failed by the worker's sweep), or its work began more than `GRACE`
ago (longer than any web request may run: a web process was killed in the middle)."""

from __future__ import annotations

import datetime
from typing import Any

from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from heard.returns import tasks
from heard.returns.models import RUNNING, ReturnUpload

GRACE = datetime.timedelta(minutes=10)
TASK_PATHS = (tasks.check_upload.module_path, tasks.import_upload.module_path)
LIVE = (TaskResultStatus.READY, TaskResultStatus.RUNNING)


def upload_named(args_kwargs: Any) -> int | None:
    """The upload id a returns task was given (first argument, or `upload_id=`)."""
    try:
        args, kwargs = args_kwargs.get("args") or [], args_kwargs.get("kwargs") or {}
        value = kwargs.get("upload_id", args[0] if args else None)
        return int(value) if value is not None else None
    except (AttributeError, TypeError, ValueError, IndexError):
        return None


def stuck_uploads(now: datetime.datetime) -> list[ReturnUpload]:
    candidates = list(ReturnUpload.objects.filter(status__in=RUNNING).select_related("partner"))
    if not candidates:
        return []
    returns_tasks = DBTaskResult.objects.filter(task_path__in=TASK_PATHS)
    live = {upload_named(a) for a in returns_tasks.filter(status__in=LIVE).values_list("args_kwargs", flat=True)}
    stuck = []
    for upload in candidates:
        if upload.pk in live:
            continue
        since = upload.started_at or upload.created_at
        if since < now - GRACE:
            stuck.append(upload)
            continue
        ended = returns_tasks.exclude(status__in=LIVE).filter(finished_at__gte=since)
        if any(upload_named(a) == upload.pk for a in ended.values_list("args_kwargs", flat=True)):
            stuck.append(upload)
    return stuck
