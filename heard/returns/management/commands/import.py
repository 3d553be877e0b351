from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from heard.returns import actions
from heard.returns.importer import ImportRefused, Plan, plan_import
from heard.returns.lookup import mapping_for_partner, project_and_partner

MAX_LISTED = 200


class Command(BaseCommand):
    help = (
        "Import a partner's return (.xlsx, .xls, .ods or .csv) into a project. Every row is checked first; any "
        "problem, or any column Heard cannot map, stops the import with nothing written (exit 1) and the problems "
        "listed on stderr. Rows already held are not added again; a revised file's additions, changes and "
        "removals are listed before they are written. --dry-run checks and lists without writing. Records added or "
        "changed get a safeguarding check and theme suggestions from the task worker (`heard db_worker`)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help="The return: .xlsx, .xls, .ods or .csv.")
        parser.add_argument("--project", metavar="SLUG", required=True, help="The project's slug.")
        parser.add_argument("--partner", metavar="SLUG", required=True, help="The partner organisation's slug.")
        parser.add_argument("--dry-run", action="store_true", help="Check and show what would change; write nothing.")
        parser.add_argument(
            "--mapping",
            metavar="NAME",
            help="A saved column mapping, for files that are not Heard templates: the partner's own of that name, "
            "else the host's shared one.",
        )
        parser.add_argument("--sheet", metavar="NAME", help="The sheet to read (default: 'Residents', else the first).")
        parser.add_argument(
            "--format", choices=("text", "json"), default="text", help="How to print the summary on stdout."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        project, partner = project_and_partner(options["project"], options["partner"])
        mapping = mapping_for_partner(partner, options["mapping"]) if options["mapping"] else None
        progress = None
        if sys.stderr.isatty():

            def progress(done: int, total: int) -> None:
                self.stderr.write(f"\r{done:,} of about {total:,} rows", ending="")

        try:
            if options["dry_run"]:
                plan = plan_import(
                    options["file"],
                    project=project,
                    partner=partner,
                    mapping=mapping,
                    sheet=options["sheet"],
                    progress=progress,
                    keep_records=False,
                )
            else:
                plan, _upload = actions.import_return(
                    options["file"],
                    project=project,
                    partner=partner,
                    actor=None,
                    mapping=mapping,
                    sheet=options["sheet"],
                    progress=progress,
                )
        except ImportRefused as error:
            raise CommandError(str(error), returncode=1) from error
        if progress is not None:
            self.stderr.write("")
        if not plan.ok:
            raise CommandError(self._problems(plan), returncode=1)
        self._changes(plan)
        summary = plan.summary() | {"dry_run": bool(options["dry_run"])}
        announced = summary["added"] + summary["changed"]
        if announced and not options["dry_run"]:
            self.stderr.write(
                f"The safeguarding check and theme suggestions for the {announced:,} records added or changed are "
                "queued: `heard db_worker` does them (`heard db_worker --batch` runs what is queued, then stops)."
            )
        if options["format"] == "json":
            self.stdout.write(json.dumps([summary], ensure_ascii=False))
        else:
            verb = "Would add" if options["dry_run"] else "Added"
            self.stdout.write(
                f"{verb} {summary['added']}, changed {summary['changed']}, removed {summary['removed']}; "
                f"{summary['unchanged']} already held; {summary['new_activities']} new activities "
                f"({plan.file_name}, {summary['rows']} rows)."
            )

    def _problems(self, plan: Plan) -> str:
        lines = [f"{plan.file_name}: nothing was imported."]
        if plan.unmapped:
            lines.append(
                "Heard cannot tell what these columns are: "
                + ", ".join(f"'{h}'" for h in plan.unmapped)
                + ". Use a Heard template (headers carry codes like [age_band]), or save a column mapping and "
                "pass --mapping NAME."
            )
        for problem in plan.problems[:MAX_LISTED]:
            lines.append(str(problem))
        if plan.problem_count > MAX_LISTED:
            lines.append(f"... and {plan.problem_count - MAX_LISTED:,} more problems.")
        return "\n".join(lines)

    def _changes(self, plan: Plan) -> None:
        for record, _pk, _experience in plan.changes[:MAX_LISTED]:
            self.stderr.write(f"Changed: row {record.row}")
        for _pk, _experience, row in plan.removals[:MAX_LISTED]:
            self.stderr.write(f"Removed: the row that was row {row} is no longer in the file")
        if plan.left_out:
            self.stderr.write("Left out on purpose by the mapping: " + ", ".join(plan.left_out))
