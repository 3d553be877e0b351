from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from heard.engagement.scope import command_scope
from heard.lib import census
from heard.partners.models import Organisation
from heard.returns import actions
from heard.returns.exporting import ExportError, csv_chunks, export_columns, export_rows, json_chunks, write_export
from heard.returns.lookup import project_by_slug


class Command(BaseCommand):
    help = (
        "Export a project's residents' records: one row per contribution, one column per question (multiple "
        "choice as one 0/1 column per option), labels in --language. Cells starting with =, +, -, @ are "
        "neutralised. Streams, so size is no limit."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--project", metavar="SLUG", required=True, help="The project's slug.")
        parser.add_argument("--format", choices=("xlsx", "csv", "json"), default="csv", help="File format.")
        parser.add_argument("--output", metavar="PATH", help="Write to this file (required for xlsx).")
        parser.add_argument("--partner", metavar="SLUG", help="Only this partner's records.")
        parser.add_argument(
            "--for-sharing",
            action="store_true",
            help="For anyone outside the host: only what each partner's data-sharing agreement allows, free text "
            "only with consent to quote, no safeguarding flag holding it back, and redacted, no provenance; details "
            "anyone could know are generalised until every combination holds at least k residents (5 or the "
            "agreement's figure), the rest withheld. What was checked, generalised and withheld goes to stderr (and "
            "a Notes sheet in .xlsx).",
        )
        parser.add_argument(
            "--language",
            metavar="CODE",
            default="",
            help="Language code for question texts and choice labels (default: English).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        project = project_by_slug(options["project"])
        language = options["language"]
        if language and language not in dict(census.LANGUAGES):
            raise CommandError(f"'{language}' is not a language code Heard knows.", returncode=2)
        partner = None
        if options["partner"]:
            partner = Organisation.objects.filter(slug=options["partner"], project_roles__project=project).first()
            if partner is None:
                raise CommandError(f"'{options['partner']}' is not a partner in '{project.slug}'.", returncode=1)
        experiences = command_scope(project, partner_id=partner.pk if partner else None).experiences
        if options["for_sharing"]:
            from django.utils import timezone

            from heard.returns.sharing import sharing_export

            shared = sharing_export(project, today=timezone.localdate(), language=language, partner=partner)
            columns, rows, notes = shared.columns, shared.rows, shared.notes
            summary = f"Exported {shared.count} records for sharing outside the host as {options['format']}"
        else:
            notes = []
            summary = f"Exported {experiences.count()} records as {options['format']}"
            columns = export_columns(project, language)
            rows = export_rows(experiences, columns)
        fmt, output = options["format"], options["output"]
        if fmt == "xlsx" and not output:
            raise CommandError("An .xlsx export needs --output FILE.xlsx.", returncode=2)
        try:
            if output:
                write_export(fmt, columns, rows, output, notes=notes)
            else:
                chunks = csv_chunks(columns, rows) if fmt == "csv" else json_chunks(columns, rows)
                for chunk in chunks:
                    sys.stdout.write(chunk)
        except ExportError as error:
            raise CommandError(str(error), returncode=1) from error
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}", returncode=1) from error
        actions.note_export(
            actor=None,
            project=project,
            organisation=partner,
            summary=summary,
        )
        for line in notes:
            self.stderr.write(line)
        if output:
            self.stderr.write(f"Wrote {output}.")
