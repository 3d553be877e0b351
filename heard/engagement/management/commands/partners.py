from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from heard.core.output import add_output_arguments, emit
from heard.engagement.models import Project
from heard.partners.models import Organisation, OrganisationKind


class Command(BaseCommand):
    help = "List partner organisations (all, or those in one project): slug and name."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--project", metavar="SLUG", help="Only the partners of this project.")
        add_output_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        partners = Organisation.objects.partners()
        if options["project"]:
            project = Project.objects.filter(slug=options["project"]).first()
            if project is None:
                known = ", ".join(Project.objects.values_list("slug", flat=True)) or "none yet"
                raise CommandError(f"No project with slug '{options['project']}'. Projects: {known}.", returncode=1)
            partners = Organisation.objects.filter(project_roles__project=project, kind=OrganisationKind.PARTNER)
        rows = [
            {"slug": o.slug, "name": o.name, "sector": o.sector, "postcode": o.postcode}
            for o in partners.order_by("slug")
        ]
        emit(
            rows,
            fmt=options["format"],
            output=options["output"],
            stdout=self.stdout,
            columns=["slug", "name", "sector", "postcode"],
        )
