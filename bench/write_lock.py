"""Benchmark: how long SQLite's one write lock is held by an import, and how web writes fare meanwhile.

Prints, measured in one run on a throw-away SQLite database (WAL, the settings Heard uses):
- an import of a generated return (25 columns, as bench/import_returns.py makes it): its time, and the longest
  time the write lock was held (a probe tries to take the lock every 20 ms without waiting);
- a sign-in's writes (session, last sign-in time) every 0.25 s from another connection during the import,
  waiting up to the busy timeout as the web does: the longest wait, and how many failed;
- small write transactions like a sign-in's from 8 threads at once for 5 s, with no import: how many a second.

Run: uv run python bench/write_lock.py [--rows 100000]
"""

from __future__ import annotations

import argparse
import datetime
import sqlite3
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import import_returns  # the same generated return

BUSY_TIMEOUT = 20.0


def connect(path: Path, timeout: float) -> sqlite3.Connection:
    con = sqlite3.connect(path, timeout=timeout, isolation_level=None, check_same_thread=False)
    con.execute("PRAGMA synchronous=NORMAL")
    return con


def sign_in_writes(con: sqlite3.Connection, n: int) -> None:
    """What a sign-in writes, in one immediate transaction: the session and the last sign-in time."""
    now = datetime.datetime.now(datetime.UTC).isoformat()
    con.execute("BEGIN IMMEDIATE")
    con.execute("UPDATE accounts_user SET last_login = ? WHERE id = (SELECT MIN(id) FROM accounts_user)", [now])
    con.execute(
        "INSERT OR REPLACE INTO django_session (session_key, session_data, expire_date) VALUES (?, ?, ?)",
        [f"bench{n % 1000:04d}".ljust(40, "x"), "x" * 200, now],
    )
    con.execute("COMMIT")


class Probe(threading.Thread):
    """Tries to take the write lock every 20 ms without waiting; keeps the longest span it could not."""

    def __init__(self, path: Path) -> None:
        super().__init__(daemon=True)
        self.con = connect(path, 0)
        self.stop = threading.Event()
        self.longest = 0.0

    def run(self) -> None:
        blocked_since: float | None = None
        while not self.stop.is_set():
            now = time.perf_counter()
            try:
                self.con.execute("BEGIN IMMEDIATE")
                self.con.execute("ROLLBACK")
                if blocked_since is not None:
                    self.longest = max(self.longest, now - blocked_since)
                    blocked_since = None
            except sqlite3.OperationalError:
                blocked_since = blocked_since if blocked_since is not None else now
            time.sleep(0.02)
        if blocked_since is not None:
            self.longest = max(self.longest, time.perf_counter() - blocked_since)


class SignIns(threading.Thread):
    """A sign-in's writes every 0.25 s, waiting up to the busy timeout like the web."""

    def __init__(self, path: Path) -> None:
        super().__init__(daemon=True)
        self.con = connect(path, BUSY_TIMEOUT)
        self.stop = threading.Event()
        self.waits: list[float] = []
        self.failed = 0

    def run(self) -> None:
        n = 0
        while not self.stop.is_set():
            start = time.perf_counter()
            try:
                sign_in_writes(self.con, n)
                self.waits.append(time.perf_counter() - start)
            except sqlite3.OperationalError:
                self.failed += 1
                if self.con.in_transaction:
                    self.con.execute("ROLLBACK")
            n += 1
            time.sleep(0.25)


def throughput(path: Path, threads: int = 8, seconds: float = 5.0) -> tuple[int, float]:
    counts = [0] * threads
    waits: list[float] = []
    end = time.perf_counter() + seconds

    def work(i: int) -> None:
        con = connect(path, BUSY_TIMEOUT)
        while time.perf_counter() < end:
            start = time.perf_counter()
            sign_in_writes(con, i * 100_000 + counts[i])
            waits.append(time.perf_counter() - start)
            counts[i] += 1
        con.close()

    workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    waits.sort()
    return sum(counts), waits[int(len(waits) * 0.99)] if waits else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.sqlite3"
        import_returns.setup_django(db)
        project, partner = import_returns.make_world()
        from heard.core.testing import make_user
        from heard.returns.importer import import_file

        make_user(username="bench")
        path = Path(tmp) / "return.xlsx"
        print(f"Generating a {args.rows:,}-row return (25 columns)...", file=sys.stderr)
        import_returns.generate(project, partner, args.rows, path, None)

        probe, sign_ins = Probe(db), SignIns(db)
        probe.start()
        sign_ins.start()
        start = time.perf_counter()
        plan, upload = import_file(path, project=project, partner=partner, actor=None)  # type: ignore[arg-type]
        seconds = time.perf_counter() - start
        time.sleep(0.3)
        probe.stop.set()
        sign_ins.stop.set()
        probe.join()
        sign_ins.join()
        assert upload is not None, plan.problems[:3]
        print(f"import of {args.rows:,} rows: {seconds:.1f} s; write lock held at most {probe.longest:.1f} s")
        print(
            f"sign-in writes during the import: {len(sign_ins.waits)} done, longest wait "
            f"{max(sign_ins.waits, default=0):.1f} s, {sign_ins.failed} failed (busy timeout {BUSY_TIMEOUT:.0f} s)"
        )
        done, p99 = throughput(db)
        print(
            f"sign-in write transactions, 8 threads for 5 s, no import: {done / 5:,.0f}/s, "
            f"99th percentile {p99 * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main()
