"""Theme coding: Heard's classifier against the national peer recipe (pxtextmining's TF-IDF + SVC), in one run.

    uv run python bench/classify.py            # 5-fold x 2 repeats, plus the 25,000-comment timing
    uv run python bench/classify.py --quick    # 3 folds x 1 repeat, 5,000 comments timed

Quality: repeated multi-label stratified cross-validation (iterative stratification) over
../shared/data/feedback/fft_v7_train.csv; every figure is on comments the model did not train on. Framework
examples whose text is also a test comment are left out of Heard's training in that fold.

Peer recipe, from its published hyper-parameters: lower-case, strip digits and punctuation; TfidfVectorizer()
defaults; one SVC(C=15, class_weight='balanced', max_iter=1000, probability=True) per theme; threshold 0.5, and
the most probable theme when none passes. Its sentiment: the same recipe as one 5-class SVC.

Speed: the whole `uv run heard classify` command (start-up included, model cached by a first run) on N comments
(the data repeated), against the peer's prediction alone (vectorise + predict_proba) on the same N comments.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import f1_score, hamming_loss
from sklearn.svm import SVC

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from heard.lib.classify.data import read_labelled_csv  # noqa: E402
from heard.lib.classify.default import _key, default_training_set  # noqa: E402
from heard.lib.classify.model import LABELLING_NOT_POSSIBLE, _label_matrix, train  # noqa: E402
from heard.lib.classify.stratify import iterative_stratified_folds  # noqa: E402

SHARED = ROOT.parent / "shared" / "data" / "feedback" / "fft_v7_train.csv"
GROUP = {1: 0, 2: 0, 3: 1, 4: 2, 5: 2}


def peer_clean(text: str) -> str:
    return re.sub(r"[^\w\s]|[\d_]", " ", text.lower())


def peer_svc() -> SVC:
    return SVC(C=15, class_weight="balanced", max_iter=1000, probability=True)


class Peer:
    def fit(self, texts: list[str], y: np.ndarray, sentiments: list[int | None]) -> Peer:
        self.vectoriser = TfidfVectorizer()
        x = self.vectoriser.fit_transform([peer_clean(t) for t in texts])
        self.models: list[SVC | None] = []
        for column in range(y.shape[1]):
            target = y[:, column]
            if target.sum() < 2 or target.all():  # libsvm cannot calibrate on fewer than two examples
                self.models.append(None)
                continue
            self.models.append(peer_svc().fit(x, target))
        scored = [i for i, s in enumerate(sentiments) if s is not None]
        self.sentiment = peer_svc().fit(x[scored], [sentiments[i] for i in scored])
        return self

    def predict(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        x = self.vectoriser.transform([peer_clean(t) for t in texts])
        probabilities = np.zeros((len(texts), len(self.models)))
        for column, model in enumerate(self.models):
            if model is not None:
                probabilities[:, column] = model.predict_proba(x)[:, 1]
        assigned = probabilities >= 0.5
        none = ~assigned.any(axis=1)
        assigned[np.flatnonzero(none), probabilities[none].argmax(axis=1)] = True
        return assigned.astype(np.uint8), self.sentiment.predict(x)


def scores(
    y: np.ndarray, p: np.ndarray, true_sent: list[int | None], pred_sent: np.ndarray, themes: list[str]
) -> dict[str, object]:
    present = [j for j, t in enumerate(themes) if t != LABELLING_NOT_POSSIBLE and y[:, j].any()]
    scored = [i for i, s in enumerate(true_sent) if s is not None]
    return {
        "macro_f1": f1_score(y[:, present], p[:, present], average="macro", zero_division=0),
        "micro_f1": f1_score(y, p, average="micro", zero_division=0),
        "hamming": hamming_loss(y, p),
        "per_theme": f1_score(y, p, average=None, zero_division=0),
        "sentiment_f1": f1_score(
            [GROUP[true_sent[i]] for i in scored],  # type: ignore[index]
            [GROUP.get(int(pred_sent[i]), 1) for i in scored],
            average="macro",
        ),
    }


def write_comments(path: Path, texts: list[str], n: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["comment_id", "text"])
        for i in range(n):
            writer.writerow([f"c{i}", texts[i % len(texts)]])


def time_command(
    args: argparse.Namespace, texts: list[str], y: np.ndarray, sentiments: list[int | None], *, with_peer: bool
) -> None:
    """The whole `uv run heard classify` on N comments, start-up included, against the peer's prediction alone."""
    with tempfile.TemporaryDirectory() as folder:
        source, out = Path(folder) / "comments.csv", Path(folder) / "out.csv"
        write_comments(source, texts, args.rows)
        command = [
            "uv",
            "run",
            "heard",
            "classify",
            "--input",
            str(source),
            "--text-column",
            "text",
            "--id-column",
            "comment_id",
            "--output",
            str(out),
        ]
        started = time.perf_counter()
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
        first = time.perf_counter() - started
        started = time.perf_counter()
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
        whole = time.perf_counter() - started
        with out.open(encoding="utf-8", newline="") as handle:
            written = sum(1 for _ in csv.reader(handle)) - 1
        assert written == args.rows, f"heard classify wrote {written} rows for {args.rows}"
    print(
        f"\nWhole `uv run heard classify` on {args.rows:,} comments: {whole:.1f} s = {args.rows / whole:,.0f} "
        f"comments/s (model cached; the first run, which trains and caches it if needed, took {first:.1f} s)"
    )
    if with_peer:
        peer = Peer().fit(texts, y, sentiments)
        many = [texts[i % len(texts)] for i in range(args.rows)]
        started = time.perf_counter()
        peer.predict(many)
        peer_seconds = time.perf_counter() - started
        print(
            f"Peer prediction alone on the same {args.rows:,}: {peer_seconds:.1f} s = "
            f"{args.rows / peer_seconds:,.0f} comments/s"
        )
        print(f"Speed-up, whole Heard command vs peer prediction alone: {peer_seconds / whole:.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="3 folds x 1 repeat; time 5,000 comments.")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--rows", type=int, default=25_000, help="Comments for the whole-command timing.")
    parser.add_argument("--no-peer", action="store_true", help="Heard only (no side-by-side).")
    parser.add_argument("--timing-only", action="store_true", help="Only the whole-command timing.")
    args = parser.parse_args()
    if args.quick:
        args.folds, args.repeats, args.rows = 3, 1, 5_000
    if not SHARED.exists():
        sys.exit(f"bench/classify.py needs {SHARED} (the shared data folder, on developer and CI machines only).")
    warnings.filterwarnings("ignore", category=FutureWarning)
    warnings.filterwarnings("ignore", message=".*max_iter.*")

    with SHARED.open(encoding="utf-8", newline="") as handle:
        data = read_labelled_csv(handle)
    themes, texts, sentiments = data.themes, data.texts, data.sentiments
    y = _label_matrix(data.labels, themes).astype(np.uint8)
    print(f"Data: {SHARED} ({len(texts):,} comments, {len(themes)} themes)")
    print(
        f"Machine: {os.cpu_count()} cores; python {sys.version.split()[0]}; scikit-learn {sklearn.__version__} "
        f"(the peer recipe runs on this version)"
    )
    if args.timing_only:
        time_command(args, texts, y, sentiments, with_peer=not args.no_peer)
        return
    print(f"Cross-validation: {args.folds}-fold x {args.repeats} repeats, iterative multi-label stratification\n")

    systems = ["heard"] + ([] if args.no_peer else ["peer"])
    results: dict[str, list[dict[str, object]]] = {s: [] for s in systems}
    predict_time = dict.fromkeys(systems, 0.0)
    train_time = dict.fromkeys(systems, 0.0)
    predicted_rows = 0
    extra_texts, extra_labels, _, _ = default_training_set()
    n_shipped = len(texts)
    framework_texts, framework_labels = extra_texts[n_shipped:], extra_labels[n_shipped:]

    for repeat in range(args.repeats):
        folds = iterative_stratified_folds(y, args.folds, seed=repeat)
        predictions = {s: (np.zeros_like(y), np.zeros(len(texts), dtype=np.int64)) for s in systems}
        for fold in range(args.folds):
            train_rows, test_rows = np.flatnonzero(folds != fold), np.flatnonzero(folds == fold)
            test_texts = [texts[i] for i in test_rows]
            predicted_rows += len(test_rows)
            test_keys = {_key(t) for t in test_texts}
            keep = [i for i, t in enumerate(framework_texts) if _key(t) not in test_keys]
            started = time.perf_counter()
            model = train(
                [texts[i] for i in train_rows] + [framework_texts[i] for i in keep],
                [data.labels[i] for i in train_rows] + [framework_labels[i] for i in keep],
                [sentiments[i] for i in train_rows] + [None] * len(keep),
                themes=themes,
            )
            train_time["heard"] += time.perf_counter() - started
            started = time.perf_counter()
            result = model.predict_matrices(test_texts)
            predict_time["heard"] += time.perf_counter() - started
            predictions["heard"][0][test_rows] = result.assigned
            predictions["heard"][1][test_rows] = result.sentiment
            if "peer" in systems:
                started = time.perf_counter()
                peer = Peer().fit([texts[i] for i in train_rows], y[train_rows], [sentiments[i] for i in train_rows])
                train_time["peer"] += time.perf_counter() - started
                started = time.perf_counter()
                assigned, sentiment = peer.predict(test_texts)
                predict_time["peer"] += time.perf_counter() - started
                predictions["peer"][0][test_rows] = assigned
                predictions["peer"][1][test_rows] = sentiment
            print(f"  repeat {repeat + 1} fold {fold + 1} done", file=sys.stderr, flush=True)
        for system in systems:
            assigned, sentiment = predictions[system]
            results[system].append(scores(y, assigned, sentiments, sentiment, themes))

    def summary(system: str, key: str) -> str:
        values = [float(r[key]) for r in results[system]]  # type: ignore[arg-type]
        spread = f" ± {statistics.stdev(values):.3f}" if len(values) > 1 else ""
        return f"{statistics.mean(values):.3f}{spread}"

    print(f"{'':38}{'Heard':>16}{'peer recipe':>16}")
    for key, label in [
        ("macro_f1", "macro F1 (themes present, excl. LNP)"),
        ("micro_f1", "micro F1"),
        ("hamming", "Hamming loss"),
        ("sentiment_f1", "sentiment macro F1 (3 classes)"),
    ]:
        peer_value = summary("peer", key) if "peer" in systems else "-"
        print(f"{label:38}{summary('heard', key):>16}{peer_value:>16}")
    rates = {s: predicted_rows / predict_time[s] for s in systems}
    per_fold = {s: train_time[s] / (args.folds * args.repeats) for s in systems}
    peer_rate = f"{rates['peer']:,.0f}" if "peer" in systems else "-"
    peer_train = f"{per_fold['peer']:.1f}" if "peer" in systems else "-"
    print(f"{'prediction comments/s (in-process)':38}{rates['heard']:>16,.0f}{peer_rate:>16}")
    print(f"{'training seconds per fold':38}{per_fold['heard']:>16.1f}{peer_train:>16}")
    if "peer" in systems and "heard" in systems:
        diff = [
            float(h["macro_f1"]) - float(p["macro_f1"])  # type: ignore[arg-type]
            for h, p in zip(results["heard"], results["peer"], strict=True)
        ]
        print(f"macro F1 difference (Heard - peer), per repeat: {', '.join(f'{d:+.3f}' for d in diff)}")

    print("\nPer-theme F1 (mean over repeats; n = comments with the theme)")
    print(f"{'theme':60}{'n':>6}{'Heard':>8}{'peer':>8}")
    for j, theme in enumerate(themes):
        heard_f1 = statistics.mean(float(r["per_theme"][j]) for r in results["heard"])  # type: ignore[index]
        peer_f1 = "-"
        if "peer" in systems:
            peer_f1 = f"{statistics.mean(float(r['per_theme'][j]) for r in results['peer']):.3f}"  # type: ignore[index]
        print(f"{theme[:59]:60}{int(y[:, j].sum()):>6}{heard_f1:>8.3f}{peer_f1:>8}")

    time_command(args, texts, y, sentiments, with_peer="peer" in systems)


if __name__ == "__main__":
    main()
