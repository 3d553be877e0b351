"""The demo's follow-up work. `build_demo` announces its residents' records as any bulk insert must (decision
0004), which queues their safeguarding check and theme suggestions; `heard demo` then does that work here and now,
as the task worker would, so the demo starts with its flags raised and its themes suggested."""

from __future__ import annotations

import signal

from django.core.management import call_command
from django_tasks import task_backends
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from heard.analysis.models import AnswerSentiment
from heard.privacy.models import SafeguardingFlag


def run_queued_work() -> dict[str, int]:
    """Runs what is queued (one run of the worker) and counts the results. With a backend that is not the
    database (tasks run at once), the work was done when the demo's records were saved."""
    if isinstance(task_backends["default"], DatabaseBackend):
        names = [signal.SIGINT, signal.SIGTERM, *([signal.SIGQUIT] if hasattr(signal, "SIGQUIT") else [])]
        handlers = {name: signal.getsignal(name) for name in names}
        try:
            call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
        finally:
            for name, handler in handlers.items():  # the worker takes over Ctrl+C; `heard demo` needs it back
                signal.signal(name, handler)
    counts = {
        "safeguarding flags": SafeguardingFlag.objects.count(),
        "answers suggested": AnswerSentiment.objects.count(),
    }
    failed = DBTaskResult.objects.failed().count()
    if failed:
        counts["tasks that failed (see `heard db_worker -v 2`)"] = failed
    return counts
