"""Benchmark: the themes page (themes by group) at scale, as host staff, a steering member and a partner, with
and without suggestions and by other groups; p50 and p95 over `--requests` after one warm-up request each, with
the number of queries and the slowest ones.

Run against a database bench/scale.py built (PostgreSQL; never point it at real data, though it only reads):
    DATABASE_URL=postgres://heard_ci:heard_ci@127.0.0.1:5432/NAME uv run python bench/themes.py [--requests 10]
The theme summary must be filled first (migration analysis.0005 does; `heard summarise-themes --all` again).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PAGES = [
    ("host", "host", ""),
    ("steering member", "steering", ""),
    ("partner member", "partner", ""),
    ("host, with suggestions", "host", "?suggested=1"),
    ("host, by age", "host", "?by=age_band"),
    ("host, by method", "host", "?by=method"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=10)
    parser.add_argument("--project", default="project-0")
    parser.add_argument("--verbose", action="store_true", help="print the three slowest queries of each page")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heard.settings")
    os.environ["HEARD_REQUIRE_2FA"] = "0"
    os.environ["HEARD_ALLOWED_HOSTS"] = "127.0.0.1,localhost,testserver"
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from heard.accounts.models import User

    path = reverse("analysis:theme-table", args=[args.project])
    n = args.requests
    for label, username, query in PAGES:
        client = Client()
        client.force_login(User.objects.get(username=username))
        times = []
        for i in range(n + 1):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(path + query)
                elapsed = (time.perf_counter() - start) * 1000
            if response.status_code != 200:
                raise SystemExit(f"{label}: {path}{query} answered HTTP {response.status_code}.")
            if i:  # the first request warms the process (imports, templates)
                times.append(elapsed)
        times.sort()
        p95 = times[min(n - 1, round(0.95 * (n - 1)))]
        slowest = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:3]
        print(
            f"{label:24} n={n} p50 {statistics.median(times):6.0f} ms  p95 {p95:6.0f} ms  "
            f"queries {len(queries.captured_queries)}  slowest {[round(float(q['time']) * 1000) for q in slowest]} ms",
            flush=True,
        )
        if args.verbose:
            for q in slowest:
                print(f"    {float(q['time']) * 1000:5.0f} ms  {q['sql'][:300]}")


if __name__ == "__main__":
    main()
