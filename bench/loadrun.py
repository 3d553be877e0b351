"""bench/scale.py's load run: gunicorn serving Heard on loopback, Locust in this process driving `users` simulated
people (host staff, partners, steering members) through the pages bench/scale.py measures, host staff coding an
answer now and then. Called by bench/scale.py (`--load SECONDS`); Django is set up by it."""

from __future__ import annotations

import os
import random
import string
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def signed_in_cookies(world: dict[str, Any], role: str, count: int) -> list[str]:
    """Session keys for `count` people of `role`, made before the load run's timed part: signing in is a
    deliberately slow password hash, and fifty at once would measure that rather than the pages."""
    from django.conf import settings
    from django.test import Client

    keys = []
    for _ in range(count):
        client = Client()
        client.force_login(world["users"][role])
        keys.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
    return keys


def coding_writes(world: dict[str, Any], write_weight: int) -> list[tuple[int, int]]:
    """(answer id, theme id) pairs host staff code during the load run: stories of the measured project."""
    from heard.analysis.models import Theme
    from heard.engagement.models import Answer, QuestionKind

    project = world["projects"][0]
    answers = list(
        Answer.objects.filter(experience__project=project, question__kind=QuestionKind.FREE_TEXT)
        .order_by("pk")
        .values_list("pk", flat=True)[:500]
    )
    themes = list(Theme.objects.for_project(project.pk).values_list("pk", flat=True)[:10])
    return [(answer, theme) for answer in answers for theme in themes] if write_weight else []


def load_run(
    seconds: int,
    users: int,
    world: dict[str, Any],
    targets: list[tuple[str, str, str]],
    *,
    port: int = 8765,
    write_weight: int = 1,
) -> None:
    """Gunicorn on loopback, Locust in this process: `users` people, think time 1-3 s, for `seconds`."""
    from django.conf import settings
    from django.db import connections

    # Before Locust is imported (it patches threads for gevent, and Django's connection would be another thread's).
    session_cookie, csrf_cookie = settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME
    roles = {role for label, role, _path in targets if "export" not in label}
    sessions = {role: signed_in_cookies(world, role, users) for role in roles}
    writes = coding_writes(world, write_weight)
    connections.close_all()
    import gevent  # locust's own dependency
    from locust import HttpUser, between, task
    from locust.env import Environment

    env = {**os.environ, "HEARD_REQUIRE_2FA": "0", "HEARD_ALLOWED_HOSTS": "127.0.0.1,localhost"}
    import atexit
    import socket

    with socket.socket() as probe:  # a server left on the port would be measured instead of this checkout's
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            raise SystemExit(f"Port {port} is in use: stop what listens there before a load run.")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "heard.wsgi", "-b", f"127.0.0.1:{port}", "-w", "4", "--timeout", "120"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    atexit.register(server.terminate)  # also when the run stops on an error
    import urllib.request

    for _ in range(120):  # until gunicorn answers
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    if server.poll() is not None:
        raise SystemExit(f"gunicorn stopped (exit code {server.returncode}): nothing to measure.")
    by_role = {
        role: [(label, path) for label, r, path in targets if r == role and "export" not in label]
        for role in ("host", "partner", "steering")
    }

    def user_class(role: str, weight: int) -> type:
        class Person(HttpUser):
            wait_time = between(1, 3)

            def on_start(self) -> None:
                key = sessions[role].pop() if sessions[role] else ""
                if key:  # signed in before the timed part
                    self.client.cookies.set(session_cookie, key)
                    return
                page = self.client.get("/accounts/sign-in/")
                token = page.cookies.get("csrftoken", "")
                self.client.post(
                    "/accounts/sign-in/",
                    {"username": role, "password": "bench-password", "csrfmiddlewaretoken": token},
                    headers={"Referer": f"http://127.0.0.1:{port}/accounts/sign-in/"},
                    name="sign in",
                )

            @task(write_weight if role == "host" and writes else 0)
            def code_an_answer(self) -> None:
                """Now and then host staff code an answer (or take the code off): every cached figure of the
                project is counted again after it, as in a week's real coding."""
                answer_id, theme_id = random.choice(writes)
                csrf = "".join(random.choices(string.ascii_letters + string.digits, k=32))
                for cookie in [c for c in self.client.cookies if c.name == csrf_cookie]:  # one a page set
                    self.client.cookies.clear(cookie.domain, cookie.path, cookie.name)
                self.client.cookies.set(csrf_cookie, csrf)
                with self.client.post(
                    f"/analysis/answers/{answer_id}/code/",
                    {"theme": theme_id, "applied": random.choice(["1", "0"]), "csrfmiddlewaretoken": csrf},
                    name="write: code an answer",
                    allow_redirects=False,
                    catch_response=True,
                ) as response:
                    if response.status_code not in (200, 302) or "/accounts/sign-in/" in response.headers.get(
                        "Location", ""
                    ):
                        response.failure(f"coding answered HTTP {response.status_code}")

            @task(10)
            def open_a_page(self) -> None:
                label, path = random.choice(by_role[role])
                with self.client.get(path, name=label, catch_response=True) as response:
                    if response.status_code == 200 and "/accounts/sign-in/" in response.url:
                        response.failure("sent to the sign-in page: the session was not accepted")

        Person.weight = weight
        Person.__name__ = f"Person_{role}"
        return Person

    weights = {"host": 5, "partner": 4, "steering": 1}
    environment = Environment(
        user_classes=[user_class(role, weight) for role, weight in weights.items() if by_role[role]],
        host=f"http://127.0.0.1:{port}",
    )
    print(f"\nLoad run starts: load average {os.getloadavg()[0]:.1f}", flush=True)
    runner = environment.create_local_runner()
    runner.start(users, spawn_rate=10)
    gevent.spawn_later(seconds, runner.quit)
    runner.greenlet.join()
    server.terminate()
    print(f"\nLoad run: {users} people for {seconds} s against gunicorn (4 workers) on loopback, signed in before")
    print(f"Load average at the end: {os.getloadavg()[0]:.1f}")
    print(f"{'page':28} {'requests':>9} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7}")
    for (name, _method), entry in sorted(environment.stats.entries.items()):
        print(
            f"{name:28} {entry.num_requests:9d} {entry.get_response_time_percentile(0.5):8.0f} "
            f"{entry.get_response_time_percentile(0.95):8.0f} {entry.num_failures:7d}"
        )
