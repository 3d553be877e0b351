from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from heard.core.output import add_output_arguments, emit
from heard.place import actions, importers
from heard.place.models import DatasetKind, PlaceDataset

DEFAULT_ATTRIBUTION = {
    DatasetKind.POSTCODES: "Contains OS data © Crown copyright and database right. Contains Royal Mail data © Royal "
    "Mail copyright and database right. Source: Office for National Statistics licensed under the Open "
    "Government Licence v3.0.",
    DatasetKind.CENSUS: "Source: Office for National Statistics (Census 2021), licensed under the Open Government "
    "Licence v3.0.",
    DatasetKind.DEPRIVATION: "English Indices of Deprivation 2025, Ministry of Housing, Communities and Local "
    "Government. Contains public sector information licensed under the Open Government Licence v3.0.",
    DatasetKind.AREAS: "Source: Office for National Statistics licensed under the Open Government Licence v3.0.",
    DatasetKind.BOUNDARIES: "Source: Office for National Statistics licensed under the Open Government Licence "
    "v3.0. Contains OS data © Crown copyright and database right.",
}


class Command(BaseCommand):
    help = (
        "Load place data for other areas, or national files, into Heard, and record what was loaded with its "
        "date and licence. KIND is one of: postcodes (Heard's postcode CSV or the ONS Postcode Directory), "
        "census (Heard's long format area_code,dimension,group,count or a Nomis-style table with ONS labels), "
        "deprivation (IoD 2025 by LSOA 2021), areas (code,name), boundaries (ward GeoJSON). The whole file is "
        "checked first; nothing is written if any row is wrong (exit 1, reasons on stderr)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "kind",
            metavar="KIND",
            choices=list(DatasetKind.values),
            help="What the file holds: " + ", ".join(DatasetKind.values) + ".",
        )
        parser.add_argument("file", metavar="FILE", help="A CSV (or .csv.gz) or, for boundaries, a GeoJSON file.")
        parser.add_argument("--name", default="", help="What to call the dataset (default: the file name).")
        parser.add_argument(
            "--source", default="", help="Publisher and edition, e.g. 'ONS Postcode Directory, February 2026'."
        )
        parser.add_argument("--licence", default="Open Government Licence v3.0", help="Licence of the data.")
        parser.add_argument(
            "--attribution",
            default="",
            help="Attribution text to show with the data (default: the usual ONS/OS/MHCLG wording for the kind).",
        )
        parser.add_argument(
            "--published-on",
            metavar="YYYY-MM-DD",
            type=datetime.date.fromisoformat,
            help="When the publisher released the data.",
        )
        add_output_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        kind = options["kind"]
        path = Path(options["file"])
        self.stderr.write(f"Checking {path} ...")
        try:
            dataset = actions.load_dataset(
                actor=None,
                kind=kind,
                path=path,
                name=options["name"],
                source=options["source"],
                licence=options["licence"],
                attribution=options["attribution"] or DEFAULT_ATTRIBUTION[DatasetKind(kind)],
                published_on=options["published_on"],
            )
        except importers.ImportFailed as failure:
            raise CommandError("Nothing was loaded:\n" + "\n".join(failure.errors), returncode=1) from failure
        self.stderr.write(f"Loaded {dataset.rows:,} rows.")
        emit([_row(dataset)], fmt=options["format"], output=options["output"], stdout=self.stdout)


def _row(dataset: PlaceDataset) -> dict[str, Any]:
    return {
        "id": dataset.pk,
        "kind": dataset.kind,
        "name": dataset.name,
        "file_name": dataset.file_name,
        "rows": dataset.rows,
        "licence": dataset.licence,
        "published_on": dataset.published_on,
        "loaded_at": dataset.loaded_at,
    }
