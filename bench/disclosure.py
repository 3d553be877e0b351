"""What subtraction gives away: the protected counts a steering-group member sees on the demo, checked cell by cell.

    uv run heard demo --no-serve && uv run python bench/disclosure.py

Signs in as the demo's steering-group member (Django's test client, no server), opens the themes table for every
"group by" and the project dashboard, reads each figure as a reader would (heard/lib/disclosure_audit.py) and
solves, for every hidden cell, the least and greatest value it can take given everything shown (a linear
programme per cell). A hidden cell whose least and greatest values agree is worked out exactly.
"""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heard.settings")

import django

django.setup()

from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from heard.accounts.models import User  # noqa: E402
from heard.analysis.views import DIMENSIONS  # noqa: E402
from heard.demo.builder import PROJECT_SLUG  # noqa: E402
from heard.lib import disclosure_audit  # noqa: E402

DASHBOARD_TABLES = ["Residents heard by community", "Residents heard by partner", "Residents heard by method"]


def main() -> None:
    setup_test_environment()
    client = Client()
    steering = User.objects.filter(username="steering").first()
    if steering is None:
        sys.exit("No demo here: run `uv run heard demo --no-serve` first.")
    client.force_login(steering)
    started = time.perf_counter()
    hidden_total = recovered_total = subtracted_total = 0
    print(f"{'page':<32} {'hidden':>7} {'by one subtraction':>19} {'worked out (LP)':>16}")
    for by in DIMENSIONS:
        page = client.get(f"/analysis/projects/{PROJECT_SLUG}/themes/?by={by}", HTTP_HOST="localhost")
        audit = disclosure_audit.theme_table(page.content.decode())
        found = audit.recoverable()
        subtracted = audit.by_one_subtraction()
        hidden_total += len(audit.hidden)
        recovered_total += len(found)
        subtracted_total += len(subtracted)
        print(f"{'themes by ' + by:<32} {len(audit.hidden):>7} {len(subtracted):>19} {len(found):>16}")
    page = client.get(f"/projects/{PROJECT_SLUG}/", HTTP_HOST="localhost").content.decode()
    headline = re.search(r'heard-stat__number">([^<]*)</span><span class="heard-stat__label">residents heard', page)
    audit = disclosure_audit.breakdowns(page, headline.group(1) if headline else "0", DASHBOARD_TABLES)
    found = audit.recoverable()
    subtracted = audit.by_one_subtraction()
    print(f"{'project dashboard':<32} {len(audit.hidden):>7} {len(subtracted):>19} {len(found):>16}")
    hidden_total += len(audit.hidden)
    recovered_total += len(found)
    subtracted_total += len(subtracted)
    print(f"{'all':<32} {hidden_total:>7} {subtracted_total:>19} {recovered_total:>16}")
    print(f"({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
