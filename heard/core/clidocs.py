"""Generates docs/cli.md from the `--help` of Heard's own commands, so the docs cannot drift from the code.

Run `uv run python -m heard.core.clidocs` after changing a command; a test fails when the file is stale.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path

DJANGO_OPTIONS = {
    "version",
    "verbosity",
    "settings",
    "pythonpath",
    "traceback",
    "no_color",
    "force_color",
    "skip_checks",
}
DOC = Path(__file__).resolve().parents[2] / "docs" / "cli.md"

INTRO = """# The command line

Every command is `uv run heard <command>` and uses the same database as the web app (SQLite under `var/` unless
`DATABASE_URL` is set). Conventions, the same for every command:

- stdout carries only the result; progress, notices and warnings go to stderr;
- `--format json` prints a top-level JSON list of objects with snake_case keys, ISO 8601 dates and money as
  decimal strings; `--format csv` has one header row; `--output PATH` writes (and overwrites) a file instead;
- exit code 0 on success, 1 when the input or data is wrong (with the reasons on stderr, naming the file, sheet,
  row and column), 2 for wrong usage;
- no command prompts for input; background work a command starts runs to completion in-process, except the
  follow-up on residents' words that `heard import` and `heard follow-up` queue (safeguarding check, theme
  suggestions): the task worker does it (`heard db_worker`; `heard db_worker --batch` runs what is queued, then
  stops).

Django's own commands (`migrate`, `createsuperuser`, `db_worker`, ...) work too: `uv run heard help`.

This page is generated from each command's `--help` by `uv run python -m heard.core.clidocs`.
"""


def heard_commands() -> dict[str, str]:
    """Command name -> app, for the commands Heard itself defines."""
    from django.core.management import get_commands

    return {name: app for name, app in get_commands().items() if isinstance(app, str) and app.startswith("heard.")}


def render() -> str:
    from django.core.management import load_command_class

    os.environ["COLUMNS"] = "100"  # the same wrapping wherever it runs
    parts = [INTRO]
    for name, app in sorted(heard_commands().items()):
        command = load_command_class(app, name)
        parser = command.create_parser("heard", name)
        parser.prog = f"heard {name}"
        for action in parser._actions:
            if action.dest in DJANGO_OPTIONS:
                action.help = argparse.SUPPRESS
        buffer = io.StringIO()
        parser.print_help(buffer)
        text = buffer.getvalue().rstrip()
        parts.append(f"## `heard {name}`\n\n_{app}_\n\n```text\n{text}\n```\n")
    return "\n".join(parts)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heard.settings")
    os.environ.setdefault("COLUMNS", "100")
    import django

    django.setup()
    DOC.write_text(render(), encoding="utf-8")
    sys.stderr.write(f"Wrote {DOC}\n")


if __name__ == "__main__":
    main()
