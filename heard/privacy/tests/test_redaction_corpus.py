"""The tuning corpus (tests/data/redaction_corpus.csv) keeps its recall and its clean sentences.

The held-out and stress corpora are measured by bench/redaction.py only, so that they stay unseen while tuning.
"""

from __future__ import annotations

import csv
from pathlib import Path

from heard.lib.redaction import redact

CORPUS = Path(__file__).resolve().parents[3] / "tests" / "data" / "redaction_corpus.csv"


def test_it_catches_at_least_98_percent_of_details_and_changes_under_2_percent_of_clean_sentences() -> None:
    caught = total = clean = changed = 0
    with CORPUS.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 300
    for row in rows:
        result = redact(row["text"])
        details = [p.partition("=")[2].strip() for p in row["details"].split(";") if p.strip()]
        if not details:
            clean += 1
            changed += result.changed
        for original in details:
            total += 1
            start = row["text"].index(original)
            redacted = {i for s in result.spans for i in range(s.start, s.end)}
            caught += all(i in redacted for i in range(start, start + len(original)) if not row["text"][i].isspace())
    assert caught / total >= 0.98
    assert changed / clean < 0.02
