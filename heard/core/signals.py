"""The one signal core sends: a task worker swept up after lost work.

`heard db_worker` looks for tasks left "running" by a worker that stopped mid-way (killed, restarted, out of
memory) when it starts and every minute after (`heard.core.sweep`). Apps whose records say "working on it" while
a task runs (partner returns' uploads) connect to this signal in their AppConfig.ready() and mend the records
that no task is working on any more, so core never imports them. Receivers return a line for the worker's log
(or "" when there was nothing to mend).
"""

from __future__ import annotations

from django.dispatch import Signal

# Sent with `now: datetime.datetime`, after lost tasks were run again or failed.
tasks_swept = Signal()
