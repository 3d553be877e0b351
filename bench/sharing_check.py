"""How long the re-identification check (`heard.lib.kanon.generalise`) takes on exports for sharing of growing
size, with the sharing export's twelve quasi-identifiers, on synthetic records (no database).

    uv run python bench/sharing_check.py [--sizes 1000 10000 100000]

Records are drawn at random with the demo partnership's mix (8 partners, 10 communities, Census categories,
3 local authorities and 30 wards), so nearly every raw record is unique, as in the demo. Prints, per size: the
time, the share unique and under k before, what was generalised, how many were withheld and the smallest group.
The demo's own figures come from `heard export --for-sharing` (see docs/performance.md).
"""

from __future__ import annotations

import argparse
import datetime
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from heard.lib import census  # noqa: E402
from heard.lib.kanon import generalise  # noqa: E402


def _records(n: int, seed: int = 2026) -> list[dict[str, object]]:
    rng = random.Random(seed)

    def codes(choices: census.Choices) -> list[str]:
        return [c for c, _ in choices] + ["", census.PREFER_NOT_TO_SAY]

    partners = [f"Partner {i}" for i in range(8)]
    wards = [(f"E0500{i:04d}", f"E0900001{i % 3}") for i in range(30)]
    records = []
    for _ in range(n):
        partner = rng.randrange(8)
        ward, lad = rng.choice(wards)
        records.append(
            {
                "partner": partners[partner],
                "community": f"Community {partner + rng.choice([0, 0, 0, 1, 2]) % 10}",
                "activity": (f"Activity {rng.randrange(40)}", rng.choice(["survey", "focus_group", "interview"])),
                "collected_on": datetime.date(2026, 1, 1) + datetime.timedelta(days=rng.randrange(180)),
                "age_band": rng.choice(codes(census.AGE_BANDS)),
                "sex": rng.choice(codes(census.SEXES)),
                "gender_identity": rng.choice(["same_as_sex"] * 12 + codes(census.GENDER_IDENTITIES)),
                "ethnic_group": rng.choice(codes(census.ETHNIC_GROUPS_19)),
                "disability": rng.choice(codes(census.DISABILITY)),
                "main_language": rng.choice(["en", "so", "tr", "bn", "ar", "ku", "ti", "bfi", ""]),
                "english_proficiency": rng.choice(codes(census.ENGLISH_PROFICIENCY)),
                "place": (f"N{rng.randrange(20)}", ward, lad),
            }
        )
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    args = parser.parse_args()
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heard.settings")
    django.setup()  # the hierarchies use Method labels from engagement's models
    from heard.returns.reidentification import quasi_identifiers

    for n in args.sizes:
        records = _records(n)
        qis = quasi_identifiers(records)
        start = time.perf_counter()
        result = generalise(records, [q.hierarchy for q in qis], k=5, floors=[{"place": 1}] * n)
        took = time.perf_counter() - start
        kept = [f"{q.hierarchy.name}={result.levels[q.hierarchy.name]}" for q in qis]
        print(
            f"{n:>7,} records: {took:6.2f} s; before {result.before.unique_share:.0%} unique, "
            f"{result.before.under_k_share:.0%} under k; withheld {len(result.withheld):,}; "
            f"smallest group {result.after.smallest}; levels {' '.join(kept)}"
        )


if __name__ == "__main__":
    main()
