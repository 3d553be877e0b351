"""Benchmark: the load run's mix of pages one request at a time, for the work each page costs in that mix.

On a 2-core machine a load run's p95 is mostly the queue: every request waits for the Python and PostgreSQL time of
the others. This opens the pages of bench/loadrun.py's mix (in the same proportions, with host staff coding or
uncoding an answer of the measured project as often as there) one after another in one process that stands for
gunicorn's 4 web processes (4 memory caches, one shared cache), and prints per page the mean Python CPU and
database time per request and the wall p50/p95: what a change saves the queue, comparable between two checkouts
with the same `--seed` even on a busy machine (the load average is printed; wall times follow it, CPU much less).

Run (PostgreSQL with bench/scale.py's records; it writes codes, as the load run does):
    DATABASE_URL=postgres://heard_ci:heard_ci@127.0.0.1:5432/heard_scale uv run python bench/loadmix.py [--steps 250]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

# Requests per page in the 5-minute load run of 1 Dec 2026 (docs/performance.md): the mix a real week has.
MIX = {
    "dashboard": 547,
    "records list": 529,
    "themes by group": 547,
    "who is missing": 548,
    "coding grid": 539,
    "partner: dashboard": 1471,
    "partner: records list": 1390,
    "steering: themes": 668,
    "report": 500,
}
WRITES = 309  # host staff coding or uncoding an answer
PROCESSES = 4


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--steps", type=int, default=250)
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    import scale  # bench/, beside this script

    scale.setup_django(None, reuse=True)
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from loadrun import coding_writes

    from heard.analysis import actions
    from heard.analysis.models import Theme
    from heard.engagement.models import Answer

    world = scale.load_world()
    writes = coding_writes(world, 1)
    clients = {}
    for role, user in world["users"].items():
        clients[role] = Client()
        clients[role].force_login(user)
    pages = {label: (role, path) for label, role, path in scale.pages(world) if label in MIX}
    memories = [LocMemCache(f"process-{n}", {}) for n in range(PROCESSES)]
    caches["shared"].clear()
    rng = random.Random(args.seed)
    labels = [*MIX, "write"]
    weights = [*MIX.values(), WRITES]
    found: dict[str, list[tuple[float, float, float]]] = {}
    for _ in range(args.steps):
        label = rng.choices(labels, weights)[0]
        if label == "write":
            answer_id, theme_id = writes[rng.randrange(len(writes))]
            answer = Answer.objects.select_related("experience").get(pk=answer_id)
            theme = Theme.objects.get(pk=theme_id)
            actions.code_answer(actor=world["users"]["host"], answer=answer, theme=theme, applied=rng.random() < 0.5)
            continue
        caches["default"] = memories[rng.randrange(PROCESSES)]  # the web process that answers
        role, path = pages[label]
        with CaptureQueriesContext(connection) as queries:
            start, cpu = time.perf_counter(), time.process_time()
            response = clients[role].get(path)
            wall, cpu = (time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{label}: {path} answered HTTP {response.status_code}; the figures would mean nothing.")
        database = sum(float(query["time"]) for query in queries.captured_queries) * 1000
        found.setdefault(label, []).append((wall, cpu, database))
    print(f"{args.steps} steps, seed {args.seed}, load average {os.getloadavg()[0]:.1f} at the end")
    total_cpu = total_database = 0.0
    for label in MIX:
        rows = found.get(label, [])
        if not rows:
            continue
        walls = sorted(row[0] for row in rows)
        cpu = statistics.mean(row[1] for row in rows)
        database = statistics.mean(row[2] for row in rows)
        total_cpu += cpu * len(rows)
        total_database += database * len(rows)
        p95 = walls[round(0.95 * (len(walls) - 1))]
        print(
            f"{label:24} {len(rows):4} requests  CPU {cpu:6.1f} ms  database {database:6.1f} ms  "
            f"wall p50 {statistics.median(walls):6.0f} ms  p95 {p95:6.0f} ms"
        )
    requests = sum(len(rows) for rows in found.values())
    print(
        f"every page: {total_cpu / 1000:.1f} s of Python, {total_database / 1000:.1f} s of database, "
        f"{requests} requests"
    )


if __name__ == "__main__":
    main()
