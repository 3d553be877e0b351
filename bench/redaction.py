"""How well `heard.lib.redaction.redact` finds personal details, and how fast.

    uv run python bench/redaction.py [--misses] [--fft-sample N]

Prints, for the tuning corpus (tests/data/redaction_corpus.csv) and the held-out corpus
(tests/data/redaction_corpus_holdout.csv, written before tuning and not looked at while tuning), and the stress
corpus (tests/data/redaction_corpus_stress.csv: harder forms written after the first rules, to break them), and
the fresh corpus (tests/data/redaction_corpus_fresh.csv: written after tuning, never tuned on), the unseen corpus
(tests/data/redaction_corpus_unseen.csv: names without cues and dates of birth in every form, written 30 Nov
before its first run, then tuned on) and the blind corpus (tests/data/redaction_corpus_blind.csv: written after
that tuning; its first run is in docs/performance.md):
- recall of personal details, per kind and overall: a detail counts as caught when all its characters are
  inside redacted spans (of any kind);
- the share of sentences without personal details that were changed;
then sentences per second (against a baseline measured in the same run: one regular expression that replaces
e-mail addresses only), and, when ../shared is present, how many of the 4,426 real FFT comments get changed,
with a sample.
`--misses` lists the misses and false alarms of the tuning and stress corpora (never those of the held-out,
fresh or blind corpora); `--misses-unseen` those of the unseen corpus.
"""

from __future__ import annotations

import argparse
import collections
import csv
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from heard.lib.redaction import Redaction, redact  # noqa: E402
from heard.lib.redaction.patterns import EMAIL  # noqa: E402

TUNING = ROOT / "tests" / "data" / "redaction_corpus.csv"
HOLDOUT = ROOT / "tests" / "data" / "redaction_corpus_holdout.csv"
STRESS = ROOT / "tests" / "data" / "redaction_corpus_stress.csv"
FRESH = ROOT / "tests" / "data" / "redaction_corpus_fresh.csv"
UNSEEN = ROOT / "tests" / "data" / "redaction_corpus_unseen.csv"
BLIND = ROOT / "tests" / "data" / "redaction_corpus_blind.csv"
FFT = ROOT.parent / "shared" / "data" / "feedback" / "fft_v7_train.csv"


def load(path: Path) -> list[tuple[str, list[tuple[str, str]]]]:
    """Rows of (text, [(kind, original), ...]); the details column is 'kind=original; kind=original'."""
    rows = []
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            details = []
            for part in filter(None, (p.strip() for p in row["details"].split(";"))):
                kind, _, original = part.partition("=")
                details.append((kind.strip(), original.strip()))
            rows.append((row["text"], details))
    return rows


def locate(text: str, details: list[tuple[str, str]]) -> list[tuple[str, int, int]]:
    found = []
    search_from: dict[str, int] = collections.defaultdict(int)
    for kind, original in details:
        start = text.find(original, search_from[original])
        if start < 0:
            raise SystemExit(f"Corpus error: {original!r} is not in {text!r}")
        search_from[original] = start + len(original)
        found.append((kind, start, start + len(original)))
    return found


def covered(redaction: Redaction, start: int, end: int) -> bool:
    chars = set(range(start, end)) - {i for i in range(start, end) if redaction.original[i].isspace()}
    for span in redaction.spans:
        chars -= set(range(span.start, span.end))
    return not chars


def evaluate(name: str, rows: list[tuple[str, list[tuple[str, str]]]], show: bool) -> None:
    caught: collections.Counter[str] = collections.Counter()
    total: collections.Counter[str] = collections.Counter()
    clean = changed = 0
    for text, details in rows:
        result = redact(text)
        if not details:
            clean += 1
            if result.changed:
                changed += 1
                if show:
                    print(f"  FALSE ALARM: {result.text}")
            continue
        for kind, start, end in locate(text, details):
            total[kind] += 1
            if covered(result, start, end):
                caught[kind] += 1
            elif show:
                print(f"  MISSED {kind}: {text[start:end]!r} in {result.text}")
    print(f"\n{name}: {len(rows)} sentences, {sum(total.values())} personal details, {clean} sentences without")
    for kind in sorted(total):
        print(f"  recall {kind:<14} {caught[kind]:>4}/{total[kind]:<4} {caught[kind] / total[kind]:7.1%}")
    overall = sum(caught.values()) / max(1, sum(total.values()))
    print(f"  recall overall        {sum(caught.values()):>4}/{sum(total.values()):<4} {overall:7.1%}")
    print(f"  clean sentences changed {changed:>3}/{clean:<4} {changed / max(1, clean):7.1%}")


def throughput(sentences: list[str]) -> None:
    batch = sentences * max(1, 20_000 // len(sentences))
    redact(batch[0])  # load the word lists outside the timing
    t0 = time.perf_counter()
    for s in batch:
        EMAIL.sub("[email]", s)
    baseline = time.perf_counter() - t0
    t0 = time.perf_counter()
    for s in batch:
        redact(s)
    elapsed = time.perf_counter() - t0
    print(
        f"\nspeed: {len(batch) / elapsed:,.0f} sentences/s over {len(batch):,} sentences "
        f"(baseline: one regular expression, e-mail only, {len(batch) / baseline:,.0f}/s; "
        f"redact takes {elapsed / baseline:,.0f}x as long)"
    )


def fft(sample: int) -> None:
    if not FFT.exists():
        print(f"\nFFT comments: {FFT} is missing (../shared is only on developer and CI machines); skipped.")
        return
    with FFT.open(encoding="utf-8") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)]
    t0 = time.perf_counter()
    results = [redact(t) for t in texts]
    elapsed = time.perf_counter() - t0
    changed = [r for r in results if r.changed]
    kinds = collections.Counter(s.kind.value for r in changed for s in r.spans)
    print(
        f"\nFFT comments ({FFT.name}): {len(changed)}/{len(texts)} changed ({len(changed) / len(texts):.1%}),"
        f" spans by kind {dict(kinds)}, {len(texts) / elapsed:,.0f} comments/s"
    )
    for r in random.Random(6).sample(changed, min(sample, len(changed))):
        print("  - " + ", ".join(f"{s.kind.value}: {s.original!r}" for s in r.spans))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--misses", action="store_true", help="List misses and false alarms (not for held-out).")
    parser.add_argument(
        "--misses-unseen", action="store_true", help="Also list the unseen corpus's misses (only after its first run)."
    )
    parser.add_argument("--fft-sample", type=int, default=40, metavar="N", help="Changed FFT comments to show.")
    args = parser.parse_args()
    tuning, holdout = load(TUNING), load(HOLDOUT)
    evaluate("tuning corpus", tuning, args.misses)
    evaluate("held-out corpus", holdout, False)
    evaluate("stress corpus", load(STRESS), args.misses)
    evaluate("fresh corpus", load(FRESH), False)
    evaluate("unseen corpus", load(UNSEEN), args.misses_unseen)
    evaluate("blind corpus", load(BLIND), False)
    throughput([t for t, _ in tuning + holdout])
    fft(args.fft_sample)


if __name__ == "__main__":
    main()
