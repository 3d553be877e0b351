"""`heard demo`: a fresh demo partnership, the sign-in details, and (unless --no-serve) the web app."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from heard.demo.builder import PASSWORD, PROJECT_SLUG, USERS, build_demo


class Command(BaseCommand):
    help = (
        "Reset the database to the demo partnership (Islington and Hackney, 8 partners, about 1,500 residents' "
        "records), print the sign-in details, and serve Heard on 127.0.0.1:8000 with a task worker."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="Do everything except serving.")
        parser.add_argument("--addrport", default="127.0.0.1:8000", help="Where to serve (default 127.0.0.1:8000).")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Reset the database even though it holds accounts that are not the demo's (this erases them).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        err = self.stderr
        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        err.write("Setting up the database...")
        call_command("migrate", interactive=False, verbosity=0)
        from heard.accounts.models import User

        others = User.objects.exclude(username__in=[u[0] for u in USERS])
        if others.exists() and not options["force"]:
            raise CommandError(
                f"This database has {others.count()} accounts that are not the demo's: `heard demo` would erase "
                "everything in it. Point HEARD_VAR_DIR or DATABASE_URL at another database, or add --force.",
                returncode=1,
            )
        call_command("flush", interactive=False, verbosity=0)
        err.write("Loading the demo partnership...")
        counts = build_demo()
        err.write(", ".join(f"{n:,} {what}" for what, n in counts.items()))
        err.write(
            "Checking what residents said for safeguarding and suggesting themes, as the task worker does (the "
            "first run trains the model)..."
        )
        from heard.demo.coding import build_demo_coding
        from heard.demo.follow_up import run_queued_work
        from heard.demo.reporting import build_demo_report
        from heard.engagement.models import Project

        followed_up = run_queued_work()
        coding = build_demo_coding(Project.objects.get(slug=PROJECT_SLUG))
        coding |= build_demo_report(Project.objects.get(slug=PROJECT_SLUG))
        err.write(", ".join(f"{n:,} {what}" for what, n in (followed_up | coding).items()))
        call_command("collectstatic", interactive=False, verbosity=0)

        lines = [
            "",
            "Heard demo is ready: http://" + options["addrport"] + "/",
            f"Project: Diverse Communities Health Voice ({PROJECT_SLUG})",
            f"Sign in with any of these usernames, password: {PASSWORD}",
        ]
        for username, first, last, role, org in USERS:
            lines.append(f"  {username:<10} {first} {last}, {role.label}{f' ({org})' if org else ''}")
        lines.append("Two-factor sign-in is off in the demo (HEARD_REQUIRE_2FA=false).")
        self.stdout.write("\n".join(lines))
        if options["no_serve"]:
            return
        self.stdout.write("Press Ctrl+C to stop.\n")
        self.stdout.flush()
        env = {**os.environ, "HEARD_REQUIRE_2FA": os.environ.get("HEARD_REQUIRE_2FA", "false")}
        worker = subprocess.Popen([sys.executable, "-m", "heard.cli", "db_worker"], env=env)
        try:
            subprocess.run(
                [sys.executable, "-m", "heard.cli", "runserver", options["addrport"], "--noreload"],
                env=env,
                check=False,
            )
        except KeyboardInterrupt:
            pass
        finally:
            worker.terminate()
            worker.wait(timeout=10)
