from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from heard.influence import actions
from heard.influence.models import ExtraHoliday
from heard.lib.workdays import BankHolidaysFileError, read_govuk_bank_holidays


class Command(BaseCommand):
    help = (
        "Bank holidays for the response clock. Heard knows England and Wales bank holidays from the holidays "
        "package; --update FILE adds days announced since (a GOV.UK bank-holidays JSON file, as from "
        "https://www.gov.uk/bank-holidays.json: its england-and-wales events). Without --update, lists the added days."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--update", metavar="FILE", help="A GOV.UK bank-holidays JSON file to add days from.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["update"]:
            for day in ExtraHoliday.objects.all():
                self.stdout.write(f"{day.date.isoformat()}  {day.title}")
            return
        path = Path(options["update"])
        try:
            text = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.", returncode=1) from None
        try:
            days = read_govuk_bank_holidays(text)
        except BankHolidaysFileError as error:
            raise CommandError(f"{path.name}: {error} Nothing was added.", returncode=1) from None
        added = actions.add_extra_holidays(actor=None, days=days, file_name=path.name)
        self.stdout.write(f"{len(days)} England and Wales day(s) read from {path.name}, {added} new.")
