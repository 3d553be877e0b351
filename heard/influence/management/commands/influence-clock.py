from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from heard.influence import clock


class Command(BaseCommand):
    help = (
        "Send the recommendations' reminders (5 working days before a response is due), escalations (after the due "
        "day, to the senior contact) and follow-ups (3, 6 and 12 months after sending) that are due. Each is sent "
        "once, however often this runs (the task worker's sweep runs it hourly too)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", metavar="YYYY-MM-DD", help="Count from this day instead (for testing).")

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options["today"]:
            try:
                today = datetime.date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError(
                    f"'{options['today']}' is not a date; write it as YYYY-MM-DD.", returncode=2
                ) from None
        result = clock.sweep(today)
        for pk, kind in result.sent:
            self.stdout.write(f"Recommendation {pk}: {kind} sent")
        self.stdout.write(f"{len(result.sent)} notice(s) sent.")
