"""The one signal privacy sends: the daily retention job ran.

Apps that keep files or copies of residents' data (partner returns' uploaded files) connect to it in their
AppConfig.ready() and clear what is past its time, so `heard retention` covers them without privacy importing
them. Receivers return a line for the job's report.
"""

from __future__ import annotations

from django.dispatch import Signal

# Sent with `today: datetime.date` and `dry_run: bool`.
retention_ran = Signal()
