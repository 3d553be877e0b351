from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from heard.engagement.models import Project
from heard.lib.documents.model import Document
from heard.reporting import actions, render
from heard.reporting.evidence import public_audience
from heard.reporting.models import Report


class Command(BaseCommand):
    help = (
        "Write a project's report to a file: the current draft (as anyone outside the host would read it: counts "
        "protected, only words partners' agreements let the host share, no provenance), or with --published the "
        "latest published version exactly as it was published."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--project", metavar="SLUG", required=True, help="The project whose report to write.")
        parser.add_argument(
            "--format",
            choices=["html", "pdf", "docx", "easy-read", "plain"],
            default="html",
            help="html (one self-contained file), pdf, docx (Word), easy-read (Easy Read PDF) or plain (the "
            "summary in plain words, PDF). Default: html.",
        )
        parser.add_argument("--output", metavar="PATH", required=True, help="The file to write.")
        parser.add_argument(
            "--published", action="store_true", help="The latest published version instead of the draft."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        slug = options["project"]
        project = Project.objects.filter(slug=slug).first()
        if project is None:
            known = ", ".join(Project.objects.values_list("slug", flat=True)) or "none yet"
            raise CommandError(f"No project with slug '{slug}'. Projects: {known}.", returncode=1)
        report = Report.objects.filter(project=project).first()
        if report is None:
            raise CommandError(
                f"Project '{slug}' has no report yet: start it on the Report page (/report/?project={slug}).",
                returncode=1,
            )
        fmt = options["format"]
        if options["published"]:
            published = report.latest_published
            if published is None:
                raise CommandError(
                    f"The report of '{slug}' has not been published yet: leave out --published for the draft.",
                    returncode=1,
                )
            name = render.FORMATS[fmt][0]
            docs: dict[str, Document] = {name: render.published_document(published, name)}
            what = f"published version {published.number}"
        else:
            docs = render.documents_for(report, public_audience(project))
            what = "draft"
        content = render.output(docs, fmt, slug)
        path = Path(options["output"])
        try:
            path.write_bytes(content.content)
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error.strerror}.", returncode=1) from None
        actions.note_export(actor=None, report=report, what=f"{what} as {fmt}", path=str(path))
        self.stdout.write(f"Wrote the {what} of “{report.title}” as {fmt} to {path} ({len(content.content):,} bytes).")
