from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from heard.core.output import add_output_arguments, emit
from heard.influence import actions, bulk
from heard.influence.listing import command_rows
from heard.influence.models import Recommendation
from heard.returns.lookup import project_by_slug

COLUMNS = ["id", "title", "addressee", "status", "overdue", "sent_on", "due_on", "verdict"]


class Command(BaseCommand):
    help = (
        "List a project's recommendations: id, title, addressee (the organisation), status (draft, sent, accepted, "
        "partly_accepted, declined, in_progress, changed), overdue (true/false), sent_on and due_on (ISO dates or "
        "null), verdict (the residents' verdict so far, or null). With --update FILE, read statuses and notes back "
        "from an edited export (.xlsx or .csv with the columns id, status, notes): every row is checked first and "
        "nothing changes unless all are right."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--project", metavar="SLUG", help="The project's slug (default: every project).")
        parser.add_argument("--update", metavar="FILE", help="An edited export to read statuses and notes from.")
        add_output_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        recommendations = Recommendation.objects.select_related("organisation").order_by("id")
        if options["project"]:
            recommendations = recommendations.filter(project=project_by_slug(options["project"]))
        if options["update"]:
            path = Path(options["update"])
            checked = bulk.check(path, recommendations)
            if checked.problems:
                raise CommandError(
                    "Nothing was changed. Put these right and run it again:\n" + "\n".join(checked.problems),
                    returncode=1,
                )
            changed = actions.apply_spreadsheet(actor=None, changes=checked.changes, file_name=path.name)
            self.stdout.write(
                f"{len(checked.changes)} row(s) read from {path.name}; {changed} recommendation(s) changed."
            )
            return
        emit(
            command_rows(recommendations),
            fmt=options["format"],
            output=options["output"],
            stdout=self.stdout,
            columns=COLUMNS,
        )
