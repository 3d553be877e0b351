from __future__ import annotations

import datetime
from typing import Any

STALE_UPLOAD_DAYS = 30
STOPPED = "nothing is working on it any more (its task failed, or the worker or web process running it stopped)."


def clear_stale_uploads(sender: Any, today: datetime.date, dry_run: bool, **kwargs: Any) -> str:
    """Part of `heard retention`: files checked but never imported are cleared after 30 days."""
    if dry_run:
        return ""
    from heard.returns.actions import delete_stale_uploads

    cleared = delete_stale_uploads(older_than=datetime.timedelta(days=STALE_UPLOAD_DAYS))
    return f"Cleared {cleared} uploaded returns checked but never imported (older than {STALE_UPLOAD_DAYS} days)."


def fail_stuck_uploads(sender: Any, now: datetime.datetime, **kwargs: Any) -> str:
    """Part of the task worker's sweep: uploads left "checking" or "importing" by lost work become "failed, try
    again"."""
    from heard.returns.actions import mark_failed
    from heard.returns.stuck import stuck_uploads

    failed = [upload.file_name for upload in stuck_uploads(now) if mark_failed(upload_id=upload.pk, reason=STOPPED)]
    return f"{len(failed)} upload(s) marked failed: {', '.join(failed)}" if failed else ""
