"""Influence's part in the task worker's sweep: the response clock, at most once an hour per worker."""

from __future__ import annotations

import datetime
import time
from typing import Any

CLOCK_EVERY = 3600.0
_last_run: list[float] = []


def run_clock(sender: Any, now: datetime.datetime, **kwargs: Any) -> str:
    if _last_run and time.monotonic() - _last_run[0] < CLOCK_EVERY:
        return ""
    _last_run[:] = [time.monotonic()]
    from heard.influence import clock

    result = clock.sweep(now.date())
    return f"{len(result.sent)} reminder(s), escalation(s) or follow-up(s) sent" if result.sent else ""
