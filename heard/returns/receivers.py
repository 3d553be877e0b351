from __future__ import annotations

import datetime
from typing import Any

STALE_UPLOAD_DAYS = 30


def clear_stale_uploads(sender: Any, today: datetime.date, dry_run: bool, **kwargs: Any) -> str:
    """Part of `heard retention`: files checked but never imported are cleared after 30 days."""
    if dry_run:
        return ""
    from heard.returns.actions import delete_stale_uploads

    cleared = delete_stale_uploads(older_than=datetime.timedelta(days=STALE_UPLOAD_DAYS))
    return f"Cleared {cleared} uploaded returns checked but never imported (older than {STALE_UPLOAD_DAYS} days)."
