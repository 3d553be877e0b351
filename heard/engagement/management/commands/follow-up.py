"""`heard follow-up`: queue the safeguarding check and theme suggestions for a project's contributions again."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from heard.core.output import emit
from heard.engagement.actions import follow_up_contributions
from heard.engagement.models import Project
from heard.partners.models import Organisation


class Command(BaseCommand):
    help = (
        "Queue the safeguarding check and theme and sentiment suggestions for every resident's contribution to a "
        "project (or one partner's): for records saved before imports queued them, or whose follow-up failed. "
        "The task worker (`heard db_worker`) does the work; `heard db_worker --batch` runs what is queued, then "
        "stops. Safe to repeat: flags already raised, and people's decisions on them, are kept; suggestions are "
        "made again, the same; people's codes are never touched."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--project", metavar="SLUG", required=True, help="The project's slug.")
        parser.add_argument("--partner", metavar="SLUG", help="Only this partner's residents' contributions.")
        parser.add_argument("--format", choices=("text", "json"), default="text", help="How to print the result.")

    def handle(self, *args: Any, **options: Any) -> None:
        project = Project.objects.filter(slug=options["project"]).first()
        if project is None:
            known = ", ".join(Project.objects.order_by("slug").values_list("slug", flat=True)[:30]) or "none yet"
            raise CommandError(f"No project with slug '{options['project']}'. Projects: {known}.", returncode=1)
        partner = None
        if options["partner"]:
            partners = Organisation.objects.filter(project_roles__project=project)
            partner = partners.filter(slug=options["partner"]).first()
            if partner is None:
                known = ", ".join(partners.order_by("slug").values_list("slug", flat=True)) or "none yet"
                raise CommandError(
                    f"'{options['partner']}' is not a partner in '{project.slug}'. Its partners: {known}.",
                    returncode=1,
                )
        count = follow_up_contributions(actor=None, project=project, partner=partner)
        if options["format"] == "json":
            row = {"project": project.slug, "partner": partner.slug if partner else None, "contributions": count}
            emit([row], fmt="json", output=None, stdout=self.stdout)
            return
        whose = f"{partner.name}'s" if partner else "all"
        self.stdout.write(
            f"Queued the safeguarding check and theme suggestions for {count:,} residents' contributions ({whose} "
            f"in {project.slug}): `heard db_worker` does them (`heard db_worker --batch` runs what is queued, then "
            "stops)."
        )
