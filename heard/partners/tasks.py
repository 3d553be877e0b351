"""Background work for the partner register (run by `heard db_worker`)."""

from __future__ import annotations

from django_tasks import task

from heard.partners import actions


@task()
def send_policy_reminders() -> int:
    """The policy reminder sweep, queued (e.g. daily): each reminder is sent once however often it runs."""
    return len(actions.send_policy_reminders())
