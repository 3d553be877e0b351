"""Benchmark: Heard's most used pages with 100,000, 300,000 and 1,000,000 residents' records behind them.

Builds realistic synthetic data (20 projects, 40 partners, 10 communities, 10 years of dates, three answers a
record: a story, a choice and a rating; codes on a third of the stories, suggestions on all, a safeguarding flag
in 1 of 500 records), growing the same database from one size to the next, then opens each page people use most
as host staff and as a partner, `--requests` times, and prints p50 and p95 in ms per page and size, and the
growth from the smallest size to the largest (1.0 = the page costs the same with 10x the records).

Optionally (`--load SECONDS`) a load run at the largest size: Heard served by gunicorn on loopback (as
docs/deploy.md says), and Locust in this process with `--users` simulated people in a week's mix of roles (think
time 1-3 s), bounded in time; prints p50/p95/errors per page.

Run (PostgreSQL, as .ci/run starts it):
    DATABASE_URL=postgres://heard_ci:heard_ci@127.0.0.1:5432/heard_scale uv run python bench/scale.py \
        --sizes 100000,300000,1000000 [--requests 20] [--load 300 --users 50]
Without DATABASE_URL it uses a throw-away SQLite file (and says so). The database named in DATABASE_URL is
emptied first (`flush`): never point it at real data. Reads nothing from ../shared.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PROJECTS, PARTNERS, COMMUNITIES = 20, 40, 10
STORIES = [
    "Could not get a GP appointment for three weeks, the phone line was always busy",
    "The receptionist was kind and found me an interpreter",
    "Nobody explained my medication and I was too scared to ask",
    "Waited four hours in A&E with my son, no one told us anything",
    "The pharmacist listened and helped me understand my inhaler",
    "Online booking is impossible without a smartphone",
    "Staff were rude when I asked for a female doctor",
    "The community centre drop-in is the only place I feel listened to",
]
# Of every 10 pages host staff open in the load run, how many times they code an answer as well (0: read only).
WRITE_WEIGHT = 1
CHOICES = [["phone", "By phone"], ["online", "Online"], ["walk_in", "Walked in"]]


def setup_django(sqlite: Path | None, *, reuse: bool = False) -> None:
    if sqlite is not None:
        os.environ["HEARD_SQLITE_PATH"] = str(sqlite)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heard.settings")
    os.environ["HEARD_REQUIRE_2FA"] = "0"
    os.environ["HEARD_ALLOWED_HOSTS"] = "127.0.0.1,localhost,testserver"
    import django

    django.setup()
    from django.core.management import call_command

    if reuse:  # a database others may read: never migrate it from here
        from django.db import connection
        from django.db.migrations.executor import MigrationExecutor

        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if pending:
            names = ", ".join(f"{m.app_label}.{m.name}" for m, _backwards in pending)
            raise SystemExit(f"--reuse: the database lacks migrations of this checkout ({names}); migrate a copy.")
    else:
        call_command("migrate", verbosity=0)
        call_command("flush", interactive=False, verbosity=0)
    call_command("createcachetable", verbosity=0)


def make_world() -> dict[str, Any]:
    from heard.accounts.models import Role, User
    from heard.analysis.models import Theme
    from heard.engagement.models import Activity, Project, ProjectPartner, Question
    from heard.partners.models import Community, Organisation

    communities = [Community.objects.create(name=f"Community {c}", slug=f"community-{c}") for c in range(COMMUNITIES)]
    partners = [Organisation.objects.create(name=f"Partner {p}", slug=f"partner-{p}") for p in range(PARTNERS)]
    projects, activities, questions = [], {}, {}
    for n in range(PROJECTS):
        project = Project.objects.create(name=f"Project {n}", slug=f"project-{n}", languages=["en"])
        project.communities.add(*communities)
        for partner in (partners[(2 * n) % PARTNERS], partners[(2 * n + 1) % PARTNERS]):
            ProjectPartner.objects.create(project=project, organisation=partner)
            activities[(project.pk, partner.pk)] = [
                Activity.objects.create(
                    project=project,
                    partner=partner,
                    method="event",
                    title=f"Drop-in {a}",
                    held_on=datetime.date(2016, 1, 1) + datetime.timedelta(days=365 * a),
                )
                for a in range(10)
            ]
        questions[project.pk] = [
            Question.objects.create(project=project, code="story", kind="free_text", text="What happened?", position=1),
            Question.objects.create(
                project=project, code="booked", kind="single_choice", text="How?", choices=CHOICES, position=2
            ),
            Question.objects.create(project=project, code="rating", kind="rating", text="How easy?", position=3),
        ]
        projects.append(project)
    themes = list(Theme.objects.filter(project__isnull=True)[:32]) or [
        Theme.objects.create(name=f"Theme {t}") for t in range(32)
    ]
    host = User.objects.create_user("host", password="bench-password", role=Role.HOST_STAFF)
    partner_user = User.objects.create_user(
        "partner", password="bench-password", role=Role.PARTNER_MEMBER, organisation=partners[0]
    )
    steering = User.objects.create_user("steering", password="bench-password", role=Role.STEERING_MEMBER)
    return {
        "projects": projects,
        "partners": partners,
        "communities": communities,
        "activities": activities,
        "questions": questions,
        "themes": themes,
        "users": {"host": host, "partner": partner_user, "steering": steering},
    }


def load_world() -> dict[str, Any]:
    """The world an earlier run built (with --reuse): measure again, or grow from what it holds."""
    from heard.accounts.models import User
    from heard.analysis.models import Theme
    from heard.engagement.models import Activity, Project, Question
    from heard.partners.models import Community, Organisation

    projects = list(Project.objects.order_by("pk"))
    activities: dict[tuple[int, int], list[Any]] = {}
    for activity in Activity.objects.order_by("pk"):
        activities.setdefault((activity.project_id, activity.partner_id), []).append(activity)
    return {
        "projects": projects,
        "partners": list(Organisation.objects.order_by("pk")),
        "communities": list(Community.objects.order_by("pk")),
        "activities": activities,
        "questions": {p.pk: list(Question.objects.filter(project=p).order_by("position")) for p in projects},
        "themes": list(Theme.objects.filter(project__isnull=True)[:32]) or list(Theme.objects.all()[:32]),
        "users": {name: User.objects.get(username=name) for name in ("host", "partner", "steering")},
    }


def grow(world: dict[str, Any], count: int, rng: random.Random) -> None:
    """Adds `count` residents' records with their answers, codes, suggestions and flags, in batches."""
    from django.db import transaction

    from heard.analysis.models import Code, Suggestion
    from heard.engagement.models import Answer, Experience
    from heard.privacy.models import SafeguardingFlag

    host = world["users"]["host"]
    batch = 5000
    done = 0
    while done < count:
        size = min(batch, count - done)
        with transaction.atomic():
            records = []
            for _ in range(size):
                project = world["projects"][rng.randrange(PROJECTS)]
                pair = [k for k in world["activities"] if k[0] == project.pk]
                _project_id, partner_id = pair[rng.randrange(len(pair))]
                activity = rng.choice(world["activities"][(project.pk, partner_id)])
                records.append(
                    Experience(
                        project=project,
                        partner_id=partner_id,
                        activity=activity,
                        community=rng.choice(world["communities"]),
                        collected_on=activity.held_on + datetime.timedelta(days=rng.randrange(300)),
                        age_band=rng.choice(["18-24", "25-34", "35-49", "50-64", "65-74", "75+"]),
                        sex=rng.choice(["female", "male"]),
                        consent_store=True,
                        consent_quote=rng.random() < 0.7,
                        consent_method="verbal",
                    )
                )
            Experience.objects.bulk_create(records, batch_size=1000)
            answers = []
            for record in records:
                story, booked, rating = world["questions"][record.project_id]
                # The coding grid's stored order (what heard.analysis.actions.refresh_grid_keys would write).
                answers.append(
                    Answer(
                        experience=record,
                        question=story,
                        text=rng.choice(STORIES),
                        language="en",
                        top_confidence=rng.random(),
                        is_coded=rng.random() < 1 / 3,
                    )
                )
                answers.append(Answer(experience=record, question=booked, text=rng.choice(CHOICES)[0]))
                answers.append(Answer(experience=record, question=rating, text=str(rng.randint(1, 5))))
            Answer.objects.bulk_create(answers, batch_size=3000)
            stories = answers[0::3]
            Suggestion.objects.bulk_create(
                [
                    Suggestion(
                        answer=a, theme=rng.choice(world["themes"]), confidence=a.top_confidence, model_version="b"
                    )
                    for a in stories
                ],
                batch_size=3000,
            )
            Code.objects.bulk_create(
                [
                    Code(answer=a, theme=rng.choice(world["themes"]), coder=host, applied=True)
                    for a in stories
                    if a.is_coded
                ],
                batch_size=3000,
            )
            SafeguardingFlag.objects.bulk_create(
                [
                    SafeguardingFlag(experience=a.experience, answer=a, kind="harm", label="Risk of harm")
                    for a in stories
                    if rng.random() < 1 / 500
                ],
                batch_size=1000,
            )
        done += size


