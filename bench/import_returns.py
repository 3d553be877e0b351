"""Benchmark: importing a partner's return (25 columns, realistic answers) into SQLite.

Prints, all measured in one run on the same machine:
- rows/s for Heard's import (check every row + commit in one transaction, incl. answers and provenance rows);
- the floor: python-calamine alone reading the same cells, and Heard's time as a multiple of it (target <= 4x);
- django-import-export importing the same rows (timed on a 10,000-row subset and scaled), and how many times
  faster Heard is (target >= 10x): doing the same job (the same .xlsx, records and answers), and, for reference,
  its lightest job (12 columns of codes from a CSV, no answers);
- peak memory (resident set, from a fresh process per size) for 10k and 100k rows, and 1M with --million.

Run: uv run python bench/import_returns.py [--rows 100000] [--million] [--no-memory]
Uses a throw-away SQLite database in a temporary directory; reads nothing from ../shared.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def setup_django(db_path: Path) -> None:
    os.environ["HEARD_SQLITE_PATH"] = str(db_path)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heard.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def make_world() -> tuple[object, object]:
    from heard.engagement.models import Activity, Project, ProjectPartner, Question
    from heard.partners.models import Community, Organisation

    community = Community.objects.create(name="Somali-speaking residents", slug="somali")
    partner = Organisation.objects.create(name="Somali Welfare Trust", slug="swt")
    project = Project.objects.create(name="GP access", slug="gp-access", languages=["en", "so"])
    project.communities.add(community)
    ProjectPartner.objects.create(project=project, organisation=partner)
    for i in range(5):
        Activity.objects.create(
            project=project,
            partner=partner,
            method="event",
            title=f"Coffee morning {i}",
            held_on=datetime.date(2026, 3, 1 + i),
        )
    Question.objects.create(
        project=project, code="story", kind="free_text", text="Tell us about seeing a GP", position=1
    )
    Question.objects.create(
        project=project,
        code="booked",
        kind="single_choice",
        text="How did you book?",
        choices=[["phone", "By phone"], ["online", "Online"], ["walk_in", "Walked in"]],
        position=2,
    )
    Question.objects.create(project=project, code="rating", kind="rating", text="How easy was it?", position=3)
    Question.objects.create(
        project=project,
        code="services",
        kind="multiple_choice",
        text="Which services have you used?",
        choices=[["gp", "GP"], ["pharmacy", "Pharmacy"], ["ae", "A&E"], ["dentist", "Dentist"], ["111", "NHS 111"]],
        position=4,
    )
    return project, partner


STORIES = [
    ("Waxaan sugay saddex toddobaad si aan u arko dhakhtarka", "I waited three weeks to see the doctor", "so"),
    (
        "Randevu almak çok zor, telefonla hiç ulaşamıyorum",
        "Getting an appointment is very hard, I can never get through by phone",
        "tr",
    ),
    ("The receptionist was kind but there were no appointments", "", "en"),
    ("", "", ""),
]


def generate(project: object, partner: object, rows: int, path: Path, codes_csv: Path | None) -> list[str]:
    """Writes a filled return with `rows` residents (and optionally the same rows as a CSV of field codes for
    django-import-export). Returns the Residents headers."""
    import xlsxwriter

    from heard.lib import census
    from heard.returns.columns import return_columns

    columns = return_columns(project, partner)  # type: ignore[arg-type]
    headers = [c.header for c in columns]
    assert len(headers) == 25, len(headers)
    rng = random.Random(2026)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("Residents")
    sheet.write_row(0, 0, headers)
    activity = book.add_worksheet("Activity")
    activity.write_row(0, 0, ["Activity name [title]", "Method [method]", "Date [held_on]"])
    labels = {c.code: [label for _code, label in c.choices] for c in columns}
    codes = {c.code: [code for code, _label in c.choices] for c in columns}
    csv_handle = codes_csv.open("w", encoding="utf-8") if codes_csv else None
    if csv_handle:
        csv_handle.write(
            "collected_on,age_band,sex,gender_identity,ethnic_group,disability,main_language,"
            "english_proficiency,postcode,consent_store,consent_quote,consent_contact\n"
        )
    postcodes = ["N1 9AR", "N7 6PA", "E8 1DY", "N19 5NF", "EC1V 2NX"]
    for r in range(1, rows + 1):
        story, english, language = rng.choice(STORIES)
        day = datetime.date(2026, 3, 1) + datetime.timedelta(days=rng.randrange(60))
        picks = {k: rng.randrange(len(v)) for k, v in labels.items() if v}
        values = [
            "Somali-speaking residents",
            f"Coffee morning {rng.randrange(5)}",
            day.strftime("%d/%m/%Y"),
            *(
                labels[k][picks[k]]
                for k in (
                    "age_band",
                    "sex",
                    "gender_identity",
                    "ethnic_group",
                    "disability",
                    "main_language",
                    "english_proficiency",
                )
            ),
            rng.choice(postcodes),
            "Yes",
            rng.choice(["Yes", "No"]),
            rng.choice(["Yes", "No"]),
            story,
            # Partners often leave the language blank: then Heard tells it from the words.
            census.label(census.LANGUAGES, language) if language and rng.random() < 0.5 else "",
            english,
            "Amina (SWT)" if english else "",
            labels["booked"][picks["booked"]],
            str(rng.randint(1, 5)),
            *(rng.choice(["Yes", ""]) for _ in range(5)),
        ]
        sheet.write_row(r, 0, values)
        if csv_handle:
            row = [
                day.isoformat(),
                *(
                    codes[k][picks[k]]
                    for k in (
                        "age_band",
                        "sex",
                        "gender_identity",
                        "ethnic_group",
                        "disability",
                        "main_language",
                        "english_proficiency",
                    )
                ),
                values[10],
                "1",
                "1" if values[12] == "Yes" else "0",
                "1" if values[13] == "Yes" else "0",
            ]
            csv_handle.write(",".join(row) + "\n")
    book.close()
    if csv_handle:
        csv_handle.close()
    return headers


def time_calamine(path: Path) -> tuple[float, int]:
    import python_calamine

    start = time.perf_counter()
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    data = book.get_sheet_by_name("Residents").to_python()
    elapsed = time.perf_counter() - start
    return elapsed, sum(len(row) for row in data)


def time_heard(project: object, partner: object, path: Path) -> tuple[float, dict[str, object]]:
    """The import's time, as a user waits for it: checking, writing, committing, and queuing the follow-up work
    (safeguarding check, theme suggestions) for the records added, which the summary also gives apart."""
    from django_tasks_db.models import DBTaskResult

    from heard.engagement import actions
    from heard.returns.importer import import_file

    queuing = [0.0]
    send = getattr(actions, "_send_announcements", None)  # absent before imports announced what they wrote
    if send is not None:

        def timed(ids: object) -> None:
            begun = time.perf_counter()
            send(ids)
            queuing[0] += time.perf_counter() - begun

        actions._send_announcements = timed  # type: ignore[attr-defined]
    queued = DBTaskResult.objects.count()
    start = time.perf_counter()
    try:
        plan, upload = import_file(path, project=project, partner=partner, actor=None)  # type: ignore[arg-type]
    finally:
        if send is not None:
            actions._send_announcements = send  # type: ignore[attr-defined]
    elapsed = time.perf_counter() - start
    if upload is None:
        raise SystemExit("Benchmark file has problems: " + "; ".join(str(p) for p in plan.problems[:5]))
    return elapsed, plan.summary() | {
        "queuing_seconds": queuing[0],
        "tasks_queued": DBTaskResult.objects.count() - queued,
    }


def _peak_rss_mb() -> float:
    """Peak resident memory of this process since the last reset (VmHWM), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # pragma: no cover - not Linux


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current resident size (Linux >= 4.0)
        return True
    except OSError:
        return False


