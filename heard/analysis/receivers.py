from __future__ import annotations

from typing import Any

from heard.lib.idruns import runs_of


def suggest_for_new_contributions(sender: Any, experience_ids: list[int], **kwargs: Any) -> None:
    """Queues theme and sentiment suggestions for contributions that were just saved."""
    from heard.analysis.tasks import suggest_themes_task

    suggest_themes_task.enqueue(runs=runs_of(experience_ids))


def drop_summary_triggers_on_sqlite(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """Before migrating SQLite: its triggers name the record and answer tables, and SQLite refuses to rebuild a
    table (how Django alters a column there) while a trigger names it; they come back after (below)."""
    from django.db import connections

    from heard.analysis import summary

    if connections[using].vendor == "sqlite":
        summary.remove_triggers(connections[using])


def install_summary_triggers(sender: Any, using: str = "default", plan: Any = None, **kwargs: Any) -> None:
    """After every migrate (and flush): the triggers that keep the theme summary fresh. On SQLite, where they
    were dropped while migrating, the summary is rebuilt when migrations ran (a SQLite database is one
    partnership's: seconds)."""
    from django.db import connections

    from heard.analysis import summary

    connection = connections[using]
    if summary.TABLE not in connection.introspection.table_names():
        return
    summary.install_triggers(connection)
    if connection.vendor == "sqlite" and plan:
        summary.rebuild_all(connection)
