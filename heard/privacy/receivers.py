from __future__ import annotations

from typing import Any

from heard.lib.idruns import runs_of


def check_for_safeguarding(sender: Any, experience_ids: list[int], **kwargs: Any) -> None:
    """Queues the safeguarding check for contributions that were just saved."""
    from heard.privacy.tasks import check_contributions_for_safeguarding

    check_contributions_for_safeguarding.enqueue(runs=runs_of(experience_ids))
