from __future__ import annotations

from django_tasks import task

from heard.privacy import actions


@task()
def check_contributions_for_safeguarding(experience_ids: list[int]) -> int:
    """Raises safeguarding flags on these contributions' free text. Idempotent: returns how many flags are new."""
    return len(actions.raise_safeguarding_flags(experience_ids))
