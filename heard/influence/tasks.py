from __future__ import annotations

from django_tasks import task


@task()
def run_clock() -> int:
    """Sends the reminders, escalations and follow-ups that are due, each once. Returns how many were sent."""
    from heard.influence import clock

    return len(clock.sweep().sent)
