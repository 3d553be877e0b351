"""Benchmark: theme suggestions for every answer of N residents' records, in chunks, with one worker and with two.

Queues `suggest_themes_task` for the first N records (2,000 a task, as an import's follow-up queues them), starts
`--workers` real `heard db_worker` processes against the same database, and times until every task is done; then
checks each task ran once. Before each run the records' suggestions and suggested sentiment are removed, as for
records just imported (`--again`: kept, to time a run that finds everything already done). Run it on a database
of your own (it replaces those records' suggestions and empties the task queue), e.g. a copy of bench/scale.py's:

    DATABASE_URL=postgres://heard_ci:heard_ci@127.0.0.1:5432/MY_COPY uv run python bench/workers.py \
        --records 100000 --workers 1,2

bench/scale.py names its national themes "Theme 0" to "Theme 31", which no model suggests: nothing would be
written but sentiment. When no national theme bears a name the model knows, they are renamed after the model's
themes first (said in the output). `--profile` times one task of 2,000 records in this process instead, with
its queries and the functions it spends its time in (cProfile).

The machine's load average is printed beside each figure: on a shared machine, compare runs made together.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CHUNK = 2000


def load() -> str:
    return "/".join(f"{n:.1f}" for n in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--workers", default="1,2", help="Comma-separated numbers of workers to time.")
    parser.add_argument("--again", action="store_true", help="Keep the suggestions already there before each run.")
    parser.add_argument("--profile", action="store_true", help="Profile one task of 2,000 records in-process.")
    parser.add_argument("--skip", type=int, default=0, help="Start after this many records.")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        print("Set DATABASE_URL to a database of your own with records in it (its suggestions are replaced).")
        sys.exit(2)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heard.settings")
    import django

    django.setup()
    from heard.analysis.actions import model_for  # trains and caches the model once, before the workers
    from heard.engagement.models import Experience, Project

    model, _ = model_for(Project.objects.order_by("pk").first())  # type: ignore[arg-type]
    name_themes_after(model)
    ids = list(Experience.objects.order_by("pk").values_list("pk", flat=True)[args.skip : args.skip + args.records])
    if args.profile:
        profile(ids[:CHUNK], again=args.again)
    else:
        run(ids, [int(w) for w in args.workers.split(",")], again=args.again)


def name_themes_after(model: Any) -> None:
    """Gives the national themes the model's theme names when none has one (bench/scale.py's "Theme N")."""
    from heard.analysis.models import Theme, ThemeKind

    national = Theme.objects.national().filter(kind=ThemeKind.THEME)
    if national.filter(name__in=model.themes).exists():
        return
    themes = list(national.order_by("pk"))
    for theme, name in zip(themes, model.themes, strict=False):
        theme.name = name
    Theme.objects.bulk_update(themes, ["name"])
    print(f"Renamed {min(len(themes), len(model.themes))} national themes after the model's themes (none matched).")


def forget_suggestions(ids: list[int]) -> None:
    """As for records just imported: no suggestion, no suggested sentiment."""
    from heard.analysis.models import AnswerSentiment, Suggestion

    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        Suggestion.objects.filter(answer__experience_id__in=chunk).delete()
        AnswerSentiment.objects.filter(answer__experience_id__in=chunk, decided=None).delete()


def free_text_answers(ids: list[int]) -> int:
    """The records' free-text answers (`ids`: consecutive records in id order)."""
    from heard.engagement.models import Answer, QuestionKind

    between = {"experience_id__gte": ids[0], "experience_id__lte": ids[-1]}
    return Answer.objects.filter(**between, question__kind=QuestionKind.FREE_TEXT).count()


