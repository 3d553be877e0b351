"""Benchmark: exporting residents' records in every format, rows per second and peak memory.

Reads an existing database (it writes nothing: no audit event, no cache table), so it can run against
bench/scale.py's PostgreSQL database of 1,000,000 records:

    DATABASE_URL=postgres://heard_ci:heard_ci@127.0.0.1:5432/heard_scale uv run python bench/exports.py \
        --rows 100000,1000000 --formats csv,json,xlsx

Each (format, size) runs in a fresh process, so its peak resident memory (ru_maxrss) is its own. The records are
the first N by id across all projects, with project 1's columns (bench/scale.py gives every project the same
question codes, so every record fills them). The file is written to a temporary folder and removed.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def child(fmt: str, rows: int, folder: Path) -> dict[str, object]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heard.settings")
    import django

    django.setup()
    from heard.engagement.models import Experience, Project
    from heard.returns import exporting

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    project = Project.objects.order_by("pk").first()
    assert project is not None, "the database holds no project"
    last = Experience.objects.order_by("pk").values_list("pk", flat=True)[rows - 1 : rows].first()
    experiences = Experience.objects.filter(pk__lte=last) if last is not None else Experience.objects.all()
    started = time.perf_counter()
    columns = exporting.export_columns(project)
    target = folder / f"export.{fmt}"
    count = 0

    def counted(source: object) -> object:
        nonlocal count
        for row in source:  # type: ignore[attr-defined]
            count += 1
            yield row

    exporting.write_export(fmt, columns, counted(exporting.export_rows(experiences, columns)), target)
    seconds = time.perf_counter() - started
    size = target.stat().st_size
    target.unlink()
    return {
        "format": fmt,
        "rows": count,
        "seconds": round(seconds, 1),
        "rows_per_s": round(count / seconds),
        "mb": round(size / 1e6, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "rss_after_setup_mb": round(before),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default="100000,1000000", help="Comma-separated sizes.")
    parser.add_argument("--formats", default="csv,json,xlsx", help="Comma-separated formats.")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        with tempfile.TemporaryDirectory() as folder:
            print(json.dumps(child(args.child[0], int(args.child[1]), Path(folder))))
        return
    if not os.environ.get("DATABASE_URL"):
        print("Set DATABASE_URL to a database with records (e.g. bench/scale.py's); nothing to export.")
        sys.exit(2)
    print("| format | rows | seconds | rows/s | file MB | peak RSS MB |")
    print("|---|---:|---:|---:|---:|---:|")
    for rows in [int(r) for r in args.rows.split(",")]:
        for fmt in args.formats.split(","):
            out = subprocess.run(
                [sys.executable, __file__, "--child", fmt, str(rows)], capture_output=True, text=True, check=False
            )
            if out.returncode:
                print(f"| {fmt} | {rows:,} | failed: {out.stderr.strip().splitlines()[-1]} |||")
                continue
            r = json.loads(out.stdout.strip().splitlines()[-1])
            print(
                f"| {r['format']} | {r['rows']:,} | {r['seconds']} | {r['rows_per_s']:,} | {r['mb']} | "
                f"{r['peak_rss_mb']:,} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
