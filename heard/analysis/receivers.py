from __future__ import annotations

from typing import Any

from heard.lib.idruns import runs_of


def suggest_for_new_contributions(sender: Any, experience_ids: list[int], **kwargs: Any) -> None:
    """Queues theme and sentiment suggestions for contributions that were just saved."""
    from heard.analysis.tasks import suggest_themes_task

    suggest_themes_task.enqueue(runs=runs_of(experience_ids))
