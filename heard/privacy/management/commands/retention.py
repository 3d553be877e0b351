"""`heard retention`: the daily data-retention job."""

from __future__ import annotations

import datetime
from dataclasses import asdict
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from heard.core.output import add_output_arguments, emit
from heard.privacy.actions import apply_retention
from heard.privacy.signals import retention_ran


class Command(BaseCommand):
    help = (
        "Anonymise residents' contributions to projects whose retention period (end date plus retention months) "
        "has passed, and report what was done; uploaded returns never imported are cleared after 30 days. "
        "Safe to run daily: already anonymised records are left alone."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Report what would be done; change nothing.")
        parser.add_argument("--today", metavar="YYYY-MM-DD", help="Act as if today were this date (for checks).")
        add_output_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options["today"]:
            try:
                today = datetime.date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError(
                    f"--today: '{options['today']}' is not a date like 2027-01-31.", returncode=2
                ) from None
        results = apply_retention(today=today, dry_run=options["dry_run"])
        for _receiver, line in retention_ran.send(sender=self.__class__, today=today, dry_run=options["dry_run"]):
            if line:
                self.stderr.write(str(line))
        rows = [{k: v for k, v in asdict(r).items() if k != "references"} for r in results]
        columns = [
            "slug",
            "project",
            "retention_ends_on",
            "anonymised",
            "free_text_answers_removed",
            "already_anonymised",
        ]
        emit(rows, fmt=options["format"], output=options["output"], stdout=self.stdout, columns=columns)
        total = sum(r.anonymised for r in results)
        verb = "would anonymise" if options["dry_run"] else "anonymised"
        self.stderr.write(f"Retention on {today.isoformat()}: {verb} {total} contributions in {len(results)} projects.")
