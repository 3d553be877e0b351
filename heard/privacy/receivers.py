from __future__ import annotations

from typing import Any


def check_for_safeguarding(sender: Any, experience_ids: list[int], **kwargs: Any) -> None:
    """Queues the safeguarding check for contributions that were just saved."""
    from heard.privacy.tasks import check_contributions_for_safeguarding

    check_contributions_for_safeguarding.enqueue(experience_ids=list(experience_ids))
