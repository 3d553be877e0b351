"""Benchmark: about 346 hostile files through the command-line import and the web upload's check.

The files (heard/returns/tests/hostile.py `shapes()`): cells at the last row and column or far beyond, declared
sizes, cells without references, ODS rows and columns repeated up to 10^12 times, zip bombs, zips that lie about
their size, need an unknown zip version or compression, or are password-protected, XML entity attacks, very wide
CSVs, truncated files, files with flipped bytes and random bytes (as .xlsx, .ods, .xls and .csv).

Each path runs in a worker process that reads one file at a time (as `heard import --dry-run` does, and as the
upload page and its background check do, with an immediate task backend): a file that kills the worker counts
as crashed (and a new worker takes the next file), one that takes longer than --timeout as hung. A file ends
refused (a plain message naming the file), read (rows, perhaps with row problems) or crashed (a traceback, a
500, an upload left checking, a dead process). Prints the counts per path, the time per file and the peak
memory of the worker and of the child processes that first open each spreadsheet.

Run: uv run python bench/hostile_files.py [--every N] [--timeout 60] [--paths cli,web] [--tabular OLD.py]
Uses a throw-away SQLite database in a temporary directory; reads nothing from ../shared.
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
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(folder: Path) -> None:
    os.environ["HEARD_SQLITE_PATH"] = str(folder / "bench.sqlite3")
    os.environ["HEARD_MEDIA_ROOT"] = str(folder / "media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heard.settings")
    import django

    django.setup()
    from django.conf import settings

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = str(folder / "media")
    settings.ALLOWED_HOSTS = ["*"]


def peak_kib() -> tuple[int, int]:
    """This process's and its finished children's peak resident memory (KiB)."""
    return (
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )


def serve(path_kind: str, folder: Path) -> None:
    """The worker: reads file paths from stdin, prints one JSON line per file (anything else goes to stderr)."""
    out = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    # The worker stands for a web or worker process: cap it (3 GiB) so a file that swamps the reader stops
    # it (counted as crashed) rather than the machine.
    memory = int(os.environ.get("BENCH_WORKER_MEMORY", str(3 * 1024**3)))
    resource.setrlimit(resource.RLIMIT_AS, (memory, resource.RLIM_INFINITY))
    if os.environ.get("BENCH_TABULAR"):  # another version of the reader, to compare (e.g. from git history)
        import importlib.util

        spec = importlib.util.spec_from_file_location("heard.lib.tabular", os.environ["BENCH_TABULAR"])
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["heard.lib.tabular"] = module
        spec.loader.exec_module(module)
    setup_django(folder)
    from django.core.management import CommandError, call_command
    from django.test import Client

    from heard.engagement.models import Project
    from heard.partners.models import Organisation
    from heard.returns.models import ReturnUpload, UploadStatus

    project = Project.objects.get(slug=os.environ["BENCH_PROJECT"])
    partner = Organisation.objects.get(slug=os.environ["BENCH_PARTNER"])
    client = Client(raise_request_exception=False)
    if path_kind == "web":
        from heard.accounts.models import User

        client.force_login(User.objects.get(username=os.environ["BENCH_USER"]))
    print(json.dumps({"ready": True}), file=out, flush=True)
    for line in sys.stdin:
        path = Path(line.strip())
        started = time.perf_counter()
        outcome, detail = "crashed", ""
        if path_kind == "cli":
            try:
                call_command("import", str(path), project=project.slug, partner=partner.slug, dry_run=True)
                outcome = "read"
            except CommandError as error:
                text = str(error)
                outcome = "refused" if text.startswith(path.name) and "Traceback" not in text else "crashed"
                if "nothing was imported" in text.splitlines()[0]:
                    outcome = "read"  # read, with row problems
                detail = text.splitlines()[0][:160]
            except BaseException as error:  # a traceback: what this bench looks for
                detail = f"{type(error).__name__}: {str(error)[:120]}"
        else:
            with path.open("rb") as handle:
                response = client.post(f"/returns/{project.slug}/upload/", {"file": handle})
            upload = ReturnUpload.objects.order_by("-pk").first()
            if response.status_code != 302 or upload is None:
                detail = f"HTTP {response.status_code}"
            elif upload.status in (UploadStatus.UPLOADED, UploadStatus.CHECKING):
                detail = f"left {upload.status}"
            elif upload.status == UploadStatus.READY or (upload.problems and upload.problems[0].get("row")):
                outcome = "read"
            elif upload.status == UploadStatus.PROBLEMS and (upload.problems or upload.unmapped):
                text = str(upload.problems[0].get("text", "")) if upload.problems else "unknown columns"
                outcome = "refused" if text.startswith(path.name) else "read"  # read: the sheet's own problems
                detail = text[:160]
            else:
                detail = f"status {upload.status}"
            page = client.get(f"/returns/uploads/{upload.pk}/") if upload is not None else None
            if page is not None and page.status_code != 200:
                outcome, detail = "crashed", f"preview HTTP {page.status_code}"
        seconds = time.perf_counter() - started
        own, children = peak_kib()
        result = {"file": path.name, "outcome": outcome, "detail": detail, "seconds": seconds}
        print(json.dumps(result | {"peak": own, "children": children}), file=out, flush=True)


class Worker:
    def __init__(self, path_kind: str, folder: Path, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--serve", path_kind, "--folder", str(folder)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=(folder / f"{path_kind}-worker.log").open("a"),
            text=True,
            env=env,
        )
        assert self.process.stdout is not None
        json.loads(self.process.stdout.readline())

    def run(self, path: Path, timeout: float) -> dict[str, Any] | None:
        """The file's result line, or None when the worker died or hung (it is then stopped)."""
        import selectors

        assert self.process.stdin is not None and self.process.stdout is not None
        try:
            self.process.stdin.write(f"{path}\n")
            self.process.stdin.flush()
        except BrokenPipeError:
            return None
        selector = selectors.DefaultSelector()
        selector.register(self.process.stdout, selectors.EVENT_READ)
        if not selector.select(timeout):
            self.process.kill()
            self.process.wait()
            return {"outcome": "hung", "seconds": timeout}
        line = self.process.stdout.readline()
        if not line:
            self.process.wait()
            return None
        result: dict[str, Any] = json.loads(line)
        return result

    def close(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.close()
            self.process.wait(30)


def run_path(path_kind: str, files: list[Path], folder: Path, env: dict[str, str], timeout: float) -> dict[str, Any]:
    worker = Worker(path_kind, folder, env)
    outcomes: Counter[str] = Counter()
    times: list[float] = []
    peak = children = 0
    examples: dict[str, str] = {}
    for path in files:
        result = worker.run(path, timeout)
        if result is None or result["outcome"] == "hung":
            outcome = "hung" if result else "crashed"
            log = (folder / f"{path_kind}-worker.log").read_text(errors="replace").strip().splitlines()[-1:]
            examples.setdefault(outcome, f"{path.name}: the worker {'hung' if result else 'died'} {log}")
            worker = Worker(path_kind, folder, env)
            outcomes[outcome] += 1
            continue
        outcomes[result["outcome"]] += 1
        times.append(result["seconds"])
        peak, children = max(peak, result["peak"]), max(children, result["children"])
        if result["outcome"] != "refused":
            examples.setdefault(result["outcome"], f"{result['file']}: {result['detail']}")
    worker.close()
    return {
        "outcomes": outcomes,
        "times": times,
        "peak_mib": peak / 1024,
        "children_mib": children / 1024,
        "examples": examples,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--serve", choices=("cli", "web"), help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    parser.add_argument("--every", type=int, default=1, help="Take every N-th file (for a quicker run).")
    parser.add_argument("--timeout", type=float, default=60.0, help="Seconds before a file counts as hung.")
    parser.add_argument("--paths", default="cli,web", help="Which paths to run: cli, web or both.")
    parser.add_argument(
        "--tabular",
        metavar="FILE",
        help="Read with this heard/lib/tabular.py instead (e.g. `git show 4644f5e:heard/lib/tabular.py > old.py`).",
    )
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, Path(args.folder))
        return
    with tempfile.TemporaryDirectory(prefix="heard-hostile-") as name:
        folder = Path(name)
        setup_django(folder)
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        from heard.returns.tests import hostile
        from heard.returns.tests.builders import make_world

        world = make_world()
        env = (
            os.environ
            | ({"BENCH_TABULAR": str(Path(args.tabular).resolve())} if args.tabular else {})
            | {
                "BENCH_PROJECT": world.project.slug,
                "BENCH_PARTNER": world.partner.slug,
                "BENCH_USER": world.partner_user.username,
            }
        )
        files = []
        (folder / "files").mkdir()
        for index, (label, suffix, data) in enumerate(hostile.shapes()):
            if index % args.every:
                continue
            path = folder / "files" / f"{index:03d}-{label}{suffix}"
            path.write_bytes(data)
            files.append(path)
        sizes = [p.stat().st_size for p in files]
        print(f"{len(files)} hostile files, {min(sizes):,} to {max(sizes):,} bytes ({sum(sizes) / 1e6:.1f} MB in all)")
        print(f"{'path':<34} {'refused':>8} {'read':>5} {'crashed':>8} {'hung':>5} {'median s':>9} {'max s':>6}")
        for path_kind in args.paths.split(","):
            started = time.perf_counter()
            result = run_path(path_kind, files, folder, env, args.timeout)
            times = sorted(result["times"]) or [0.0]
            counts = result["outcomes"]
            label = "heard import --dry-run" if path_kind == "cli" else "upload page + background check"
            print(
                f"{label:<34} {counts['refused']:>8} {counts['read']:>5} {counts['crashed']:>8} {counts['hung']:>5} "
                f"{times[len(times) // 2]:>9.2f} {times[-1]:>6.2f}"
            )
            print(
                f"  {time.perf_counter() - started:.0f} s in all; peak memory: worker {result['peak_mib']:.0f} MiB, "
                f"child processes {result['children_mib']:.0f} MiB"
            )
            for outcome, example in sorted(result["examples"].items()):
                print(f"  e.g. {outcome}: {example}")


if __name__ == "__main__":
    main()