def run(ids: list[int], workers_to_time: list[int], *, again: bool) -> None:
    from django.utils import timezone
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from heard.analysis.models import Suggestion
    from heard.analysis.tasks import suggest_themes_task
    from heard.lib.idruns import runs_of

    print(f"{len(ids):,} records, {free_text_answers(ids):,} free-text answers, {CHUNK:,} records a task")
    print(
        "| workers | tasks | seconds | answers/s | seconds a task (mean) | answers/s from the first task's start | "
        "first task started after | "
        "suggestions written | each task ran once | load average before -> after |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---|---|")
    for workers in workers_to_time:
        if not again:
            forget_suggestions(ids)
        DBTaskResult.objects.all().delete()
        for start in range(0, len(ids), CHUNK):
            suggest_themes_task.enqueue(runs=runs_of(ids[start : start + CHUNK]))
        tasks = DBTaskResult.objects.count()
        before = load()
        launched = timezone.now()
        started = time.perf_counter()
        command = [sys.executable, "-m", "heard.cli", "db_worker", "--no-startup-delay", "--interval", "0.2"]
        logs = [tempfile.TemporaryFile() for _ in range(workers)]  # noqa: SIM115 (closed with the run)
        processes = [
            subprocess.Popen(
                [*command, "--worker-id", f"bench-{n}"], stdout=subprocess.DEVNULL, stderr=logs[n], cwd=ROOT
            )
            for n in range(workers)
        ]
        try:
            finished = [TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED]
            while DBTaskResult.objects.exclude(status__in=finished).exists():
                if all(process.poll() is not None for process in processes):
                    logs[0].seek(0)
                    print(logs[0].read().decode(errors="replace")[-3000:])
                    sys.exit(
                        "Every worker stopped before the tasks were done (above: the first one's last words; "
                        "a database behind the code? run `heard migrate`)."
                    )
                time.sleep(0.2)
            seconds = time.perf_counter() - started
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                process.wait(timeout=60)
            for log in logs:
                log.close()
        done = DBTaskResult.objects.filter(status=TaskResultStatus.SUCCESSFUL)
        once = done.count() == tasks and all(len(r.worker_ids) == 1 for r in done.only("worker_ids"))
        answered = sum(r.return_value or 0 for r in done.only("return_value"))
        times = [(a, b) for a, b in done.values_list("started_at", "finished_at") if a is not None and b is not None]
        each = sum((end - start).total_seconds() for start, end in times) / max(len(times), 1)
        first = (min(start for start, _ in times) - launched).total_seconds() if times else 0.0
        busy = (max(end for _, end in times) - min(start for start, _ in times)).total_seconds() if times else 0.0
        between = {"answer__experience_id__gte": ids[0], "answer__experience_id__lte": ids[-1]}
        written = Suggestion.objects.filter(**between).count()
        working = answered / max(busy, 0.001)
        print(
            f"| {workers} | {tasks} | {seconds:.1f} | {answered / seconds:,.0f} | {each:.1f} | {working:,.0f} | "
            f"{first:.1f} s | "
            f"{written:,} | {'yes' if once else 'NO'} | {before} -> {load()} |",
            flush=True,
        )


def profile(ids: list[int], *, again: bool) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from heard.analysis import actions

    actions.suggest_themes(ids[:20])  # the codebook, the model's vocabulary: as a running worker has them
    if not again:
        forget_suggestions(ids)
    profiler = cProfile.Profile()
    before = load()
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        profiler.enable()
        answers = actions.suggest_themes(ids)
        profiler.disable()
        seconds = time.perf_counter() - started
    print(f"One task: {len(ids):,} records, {answers:,} answers in {seconds:.2f} s ({answers / seconds:,.0f} a second)")
    print(f"{len(queries.captured_queries)} queries, load average {before} -> {load()}")
    count: Counter[str] = Counter()
    spent: dict[str, float] = {}
    for query in queries.captured_queries:
        start = " ".join(query["sql"].split()[:4])[:70]
        count[start] += 1
        spent[start] = spent.get(start, 0.0) + float(query["time"])
    for start, total in sorted(spent.items(), key=lambda item: -item[1])[:8]:
        print(f"  {total:6.2f} s {count[start]:5} x {start}")
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(20)


if __name__ == "__main__":
    main()
