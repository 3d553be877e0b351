from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from heard.lib.postcodes import PostcodeError
from heard.place import lookup


class Command(BaseCommand):
    help = (
        "Print what Heard knows about one postcode (or a postcode district such as N7): local authority, ward, "
        "LSOA 2011 and 2021, IMD 2019 and IoD 2025 deciles, latitude and longitude. Exit code 1 when the "
        "postcode is not a postcode or Heard has no data for it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("postcode", metavar="POSTCODE", help='Written any way, e.g. "n1 9ar", "N19AR" or "N7".')
        parser.add_argument(
            "--format",
            choices=["text", "json"],
            default="text",
            help="text: one 'key: value' per line (default); json: a list with one object.",
        )
        parser.add_argument("--output", metavar="PATH", help="Write to this file (overwriting it) instead.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            place = lookup.lookup(options["postcode"])
        except PostcodeError as error:
            raise CommandError(str(error), returncode=1) from error
        data = place.as_dict()
        if options["format"] == "json":
            text = json.dumps([data], indent=2) + "\n"
        else:
            text = "".join(f"{key}: {'' if value is None else value}\n" for key, value in data.items())
        if not place.is_full and place.lad_share is not None:
            self.stderr.write(
                f"{place.postcode} is a district only: its centre and the local authority most of its postcodes "
                f"are in ({round(100 * place.lad_share)}%); no ward, LSOA or deprivation decile."
            )
        if options["output"]:
            try:
                with open(options["output"], "w", encoding="utf-8") as f:
                    f.write(text)
            except OSError as error:
                raise CommandError(f"Cannot write {options['output']}: {error.strerror}", returncode=1) from error
        else:
            self.stdout.write(text, ending="")
