from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from heard.core.output import add_output_arguments, emit
from heard.engagement.models import Project
from heard.governance import change_actions, indicators

COLUMNS = ("outcome", "indicator", "value", "target", "unit", "computed_at")


class Command(BaseCommand):
    help = (
        "The indicators of a project's theory of change (the newest approved version, else the newest draft), "
        "computed now from Heard's own records, exact (for host staff): one row per indicator with its outcome, "
        "the indicator, its value (a number), its target (a number, or empty), its unit and when it was computed. "
        "--snapshot also keeps today's values, for the trend the theory of change page shows."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--project", metavar="SLUG", required=True, help="The project's slug.")
        parser.add_argument("--snapshot", action="store_true", help="Keep today's values for the trend.")
        add_output_arguments(parser, formats=("json", "csv", "text"))

    def handle(self, *args: Any, **options: Any) -> None:
        project = Project.objects.filter(slug=options["project"]).first()
        if project is None:
            known = ", ".join(Project.objects.values_list("slug", flat=True)) or "none yet"
            raise CommandError(f"No project with slug '{options['project']}'. Projects: {known}.", returncode=1)
        if options["snapshot"]:
            change_actions.take_snapshots(project=project, today=datetime.date.today())
        rows = [
            {
                "outcome": value.outcome,
                "indicator": value.metric.name,
                "value": value.value,
                "target": value.target,
                "unit": value.metric.unit,
                "computed_at": timezone.localtime(value.computed_at).isoformat(timespec="seconds"),
            }
            for value in indicators.command_values(project)
        ]
        emit(rows, fmt=options["format"], output=options["output"], stdout=self.stdout, columns=COLUMNS)
