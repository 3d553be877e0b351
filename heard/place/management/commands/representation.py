from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from heard.core.output import add_output_arguments, emit
from heard.engagement.models import Project
from heard.engagement.scope import command_scope
from heard.partners.models import Organisation
from heard.place import missing, representation


class Command(BaseCommand):
    help = (
        "Who is missing: compare the people a project heard with the residents of its area (Census 2021), by "
        "ethnic group (19 and 5), age, sex, disability, English proficiency, ward and deprivation quintile "
        "(IoD 2025). One row per group: heard, share heard, population, share of population, participation "
        "ratio with a 95% interval (Wilson interval for the share heard, divided by the Census share) and the "
        "dimension's representation score (lowest participation rate / highest). The most under-represented "
        "groups are described in plain words on stderr."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--project", metavar="SLUG", required=True, help="The project's slug.")
        parser.add_argument(
            "--partner", metavar="SLUG", help="Only the people this partner organisation heard in the project."
        )
        parser.add_argument(
            "--area",
            metavar="CODE",
            action="append",
            default=[],
            help="Local authority or ward code (repeat for several); default: the project's own local authorities.",
        )
        parser.add_argument(
            "--public",
            action="store_true",
            help="The form for steering groups, commissioners and the public: counts of 1-4 "
            "shown as <5, others rounded to the nearest 5, a further cell withheld as [c] where "
            "subtraction would reveal a small one, whole-number shares.",
        )
        add_output_arguments(parser, formats=("text", "json", "csv"))

    def handle(self, *args: Any, **options: Any) -> None:
        project = Project.objects.filter(slug=options["project"]).first()
        if project is None:
            known = ", ".join(Project.objects.values_list("slug", flat=True)) or "none yet"
            raise CommandError(f"No project with slug '{options['project']}'. Projects: {known}.", returncode=1)
        partner = None
        if options["partner"]:
            partner = Organisation.objects.filter(slug=options["partner"], project_roles__project=project).first()
            if partner is None:
                raise CommandError(f"No partner '{options['partner']}' in project '{project.slug}'.", returncode=1)
        experiences = command_scope(
            project, partner_id=partner.pk if partner else None, public=options["public"]
        ).experiences
        try:
            report = missing.project_report(project, options["area"] or None, experiences=experiences)
        except missing.UnknownArea as error:
            raise CommandError(str(error), returncode=1) from error
        rows = []
        for comparison in report.comparisons:
            if options["public"]:
                representation.suppress(comparison)
            for row in representation.as_rows(comparison, public=options["public"]):
                rows.append({"area_codes": " ".join(report.area_codes), "area_name": report.area_name, **row})
        for line in [*report.highlights(public=options["public"]), *report.all_notes(public=options["public"])]:
            self.stderr.write(line)
        emit(rows, fmt=options["format"], output=options["output"], stdout=self.stdout)
