"""`heard safeguarding`: a project's safeguarding flags, for the host's safeguarding leads."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from heard.core.output import add_output_arguments, emit
from heard.engagement.models import Project
from heard.privacy.access import flags_in_project_for_host
from heard.privacy.models import FlagStatus

COLUMNS = ["id", "category", "status", "raised_at", "decided_at", "record", "partner"]


class Command(BaseCommand):
    help = (
        "List a project's safeguarding flags, newest first: the flag's id, its category (self_harm, "
        "domestic_abuse, child_at_risk, abuse, neglect), its status (open, or the decision: no_action, "
        "followed_up, referred), when it was raised and decided, the record and the partner. Never what the "
        "resident said: open the flag in Heard to read it (that is recorded). For the host: every partner's "
        "flags, as the host's safeguarding leads see them."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--project", metavar="SLUG", required=True, help="The project's slug.")
        parser.add_argument(
            "--status",
            choices=("all", "open", "decided"),
            default="all",
            help="Only open flags, or only those a lead has decided (default: all).",
        )
        add_output_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        project = Project.objects.filter(slug=options["project"]).first()
        if project is None:
            known = ", ".join(Project.objects.order_by("slug").values_list("slug", flat=True)[:30]) or "none yet"
            raise CommandError(f"No project with slug '{options['project']}'. Projects: {known}.", returncode=1)
        flags = flags_in_project_for_host(project)
        if options["status"] == "open":
            flags = flags.filter(status=FlagStatus.OPEN)
        elif options["status"] == "decided":
            flags = flags.exclude(status=FlagStatus.OPEN)
        rows = [
            {
                "id": flag.pk,
                "category": flag.kind,
                "status": flag.status,
                "raised_at": flag.raised_at,
                "decided_at": flag.decided_at,
                "record": flag.experience.reference,
                "partner": flag.experience.partner.slug,
            }
            for flag in flags.order_by("-raised_at", "-pk")
        ]
        emit(rows, fmt=options["format"], output=options["output"], stdout=self.stdout, columns=COLUMNS)
