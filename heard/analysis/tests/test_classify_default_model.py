"""The default model trains from the data Heard ships, caches itself, and codes plain comments sensibly.

Slow (it trains on all 4,426 shipped comments once, unless var/ already holds the cached model).
"""

from __future__ import annotations

import csv

import pytest
from django.conf import settings
from django.core.management import call_command

from heard.analysis.tests.classify_support import write_csv
from heard.lib.classify import load_default_model, national_themes
from heard.lib.classify.default import cache_key


@pytest.mark.slow
def test_it_codes_comments_with_the_default_model_and_caches_it(tmp_path) -> None:
    source = write_csv(
        tmp_path / "in.csv",
        ["comment_id", "text"],
        [
            ("1", "Waited six hours for the ambulance to arrive"),
            ("2", "Rude staff, dirty ward, nobody cared, awful"),
            ("3", "Brilliant, thank you all so much"),
            ("4", ""),
        ],
    )
    out = tmp_path / "out.csv"
    call_command("classify", "--input", str(source), "--output", str(out))
    with out.open(encoding="utf-8", newline="") as handle:
        rows = {row["comment_id"]: row for row in csv.DictReader(handle)}
    assert rows["1"]["Timeliness of care"] == "1"
    assert rows["2"]["Staff manner & personal attributes"] == "1"
    assert rows["2"]["sentiment"] in {"4", "5"}
    assert rows["3"]["Positive experience & gratitude"] == "1"
    assert rows["3"]["sentiment"] in {"1", "2"}
    assert rows["4"]["Labelling not possible"] == "1"
    cache = settings.VAR_DIR / "classify" / f"default-model-{cache_key()}.pickle"
    assert cache.exists()
    assert load_default_model(cache.parent).themes[:32] == national_themes()
