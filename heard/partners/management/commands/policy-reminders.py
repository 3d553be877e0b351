"""`heard policy-reminders`: remind partners of policies due for review, and of those that have lapsed."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from heard.core.output import emit
from heard.partners.actions import send_policy_reminders


class Command(BaseCommand):
    help = (
        "Email each organisation about its policies (Safeguarding, Health and safety, Equality, diversity and "
        "inclusion, data protection, insurance) due for review within 30 days, and about those that have lapsed. "
        "Each reminder is sent once: run it as often as you like (daily, from cron or the task worker)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", metavar="YYYY-MM-DD", help="Act as if today were this date (for checking).")
        parser.add_argument("--format", choices=("text", "json"), default="text", help="How to print the result.")

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options["today"]:
            try:
                today = datetime.date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError(
                    f"--today '{options['today']}' is not a date like 2026-11-30.", returncode=2
                ) from None
        sent = send_policy_reminders(today=today)
        rows = [
            {
                "organisation": r.policy.organisation.slug,
                "policy": r.policy.kind,
                "reminder": r.kind,
                "expires_on": r.policy.expires_on.isoformat(),
                "recipients": len(r.recipients),
            }
            for r in sent
        ]
        if options["format"] == "json":
            emit(rows, fmt="json", output=None, stdout=self.stdout)
            return
        if not rows:
            self.stdout.write("No reminders to send: every reminder due has been sent before.")
            return
        for row in rows:
            self.stdout.write(
                f"{row['organisation']}: {row['policy']} policy {str(row['reminder']).replace('_', ' ')} "
                f"(review date {row['expires_on']}), sent to {row['recipients']} address(es)"
            )
        self.stdout.write(f"{len(rows)} reminder(s) sent.")
