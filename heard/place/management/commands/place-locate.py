from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from heard.core.output import add_output_arguments, emit
from heard.engagement.models import Experience, Project
from heard.place import actions


class Command(BaseCommand):
    help = (
        "Fill residents' local authority, ward, LSOA and deprivation decile from their postcodes (after "
        "loading new place data, or for records that arrived without them). Each change is audited. Prints how "
        "many records were placed fully, by district only, or could not be placed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--project", metavar="SLUG", help="Only this project's records (default: all).")
        add_output_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        experiences = Experience.objects.exclude(postcode="")
        if options["project"]:
            project = Project.objects.filter(slug=options["project"]).first()
            if project is None:
                raise CommandError(f"No project with slug '{options['project']}'.", returncode=1)
            experiences = experiences.filter(project=project)
        counts = {"records": 0, "full": 0, "district": 0, "not_placed": 0}
        for experience in experiences.iterator():
            counts["records"] += 1
            if not actions.locate(experience, save=True):
                counts["not_placed"] += 1
            elif experience.ward_code or experience.lsoa21_code:
                counts["full"] += 1
            else:
                counts["district"] += 1
        self.stderr.write(f"Checked {counts['records']:,} records with a postcode.")
        emit([counts], fmt=options["format"], output=options["output"], stdout=self.stdout)
