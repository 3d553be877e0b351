"""Theme coding: Heard's classifier against today's recipe (the model before issue 18, kept here as the baseline)
and, with --peer, the national peer recipe (pxtextmining's TF-IDF + SVC), on the same folds in one run.

    uv run python bench/classify.py            # 5-fold x 2 repeats, other-setting sentiment, 25,000-comment timing
    uv run python bench/classify.py --quick    # 3 folds x 1 repeat, 5,000 comments timed

Calibration: expected calibration error (10 equal-width bins) and a reliability table, for theme suggestions
(the confidence of each theme suggested, against whether the comment has that theme) and for sentiment (the
probability of the group given, against whether it is the comment's group).

Other setting: bench/data/other_setting_sentiment.csv (see PROVENANCE.md there), comments from community health,
children's centre, talking therapy and prison health services with the person's own rating of the service,
punctuation stripped and lower-cased; scored against the rating (4-5 good, 3 neither, 1-2 poor).

Quality: repeated multi-label stratified cross-validation (iterative stratification) over
../shared/data/feedback/fft_v7_train.csv; every figure is on comments the model did not train on. Framework
examples whose text is also a test comment are left out of Heard's training in that fold.

Peer recipe, from its published hyper-parameters: lower-case, strip digits and punctuation; TfidfVectorizer()
defaults; one SVC(C=15, class_weight='balanced', max_iter=1000, probability=True) per theme; threshold 0.5, and
the most probable theme when none passes. Its sentiment: the same recipe as one 5-class SVC.

Speed: the whole `uv run heard classify` command (start-up included, model cached by a first run) on N comments,
twice: the data repeated (as before) and N distinct comments (each shipped comment, then pairs of them), for this
code and for today's code (a temporary git worktree at --baseline-ref), run alternately.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from dataclasses import replace
from pathlib import Path

import numpy as np
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import f1_score, hamming_loss
from sklearn.svm import SVC

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from heard.lib.classify.calibrate import expected_calibration_error, reliability  # noqa: E402
from heard.lib.classify.data import read_labelled_csv  # noqa: E402
from heard.lib.classify.default import _key, default_training_set  # noqa: E402
from heard.lib.classify.model import LABELLING_NOT_POSSIBLE, Options, _label_matrix, train  # noqa: E402
from heard.lib.classify.stratify import iterative_stratified_folds  # noqa: E402

# ../shared beside the checkout (a helper's worktree under /work/wt/ finds it one level further up).
SHARED = (
    next(
        (path for path in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if path.exists()),
        ROOT.parent / "shared",
    )
    / "data"
    / "feedback"
    / "fft_v7_train.csv"
)
OTHER_SETTING = ROOT / "bench" / "data" / "other_setting_sentiment.csv"
GROUP = {1: 0, 2: 0, 3: 1, 4: 2, 5: 2}
# Today's recipe (before issue 18): no negation marks, no sentiment lexicon, no static embedding or theme centroids,
# raw balanced-regression scores as confidence, no sentiment second stage.
TODAY = Options(
    negation_scope=0,
    calibrate=False,
    sentiment_lexicon=0.0,
    theme_embedding=0.0,
    theme_centroids=0.0,
    sentiment_stack=False,
)
NEW = Options()
BASELINE_REF = "c3326d8"  # main when issue 18's whole-process speed work started (1 Dec)


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

    def predict(self, texts: list[str]) -> Result:
        x = self.vectoriser.transform([peer_clean(t) for t in texts])
        probabilities = np.zeros((len(texts), len(self.models)))
        for column, model in enumerate(self.models):
            if model is not None:
                probabilities[:, column] = model.predict_proba(x)[:, 1]
        assigned = probabilities >= 0.5
        none = ~assigned.any(axis=1)
        assigned[np.flatnonzero(none), probabilities[none].argmax(axis=1)] = True
        sentiment_probabilities = self.sentiment.predict_proba(x)
        groups = np.zeros((len(texts), 3))
        for column, score in enumerate(self.sentiment.classes_):
            groups[:, GROUP[int(score)]] += sentiment_probabilities[:, column]
        return Result(assigned.astype(np.uint8), probabilities, self.sentiment.predict(x), groups.max(axis=1))


class Result:
    def __init__(self, assigned: np.ndarray, confidence: np.ndarray, sentiment: np.ndarray, sure: np.ndarray) -> None:
        self.assigned, self.confidence, self.sentiment, self.sentiment_confidence = (
            assigned,
            confidence,
            sentiment,
            sure,
        )


def scores(y: np.ndarray, result: Result, true_sent: list[int | None], themes: list[str]) -> dict[str, object]:
    p = result.assigned
    present = [j for j, t in enumerate(themes) if t != LABELLING_NOT_POSSIBLE and y[:, j].any()]
    scored = [i for i, s in enumerate(true_sent) if s is not None]
    truth_groups = np.array([GROUP[true_sent[i]] for i in scored])  # type: ignore[index]
    given_groups = np.array([GROUP.get(int(result.sentiment[i]), 1) for i in scored])
    suggested = p.astype(bool)
    sure = result.sentiment_confidence[scored]
    with_sentiment = np.array([int(result.sentiment[i]) in GROUP for i in scored])
    return {
        "macro_f1": f1_score(y[:, present], p[:, present], average="macro", zero_division=0),
        "micro_f1": f1_score(y, p, average="micro", zero_division=0),
        "hamming": hamming_loss(y, p),
        "per_theme": f1_score(y, p, average=None, zero_division=0),
        "sentiment_f1": f1_score(truth_groups, given_groups, average="macro"),
        "theme_ece": expected_calibration_error(result.confidence[suggested], y.astype(bool)[suggested]),
        "sentiment_ece": expected_calibration_error(
            sure[with_sentiment], (truth_groups == given_groups)[with_sentiment]
        ),
        "_theme_pairs": (result.confidence[suggested], y.astype(bool)[suggested]),
        "_sentiment_pairs": (sure[with_sentiment], (truth_groups == given_groups)[with_sentiment]),
    }


def write_comments(path: Path, texts: list[str], n: int, *, distinct: bool) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["comment_id", "text"])
        for i in range(n):
            text = texts[i % len(texts)]
            if distinct and i >= len(texts):  # pairs of comments, as one person answering at more length
                text = f"{text} {texts[(i * 7 + i // len(texts)) % len(texts)]}"
            writer.writerow([f"c{i}", text])


def baseline_checkout(ref: str, folder: Path) -> Path:
    """Today's code in a temporary detached worktree (removed afterwards), with its own environment."""
    target = folder / "baseline"
    subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(target), ref], check=True, capture_output=True
    )
    subprocess.run(["uv", "sync", "--frozen", "--quiet"], cwd=target, check=True, capture_output=True)
    return target


