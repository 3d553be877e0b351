"""The tuning corpora (tests/data/redaction_corpus.csv, and redaction_corpus_unseen.csv once it was tuned on)
keep their recall and their clean sentences.

The held-out, stress, fresh and blind corpora are measured by bench/redaction.py only, so that they stay unseen
while tuning.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from heard.lib.redaction import redact

DATA = Path(__file__).resolve().parents[3] / "tests" / "data"


@pytest.mark.parametrize(("name", "size"), [("redaction_corpus.csv", 300), ("redaction_corpus_unseen.csv", 110)])
def test_it_catches_at_least_98_percent_of_details_and_changes_under_2_percent_of_clean_sentences(
    name: str, size: int
) -> None:
    caught = total = clean = changed = 0
    with (DATA / name).open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= size
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
