from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from heard.returns.lookup import project_and_partner
from heard.returns.template import write_template


class Command(BaseCommand):
    help = (
        "Write the Excel return template for a project and partner: instructions, a Residents sheet with "
        "drop-downs (headers carry stable codes like [age_band]), an Activity sheet and the lists behind them."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--project", metavar="SLUG", required=True, help="The project's slug.")
        parser.add_argument("--partner", metavar="SLUG", required=True, help="The partner organisation's slug.")
        parser.add_argument("--output", metavar="FILE.xlsx", required=True, help="Where to write the template.")

    def handle(self, *args: Any, **options: Any) -> None:
        project, partner = project_and_partner(options["project"], options["partner"])
        output = options["output"]
        if not output.lower().endswith(".xlsx"):
            raise CommandError(f"{output}: the template is an Excel file; give a name ending in .xlsx.", returncode=2)
        try:
            columns = write_template(project, partner, output)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}", returncode=1) from error
        self.stderr.write(f"Wrote {output}: {len(columns)} columns on the Residents sheet.")
        self.stdout.write(output)