def compile_bytecode(tree: Path) -> None:
    """Compile the tree's Python files as an installed copy has them. Without this, a machine that sets
    PYTHONDONTWRITEBYTECODE (this one does) compiles some 700 modules on every run: seconds that no
    installed Heard spends."""
    subprocess.run(
        ["uv", "run", "python", "-c", COMPILE, str(tree / "heard")], cwd=tree, check=True, capture_output=True
    )


COMPILE = (
    "import compileall, sys, sysconfig; compileall.compile_dir(sysconfig.get_paths()['purelib'], quiet=1); "
    "compileall.compile_dir(sys.argv[1], quiet=1)"
)


def time_command(args: argparse.Namespace, texts: list[str]) -> None:
    """The whole `uv run heard classify` on N comments, start-up included; this code against today's, run
    alternately: wall-clock seconds (best and median) and CPU seconds (best), with the load average."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        trees = {"this code": ROOT}
        if args.baseline_ref:
            trees["today"] = baseline_checkout(args.baseline_ref, folder)
        try:
            for tree in trees.values():
                compile_bytecode(tree)
            for distinct in (False, True):
                source = folder / "comments.csv"
                write_comments(source, texts, args.rows, distinct=distinct)
                seconds: dict[str, list[float]] = {system: [] for system in trees}
                cpu: dict[str, list[float]] = {system: [] for system in trees}
                loads = []
                outputs: dict[str, bytes] = {}
                for system, tree in trees.items():  # the first run trains and caches the model if needed
                    out = folder / f"out-{len(outputs)}.csv"
                    command = ["uv", "run", "heard", "classify", "--input", str(source), "--output", str(out)]
                    subprocess.run(command, cwd=tree, check=True, capture_output=True)
                    outputs[system] = out.read_bytes()
                for _ in range(args.timing_runs):
                    for system, tree in trees.items():
                        out = folder / "out.csv"
                        command = ["uv", "run", "heard", "classify", "--input", str(source), "--output", str(out)]
                        loads.append(os.getloadavg()[0])
                        before = resource.getrusage(resource.RUSAGE_CHILDREN)
                        started = time.perf_counter()
                        subprocess.run(command, cwd=tree, check=True, capture_output=True)
                        seconds[system].append(time.perf_counter() - started)
                        after = resource.getrusage(resource.RUSAGE_CHILDREN)
                        cpu[system].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
                        with out.open(encoding="utf-8", newline="") as handle:
                            written = sum(1 for _ in csv.reader(handle)) - 1
                        assert written == args.rows, f"heard classify wrote {written} rows for {args.rows}"
                kind = "distinct comments" if distinct else "comments (the 4,426 repeated)"
                print(
                    f"\nWhole `uv run heard classify` on {args.rows:,} {kind}, model cached, {args.timing_runs} runs:"
                )
                for system, values in seconds.items():
                    best, median = min(values), statistics.median(values)
                    print(
                        f"  {system:10} best {best:.2f} s = {args.rows / best:,.0f}/s; median {median:.2f} s = "
                        f"{args.rows / median:,.0f}/s; CPU (all processes) best {min(cpu[system]):.2f} s"
                    )
                same = len(set(outputs.values())) == 1
                print(f"  outputs {'identical' if same else 'DIFFER'} byte for byte" if len(outputs) > 1 else "")
                print(
                    f"  load average {min(loads):.1f}-{max(loads):.1f} (1 minute) on {os.cpu_count()} cores "
                    f"during the runs"
                )
        finally:
            if args.baseline_ref:
                subprocess.run(
                    ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(trees["today"])], check=False
                )


def other_setting(
    texts: list[str],
    labels: list[frozenset[str]],
    sentiments: list[int | None],
    themes: list[str],
    systems: dict[str, Options],
) -> None:
    """Sentiment on another setting's comments, punctuation stripped, against the people's own ratings."""
    if not OTHER_SETTING.exists():
        print(f"\n(no {OTHER_SETTING.name}: other-setting sentiment skipped)")
        return
    with OTHER_SETTING.open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["rating"] in {"1", "2", "3", "4", "5"}]
    stripped = [" ".join(re.sub(r"[^\w\s]", " ", row["text"]).lower().split()) for row in rows]
    keep = [i for i, text in enumerate(stripped) if text]
    rating = np.array([int(rows[i]["rating"]) for i in keep])
    truth = np.where(rating >= 4, 0, np.where(rating == 3, 1, 2))  # positive, neutral, negative
    print(
        f"\nOther setting: {len(keep)} comments with a rating ({OTHER_SETTING.name}; {int((truth == 0).sum())} rated "
        f"4-5, {int((truth == 1).sum())} rated 3, {int((truth == 2).sum())} rated 1-2), punctuation stripped"
    )
    print(f"{'':48}" + "".join(f"{name:>16}" for name in systems))
    # A rating is of the service: an answer to "What could we do better?" from someone who rated it 5 can still be
    # a complaint. So the figures are also given for each question's answers.
    well = np.array([rows[i]["question"].startswith("What did we do well") for i in keep])
    parts = {"What did we do well?": well, "What could we do better?": ~well}
    lines: dict[str, list[str]] = {
        "macro F1 (3 classes)": [],
        "rated 4-5 but called negative": [],
        "rated 1-2 but called positive": [],
        "sentiment ECE": [],
    }
    for question, inside in parts.items():
        lines[f"'{question}' ({int(inside.sum())}): ECE"] = []
        lines[f"  {question.split()[-1][:-1]}: rated 4-5, called negative"] = []
    for options in systems.values():
        model = train(texts, labels, sentiments, themes=themes, options=options)
        result = model.predict_matrices([stripped[i] for i in keep])
        given = np.array([GROUP.get(int(s), 1) for s in result.sentiment])
        lines["macro F1 (3 classes)"].append(f"{f1_score(truth, given, average='macro'):.3f}")
        lines["rated 4-5 but called negative"].append(f"{np.mean(given[truth == 0] == 2):.1%}")
        lines["rated 1-2 but called positive"].append(f"{np.mean(given[truth == 2] == 0):.1%}")
        has = result.sentiment > 0
        lines["sentiment ECE"].append(
            f"{expected_calibration_error(result.sentiment_confidence[has], (given == truth)[has]):.3f}"
        )
        for question, inside in parts.items():
            chosen = has & inside
            ece = expected_calibration_error(result.sentiment_confidence[chosen], (given == truth)[chosen])
            lines[f"'{question}' ({int(inside.sum())}): ECE"].append(f"{ece:.3f}")
            rated_well = inside & (truth == 0)
            lines[f"  {question.split()[-1][:-1]}: rated 4-5, called negative"].append(
                f"{int(np.sum(given[rated_well] == 2))} of {int(rated_well.sum())}"
            )
    for label, values in lines.items():
        print(f"{label:48}" + "".join(f"{v:>16}" for v in values))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="3 folds x 1 repeat; time 5,000 comments.")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--rows", type=int, help="Comments for the whole-command timing (default 25,000).")
    parser.add_argument("--timing-runs", type=int, default=3, help="Timed runs of each command (best and median).")
    parser.add_argument("--peer", action="store_true", help="Also the peer recipe (slow: about 80 s a fold).")
    parser.add_argument("--timing-only", action="store_true", help="Only the whole-command timing.")
    parser.add_argument("--no-timing", action="store_true", help="Skip the whole-command timing.")
    parser.add_argument("--baseline-ref", default=BASELINE_REF, help="Git ref of today's code to time ('' = none).")
    parser.add_argument(
        "--try",
        dest="variant",
        action="append",
        default=[],
        metavar="OPTION=VALUE",
        help="Add a third system: the new options with these changes (for trying ideas).",
    )
    args = parser.parse_args()
    if args.quick:
        args.folds, args.repeats = 3, 1
    args.rows = args.rows or (5_000 if args.quick else 25_000)
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
        f"Machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; python {sys.version.split()[0]}; "
        f"scikit-learn {sklearn.__version__}"
    )
    if args.timing_only:
        time_command(args, texts)
        return
    systems: dict[str, Options] = {"today": TODAY, "new": NEW}
    if args.variant:
        changes = {}
        for item in args.variant:
            key, value = item.split("=", 1)
            changes[key] = type(getattr(NEW, key))(eval(value))
        systems["variant"] = replace(NEW, **changes)
        print(f"variant: {changes}")
    print(f"Cross-validation: {args.folds}-fold x {args.repeats} repeats, iterative multi-label stratification\n")

    names = [*systems, *(["peer"] if args.peer else [])]
    results: dict[str, list[dict[str, object]]] = {s: [] for s in names}
    predict_time = dict.fromkeys(names, 0.0)
    train_time = dict.fromkeys(names, 0.0)
    predicted_rows = 0
    extra_texts, extra_labels, _, _ = default_training_set()
    n_shipped = len(texts)
    framework_texts, framework_labels = extra_texts[n_shipped:], extra_labels[n_shipped:]

    for repeat in range(args.repeats):
        folds = iterative_stratified_folds(y, args.folds, seed=repeat)
        predictions = {
            s: Result(np.zeros_like(y), np.zeros(y.shape), np.zeros(len(texts), dtype=np.int64), np.zeros(len(texts)))
            for s in names
        }
        for fold in range(args.folds):
            train_rows, test_rows = np.flatnonzero(folds != fold), np.flatnonzero(folds == fold)
            test_texts = [texts[i] for i in test_rows]
            predicted_rows += len(test_rows)
            test_keys = {_key(t) for t in test_texts}
            keep = [i for i, t in enumerate(framework_texts) if _key(t) not in test_keys]
            for system in names:
                started = time.perf_counter()
                if system == "peer":
                    model = Peer().fit(
                        [texts[i] for i in train_rows], y[train_rows], [sentiments[i] for i in train_rows]
                    )
                else:
                    model = train(
                        [texts[i] for i in train_rows] + [framework_texts[i] for i in keep],
                        [data.labels[i] for i in train_rows] + [framework_labels[i] for i in keep],
                        [sentiments[i] for i in train_rows] + [None] * len(keep),
                        themes=themes,
                        options=systems[system],
                    )
                train_time[system] += time.perf_counter() - started
                started = time.perf_counter()
                result = model.predict(test_texts) if system == "peer" else model.predict_matrices(test_texts)
                predict_time[system] += time.perf_counter() - started
                target = predictions[system]
                target.assigned[test_rows] = result.assigned
                target.confidence[test_rows] = result.confidence
                target.sentiment[test_rows] = result.sentiment
                target.sentiment_confidence[test_rows] = result.sentiment_confidence
            print(f"  repeat {repeat + 1} fold {fold + 1} done", file=sys.stderr, flush=True)
        for system in names:
            results[system].append(scores(y, predictions[system], sentiments, themes))

    def summary(system: str, key: str) -> str:
        values = [float(r[key]) for r in results[system]]  # type: ignore[arg-type]
        spread = f" ± {statistics.stdev(values):.3f}" if len(values) > 1 else ""
        return f"{statistics.mean(values):.3f}{spread}"

    print(f"{'':40}" + "".join(f"{name:>16}" for name in names))
    for key, label in [
        ("macro_f1", "macro F1 (themes present, excl. LNP)"),
        ("micro_f1", "micro F1"),
        ("hamming", "Hamming loss"),
        ("sentiment_f1", "sentiment macro F1 (3 classes)"),
        ("theme_ece", "ECE, theme suggestions"),
        ("sentiment_ece", "ECE, sentiment group"),
    ]:
        print(f"{label:40}" + "".join(f"{summary(name, key):>16}" for name in names))
    rates = "".join(f"{predicted_rows / predict_time[s]:>16,.0f}" for s in names)
    per_fold = "".join(f"{train_time[s] / (args.folds * args.repeats):>16.1f}" for s in names)
    print(f"{'prediction comments/s (in-process)':40}{rates}")
    print(f"{'training seconds per fold':40}{per_fold}")

    for key, label in [("_theme_pairs", "theme suggestions"), ("_sentiment_pairs", "sentiment group")]:
        print(f"\nReliability, {label} (all repeats pooled): confidence bin, n, mean confidence, share right")
        for system in names:
            confidence = np.concatenate([r[key][0] for r in results[system]])  # type: ignore[index]
            correct = np.concatenate([r[key][1] for r in results[system]])  # type: ignore[index]
            cells = [
                f"{b.low:.1f}-{b.high:.1f}: {b.count} {b.mean_confidence:.2f} {b.accuracy:.2f}"
                for b in reliability(confidence, correct)
                if b.count
            ]
            print(f"  {system}: " + " | ".join(cells))

    print("\nPer-theme F1 (mean over repeats; n = comments with the theme)")
    print(f"{'theme':60}{'n':>6}" + "".join(f"{name:>10}" for name in names))
    for j, theme in enumerate(themes):
        values = "".join(
            f"{statistics.mean(float(r['per_theme'][j]) for r in results[name]):>10.3f}"  # type: ignore[index]
            for name in names
        )
        print(f"{theme[:59]:60}{int(y[:, j].sum()):>6}{values}")

    other_setting(list(texts), list(data.labels), list(sentiments), themes, systems)
    if not args.no_timing:
        time_command(args, texts)


if __name__ == "__main__":
    main()
