"""Benchmark: theme suggestions for every answer of N residents' records, in chunks, with one worker and with two.

Queues `suggest_themes_task` for the first N records (2,000 a task, as an import's follow-up queues them), starts
`--workers` real `heard db_worker` processes against the same database, and times until every task is done; then
checks each task ran once. Run it on a database of your own (it replaces those records' suggestions and empties
the task queue), e.g. a copy of bench/scale.py's:

    DATABASE_URL=postgres://heard_ci:heard_ci@127.0.0.1:5432/MY_COPY uv run python bench/workers.py \
        --records 100000 --workers 1,2
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CHUNK = 2000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--workers", default="1,2", help="Comma-separated numbers of workers to time.")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        print("Set DATABASE_URL to a database of your own with records in it (its suggestions are replaced).")
        sys.exit(2)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heard.settings")
    import django

    django.setup()
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from heard.analysis.actions import model_for  # trains and caches the model once, before the workers
    from heard.analysis.tasks import suggest_themes_task
    from heard.engagement.models import Answer, Experience, Project, QuestionKind
    from heard.lib.idruns import runs_of

    model_for(Project.objects.order_by("pk").first())
    ids = list(Experience.objects.order_by("pk").values_list("pk", flat=True)[: args.records])
    answers = Answer.objects.filter(experience_id__lte=ids[-1], question__kind=QuestionKind.FREE_TEXT).count()
    print(f"{len(ids):,} records, {answers:,} free-text answers, {CHUNK:,} records a task")
    print("| workers | tasks | seconds | answers/s | each task ran once |")
    print("|---:|---:|---:|---:|---|")
    for workers in [int(w) for w in args.workers.split(",")]:
        DBTaskResult.objects.all().delete()
        for start in range(0, len(ids), CHUNK):
            suggest_themes_task.enqueue(runs=runs_of(ids[start : start + CHUNK]))
        tasks = DBTaskResult.objects.count()
        started = time.perf_counter()
        command = [sys.executable, "-m", "heard.cli", "db_worker", "--no-startup-delay", "--interval", "0.2"]
        processes = [
            subprocess.Popen([*command, "--worker-id", f"bench-{n}"], stdout=subprocess.DEVNULL) for n in range(workers)
        ]
        try:
            finished = [TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED]
            while DBTaskResult.objects.exclude(status__in=finished).exists():
                time.sleep(0.5)
            seconds = time.perf_counter() - started
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                process.wait(timeout=60)
        done = DBTaskResult.objects.filter(status=TaskResultStatus.SUCCESSFUL)
        once = done.count() == tasks and all(len(r.worker_ids) == 1 for r in done.only("worker_ids"))
        print(
            f"| {workers} | {tasks} | {seconds:.1f} | {answers / seconds:,.0f} | {'yes' if once else 'NO'} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
