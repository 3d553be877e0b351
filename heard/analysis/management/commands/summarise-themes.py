"""`heard summarise-themes`: rebuild a project's theme summary from its codes and suggestions."""

from __future__ import annotations

import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from heard.analysis.actions import rebuild_theme_summary
from heard.analysis.models import AnswerTheme
from heard.core.output import emit
from heard.engagement.models import Project


class Command(BaseCommand):
    help = (
        "Rebuild the theme summary (one row per answer and theme that applies, which the theme table counts) of a "
        "project, or of every project, from people's codes, the machine's suggestions and each answer's "
        "sentiment. The database keeps the summary fresh on every change, so this is for data that existed "
        "before it, or to repair it; safe to repeat, and the theme table stays right while it runs (one "
        "transaction per project)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--project", metavar="SLUG", help="The project's slug.")
        which.add_argument("--all", action="store_true", help="Every project, one after another.")
        parser.add_argument("--format", choices=("text", "json"), default="text", help="How to print the result.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["all"]:
            projects = list(Project.objects.order_by("slug"))
        else:
            project = Project.objects.filter(slug=options["project"]).first()
            if project is None:
                known = ", ".join(Project.objects.order_by("slug").values_list("slug", flat=True)[:30]) or "none yet"
                raise CommandError(f"No project with slug '{options['project']}'. Projects: {known}.", returncode=1)
            projects = [project]
        rows = []
        for project in projects:
            start = time.perf_counter()
            count = rebuild_theme_summary(actor=None, project=project)
            seconds = time.perf_counter() - start
            rows.append({"project": project.slug, "rows": count, "seconds": round(seconds, 2)})
            sys.stderr.write(f"{project.slug}: {count:,} rows in {seconds:.1f} s\n")
        # New rows are read from the index alone once vacuum has seen them (VACUUM cannot run in a transaction:
        # when called inside one, autovacuum does it later).
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            with connection.cursor() as cursor:
                cursor.execute(f"VACUUM (ANALYZE) {AnswerTheme._meta.db_table}")
        if options["format"] == "json":
            emit(rows, fmt="json", output=None, stdout=self.stdout)
            return
        for row in rows:
            self.stdout.write(f"{row['project']}: theme summary rebuilt, {row['rows']:,} answer x theme rows.")
