from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db.models import Count

from heard.core.output import add_output_arguments, emit
from heard.engagement.models import Project


class Command(BaseCommand):
    help = "List projects: slug, name, status, dates and how many residents were heard."

    def add_arguments(self, parser: CommandParser) -> None:
        add_output_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        projects = Project.objects.annotate(
            residents_heard=Count("experiences", distinct=True), partners=Count("project_partners", distinct=True)
        ).order_by("slug")
        rows = [
            {
                "slug": p.slug,
                "name": p.name,
                "status": p.status,
                "starts_on": p.starts_on,
                "ends_on": p.ends_on,
                "partners": p.partners,  # type: ignore[attr-defined]
                "residents_heard": p.residents_heard,  # type: ignore[attr-defined]
            }
            for p in projects
        ]
        columns = ["slug", "name", "status", "starts_on", "ends_on", "partners", "residents_heard"]
        emit(rows, fmt=options["format"], output=options["output"], stdout=self.stdout, columns=columns)
