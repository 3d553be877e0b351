"""`heard retention`: the daily data-retention job."""

from __future__ import annotations

import datetime
from dataclasses import asdict
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from heard.core.output import add_output_arguments, emit
from heard.privacy.actions import apply_retention

STALE_UPLOAD_DAYS = 30


class Command(BaseCommand):
    help = (
        "Anonymise residents' contributions to projects whose retention period (end date plus retention months) "
        "has passed, and report what was done; clear uploaded returns that were never imported after 30 days. "
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
        if not options["dry_run"]:
            from heard.returns.actions import delete_stale_uploads  # partner returns never imported

            cleared = delete_stale_uploads(older_than=datetime.timedelta(days=STALE_UPLOAD_DAYS))
            self.stderr.write(
                f"Cleared {cleared} returns checked but never imported (older than {STALE_UPLOAD_DAYS} days)."
            )
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
