from __future__ import annotations

from django_tasks import task

from heard.lib.idruns import ids_in

# A disclosure of harm must not wait behind theme suggestions (the first of which may retrain a model for minutes):
# the worker claims higher priorities first.
SAFEGUARDING_PRIORITY = 50


@task(priority=SAFEGUARDING_PRIORITY)
def check_contributions_for_safeguarding(
    experience_ids: list[int] | None = None, runs: list[list[int]] | None = None
) -> int:
    """Raises safeguarding flags on these contributions' free text. Idempotent: returns how many flags are new.

    Takes the ids as runs of consecutive ids (`[[first, last], ...]`: 2,000 imported records are one pair, cheap
    to queue), or as a list (tasks queued before runs)."""
    from heard.privacy import actions

    return len(actions.raise_safeguarding_flags([*(experience_ids or []), *ids_in(runs or [])]))