def child(rows: int, keep: Path | None = None) -> None:
    """One import in a fresh process: prints time and peak resident memory during the import as JSON. With
    `keep`, the return is made there once and read from there on later runs."""
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(Path(tmp) / "bench.sqlite3")
        project, partner = make_world()
        path = keep or Path(tmp) / "return.xlsx"
        if not path.exists():
            generate(project, partner, rows, path, None)
        import gc

        gc.collect()
        reset = _reset_peak()
        before = _peak_rss_mb()
        seconds, summary = time_heard(project, partner, path)
        peak = _peak_rss_mb()
        print(
            json.dumps(
                {
                    "rows": rows,
                    "seconds": seconds,
                    "peak_rss_mb": peak,
                    "rss_before_mb": before,
                    "reset": reset,
                    "added": summary["added"],
                }
            )
        )


def _clear(project: object) -> None:
    from django_tasks_db.models import DBTaskResult

    from heard.engagement.models import Activity, Experience
    from heard.returns.models import ReturnUpload

    Experience.objects.filter(project=project).delete()
    ReturnUpload.objects.filter(project=project).delete()
    DBTaskResult.objects.all().delete()
    Activity.objects.filter(project=project).exclude(title__startswith="Coffee morning").delete()


def main() -> None:
    from import_export_peer import time_import_export, time_import_export_same_job  # beside this script

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--subset", type=int, default=10_000, help="Rows for django-import-export (scaled).")
    parser.add_argument("--million", action="store_true", help="Also measure peak memory for 1,000,000 rows.")
    parser.add_argument("--repeat", type=int, default=2, help="Runs of Heard's import (the best is kept).")
    parser.add_argument("--no-memory", action="store_true", help="Skip the peak-memory runs (fresh processes).")
    parser.add_argument(
        "--keep-file",
        metavar="PATH",
        type=Path,
        help="With --memory-only: make the return at PATH once (e.g. /tmp/million.xlsx) and reuse it on later runs.",
    )
    parser.add_argument(
        "--memory-only", type=int, metavar="ROWS", help="Only the peak-memory run for ROWS rows (a fresh process)."
    )
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.keep_file)
        return
    if args.memory_only:
        command = [sys.executable, __file__, "--child", str(args.memory_only)]
        if args.keep_file:
            command += ["--keep-file", str(args.keep_file)]
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        figures = json.loads(done.stdout.splitlines()[-1])
        print(
            f"peak memory, {args.memory_only:,} rows: {figures['peak_rss_mb']:.0f} MB resident during the import "
            f"({figures['rss_before_mb']:.0f} MB before it; import {figures['seconds']:.1f} s = "
            f"{args.memory_only / figures['seconds']:,.0f} rows/s; {figures['added']:,} added)"
        )
        return

    with tempfile.TemporaryDirectory() as tmp:
        setup_django(Path(tmp) / "bench.sqlite3")
        project, partner = make_world()
        path = Path(tmp) / "return.xlsx"
        subset_xlsx, subset_csv = Path(tmp) / "subset.xlsx", Path(tmp) / "subset.csv"
        print(f"Generating a {args.rows:,}-row return (25 columns)...", file=sys.stderr)
        generate(project, partner, args.rows, path, None)
        generate(project, partner, args.subset, subset_xlsx, subset_csv)

        # The machine is shared: take the best of several runs of each (the import on an emptied database).
        floor, cells = min(time_calamine(path) for _ in range(args.repeat + 1))
        runs = []
        for _ in range(args.repeat):
            _clear(project)
            runs.append(time_heard(project, partner, path))
        heard_seconds, summary = min(runs, key=lambda run: run[0])
        assert summary["added"] == args.rows, summary
        # The same job for django-import-export (the same file, records and answers), on the subset; first
        # Heard on the same subset, to check both store the same number of answers.
        from heard.engagement.models import Answer

        _clear(project)
        time_heard(project, partner, subset_xlsx)
        heard_answers = Answer.objects.filter(experience__project=project).count()
        _clear(project)
        same_seconds, created, die_answers = time_import_export_same_job(project, partner, subset_xlsx)
        assert created == args.subset, created
        assert die_answers == heard_answers, (die_answers, heard_answers)
        same_scaled = same_seconds * args.rows / args.subset
        # And its lightest job: 12 columns of codes from a CSV, no answers (what this benchmark timed at first).
        _clear(project)
        light_seconds, created = time_import_export(project, partner, subset_csv)
        assert created == args.subset, created
        light_scaled = light_seconds * args.rows / args.subset

        print(f"rows: {args.rows:,} x 25 columns ({cells:,} cells), file {path.stat().st_size / 1e6:.1f} MB")
        print(f"python-calamine alone (the floor): {floor:.2f} s (best of {args.repeat + 1})")
        print(
            f"Heard import (check + commit):     {heard_seconds:.2f} s (best of {args.repeat}) = "
            f"{args.rows / heard_seconds:,.0f} rows/s"
        )
        print(
            f"  of which queuing the follow-up (safeguarding check, theme suggestions) once it commits: "
            f"{summary['queuing_seconds']:.3f} s, {summary['tasks_queued']:,} tasks "
            f"({100 * float(summary['queuing_seconds']) / heard_seconds:.1f}% of the import)"  # type: ignore[arg-type]
        )
        print(f"  ratio to the floor:              {heard_seconds / floor:.2f}x (target <= 4x)")
        print(
            f"django-import-export, the same job ({args.subset:,} rows of the same .xlsx, records and their "
            f"{die_answers:,} answers): {same_seconds:.2f} s -> {same_scaled:.1f} s scaled to {args.rows:,}"
        )
        print(f"  Heard is faster by:              {same_scaled / heard_seconds:.1f}x (target >= 10x)")
        print(
            f"django-import-export, lightest job ({args.subset:,} rows, 12 columns of codes from a CSV, no answers): "
            f"{light_seconds:.2f} s -> {light_scaled:.1f} s scaled"
        )
        print(f"  Heard is faster by:              {light_scaled / heard_seconds:.1f}x (for reference)")

    sizes = [] if args.no_memory else [10_000, 100_000] + ([1_000_000] if args.million else [])
    for size in sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(size)], capture_output=True, text=True, check=True
        )
        figures = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"peak memory, {size:>9,} rows: {figures['peak_rss_mb']:.0f} MB resident during the import "
            f"({figures['rss_before_mb']:.0f} MB before it; import {figures['seconds']:.1f} s)"
        )


if __name__ == "__main__":
    main()
