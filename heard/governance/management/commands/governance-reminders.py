from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from heard.governance import actions, pulse_actions
from heard.governance.models import PulseRound


class Command(BaseCommand):
    help = (
        "The steering group's reminders, for a daily job: emails host staff once about each review that has come "
        "due (the charter, the theory of change, the governance structure; running it again sends nothing more "
        "until the next review date), and emails each member who has not answered an open temperature check "
        "that closes within --days days (once a day at most; nobody learns who else has answered)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=3, help="Remind about rounds closing within this many days.")

    def handle(self, *args: Any, **options: Any) -> None:
        today = datetime.date.today()
        due = actions.remind_reviews(today=today)
        self.stdout.write(f"Reviews due: {len(due)} reminder(s) sent.\n")
        closing = PulseRound.objects.filter(
            closed=False, opens_on__lte=today, closes_on__lte=today + datetime.timedelta(days=options["days"])
        )
        for pulse_round in closing:
            n = pulse_actions.remind_round(actor=None, pulse_round=pulse_round, today=today)
            self.stdout.write(f"{pulse_round.title}: reminded {n} member(s).\n")