ONLY: list[str] = []  # --pages: measure only the pages whose label contains one of these


def pages(world: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(label, role, path) of the pages people use most, in the busiest project of partner 0."""
    from django.urls import reverse

    slug = world["projects"][0].slug
    found = [
        ("dashboard", "host", reverse("engagement:project-detail", args=[slug])),
        ("records list", "host", reverse("engagement:experience-list", args=[slug])),
        ("themes by group", "host", reverse("analysis:theme-table", args=[slug])),
        ("who is missing", "host", reverse("place:who-is-missing") + f"?project={slug}"),
        ("coding grid", "host", reverse("analysis:coding-grid", args=[slug])),
        ("partner: dashboard", "partner", reverse("engagement:project-detail", args=[slug])),
        ("partner: records list", "partner", reverse("engagement:experience-list", args=[slug])),
        ("steering: themes", "steering", reverse("analysis:theme-table", args=[slug])),
        ("export csv", "host", reverse("returns:export", args=[slug, "csv"])),
    ]
    found.append(("report", "host", reverse("reporting:stage") + f"?project={slug}"))
    return [page for page in found if not ONLY or any(word in page[0] for word in ONLY)]


def measure(world: dict[str, Any], requests: int) -> dict[str, tuple[float, float, int]]:
    """p50 and p95 wall time per page, after one request per page that is not counted (the process's first
    drawing of a chart, its first template loads): the first is printed on its own. CPU time is this process's
    (Python: middleware, view, templates), not the database's; it is what limits requests a second per core."""
    from django.test import Client

    clients = {}
    for role, user in world["users"].items():
        clients[role] = Client()
        clients[role].force_login(user)

    def get(client: Any, path: str) -> tuple[float, float, int]:
        start, cpu = time.perf_counter(), time.process_time()
        response = client.get(path)
        if hasattr(response, "streaming_content"):
            for _chunk in response.streaming_content:
                pass
        return (time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000, response.status_code

    results = {}
    for label, role, path in pages(world):
        first, _cpu, status = get(clients[role], path)
        if status != 200:
            raise SystemExit(f"{label}: {path} answered HTTP {status}; the figures would mean nothing.")
        times, cpus = [], []
        for _ in range(requests):
            wall, cpu, status = get(clients[role], path)
            times.append(wall)
            cpus.append(cpu)
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        if status != 200:
            raise SystemExit(f"{label}: {path} answered HTTP {status}; the figures would mean nothing.")
        results[label] = (statistics.median(times), p95, status)
        print(
            f"    {label}: first request {first:.0f} ms; then CPU (Python) p50 {statistics.median(cpus):.0f} ms",
            flush=True,
        )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100000,300000,1000000")
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--load", type=int, default=0, help="seconds of load run at the largest size (0: none)")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--port", type=int, default=8765, help="load run: the loopback port gunicorn listens on")
    parser.add_argument(
        "--writes", type=int, default=1, help="load run: host staff code an answer this often per 10 pages (0: none)"
    )
    parser.add_argument("--reuse", action="store_true", help="keep the records an earlier run built, grow from them")
    parser.add_argument(
        "--pages", default="", help="comma-separated words: only the pages whose label holds one (default: all)"
    )
    args = parser.parse_args()
    global WRITE_WEIGHT
    WRITE_WEIGHT = args.writes
    ONLY.extend(word.strip() for word in args.pages.split(",") if word.strip())
    sizes = [int(s) for s in args.sizes.split(",")]
    sqlite = None
    if not os.environ.get("DATABASE_URL"):
        sqlite = Path(tempfile.mkdtemp()) / "scale.sqlite3"
        print(f"No DATABASE_URL: using SQLite at {sqlite} (the figures that matter are PostgreSQL's).")
    setup_django(sqlite, reuse=args.reuse)
    from django.db import connection

    from heard.engagement.models import Experience

    rng = random.Random(2026)
    world = load_world() if args.reuse else make_world()
    table: dict[int, dict[str, tuple[float, float, int]]] = {}
    held = Experience.objects.count() if args.reuse else 0
    for size in sizes:
        start = time.perf_counter()
        grew = size > held
        grow(world, size - held, rng)
        held = size
        built = time.perf_counter() - start
        if not grew:  # --reuse at the size already built: measure only, no VACUUM of a shared database
            pass
        elif connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        else:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        print(f"{size:,} records ({connection.vendor}): built in {built:.0f} s", flush=True)
        before = os.getloadavg()[0]
        table[size] = measure(world, args.requests)
        print(f"  load average {before:.1f} before, {os.getloadavg()[0]:.1f} after", flush=True)
        for label, (p50, p95, status) in table[size].items():
            print(f"  {label:24} p50 {p50:8.1f} ms  p95 {p95:8.1f} ms  (HTTP {status})", flush=True)
    first, last = sizes[0], sizes[-1]
    print(
        f"\n{'page':24} " + " ".join(f"{'p95 ' + format(s, ','):>14}" for s in sizes) + f"  growth {first:,}->{last:,}"
    )
    for label in table[first]:
        row = " ".join(f"{table[s][label][1]:14.1f}" for s in sizes)
        print(f"{label:24} {row}  {table[last][label][1] / max(table[first][label][1], 0.1):6.2f}x")
    if args.load:
        from loadrun import load_run  # bench/, beside this script

        load_run(args.load, args.users, world, pages(world), port=args.port, write_weight=WRITE_WEIGHT)


if __name__ == "__main__":
    main()
