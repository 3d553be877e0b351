from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from heard.core.output import add_output_arguments, emit
from heard.funding import ledger
from heard.returns.lookup import project_by_slug


class Command(BaseCommand):
    help = (
        "A project's payments to partners: one line per scheduled or made payment, with partner (organisation "
        "slug), amount (pounds, two places), date (ISO: when paid or released, else when due), kind (advance, "
        "instalment, holdback) and status (scheduled, paid, withheld, released, cancelled). A partner's lines "
        "that are not cancelled add up exactly to its allocation; the holdback is withheld until delivery is "
        "accepted."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--project", metavar="SLUG", required=True, help="The project's slug.")
        add_output_arguments(parser, formats=("text", "json", "csv"))

    def handle(self, *args: Any, **options: Any) -> None:
        project = project_by_slug(options["project"])
        rows = [ledger.row(payment) for payment in ledger.project_payments(project)]
        emit(rows, fmt=options["format"], output=options["output"], stdout=self.stdout, columns=ledger.COLUMNS)
