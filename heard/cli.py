"""The `heard` console script: Django's manage.py under Heard's own name."""

from __future__ import annotations

import os
import sys
from importlib import import_module

# Commands that only read and write files run without setting up Django's apps: importing every app's models
# is about half a second, a large part of a short `heard classify`. Such a command must not touch the database,
# the app registry or a model (heard/analysis/tests/test_classify_starts_without_the_apps.py holds it to that).
WITHOUT_APPS = {"classify": "heard.analysis.management.commands.classify"}


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heard.settings")
    args = list(sys.argv if argv is None else argv)
    args[0] = "heard"
    if len(args) > 1 and args[1] in WITHOUT_APPS:
        import_module(WITHOUT_APPS[args[1]]).Command().run_from_argv(args)
        return
    from django.core.management import execute_from_command_line

    execute_from_command_line(args)


if __name__ == "__main__":
    main()
