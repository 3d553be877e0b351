"""`heard classify`: suggest national themes and a sentiment for every comment in a CSV file, offline."""

from __future__ import annotations

import csv
import io
import json
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from numpy.typing import NDArray

from heard.lib.classify import LABELLING_NOT_POSSIBLE, load_default_model, national_themes, sentiment_group
from heard.lib.classify.readable import NEEDS_PERSON_REASON, known_words, words_to_suggest_from_each


def read_csv_text(path: Path) -> str:
    """The file's text, in UTF-8 (with or without BOM), UTF-16 with BOM, or whatever charset-normalizer finds."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError as error:
        raise CommandError(f"Cannot read {path}: no such file.", returncode=1) from error
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror}.", returncode=1) from error
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # here: most files are UTF-8, and the import costs a start-up

    guess = from_bytes(raw).best()
    if guess is None or b"\x00" in raw[:4096]:
        raise CommandError(f"Cannot read {path}: it does not look like a CSV text file.", returncode=1)
    return str(guess)


def read_comments(path: Path, text_column: str, id_column: str) -> tuple[list[str], list[str]]:
    """(ids, texts) from a CSV file with a header row; clear errors for anything wrong with it."""
    ids, texts, _ = read_comments_and_translations(path, text_column, id_column, "")
    return ids, texts


def read_comments_and_translations(
    path: Path, text_column: str, id_column: str, english_column: str
) -> tuple[list[str], list[str], list[str]]:
    """(ids, texts, English translations) from a CSV file with a header row; the translations are blank when
    `english_column` is ""."""
    text = read_csv_text(path)
    if not text.strip():
        raise CommandError(f"{path} is empty: expected a header row and one row per comment.", returncode=1)
    # Comma unless the header row clearly uses another separator (Excel in some locales saves with ";").
    # csv.Sniffer is not used: it guesses wrong on comments with quotes and line breaks.
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t|", key=lambda candidate: (first_line.count(candidate), candidate == ","))
    reader = csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=delimiter)
    try:
        header = [name.strip() for name in next(reader)]
        missing = [name for name in (id_column, text_column, english_column) if name and name not in header]
        if missing:
            raise CommandError(
                f"{path} has no column {' or '.join(repr(m) for m in missing)}. "
                f"Its columns are: {', '.join(repr(h) for h in header)}.",
                returncode=1,
            )
        id_at, text_at = header.index(id_column), header.index(text_column)
        english_at = header.index(english_column) if english_column else len(header)
        ids, texts, english = [], [], []
        for row in reader:
            if not "".join(row).strip():  # a row of blank cells
                continue
            ids.append(row[id_at] if id_at < len(row) else "")
            texts.append(row[text_at] if text_at < len(row) else "")
            english.append(row[english_at] if english_at < len(row) else "")
    except csv.Error as error:
        raise CommandError(f"{path}, row {reader.line_num}: not valid CSV ({error}).", returncode=1) from error
    return ids, texts, english


def csv_field(value: str) -> str:
    """One CSV cell as csv.writer (excel dialect, "\n" line ends) writes it: quoted when it holds a comma, a quote
    or a line break."""
    if not any(char in value for char in ',"\r\n'):
        return value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([value, ""])
    return buffer.getvalue()[:-2]  # drop the empty cell's comma and the line end


def csv_chunks(
    header: list[str],
    ids: list[str],
    assigned: NDArray[np.uint8],
    sentiments: list[str],
    unread: list[bool],
    rows_per_chunk: int = 5000,
) -> Iterator[str]:
    """The output CSV in pieces of a few thousand rows: each row's 0/1 cells made at once for all rows (one byte
    array), the id quoted as csv.writer would."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(header)
    yield buffer.getvalue()
    width = 2 * assigned.shape[1]
    blank = "," * assigned.shape[1]
    for start in range(0, len(ids), rows_per_chunk):
        block = assigned[start : start + rows_per_chunk]
        cells = np.full((block.shape[0], width), ord(","), dtype=np.uint8)
        cells[:, 0::2] = block + ord("0")  # "0,1,0,...,0," for every row
        flags = cells.tobytes().decode("ascii")
        yield "".join(
            f"{csv_field(ids[i])},{blank}\n"
            if unread[i]
            else f"{csv_field(ids[i])},{flags[(i - start) * width : (i - start + 1) * width]}{sentiments[i]}\n"
            for i in range(start, start + block.shape[0])
        )


class Command(BaseCommand):
    help = (
        "Suggest themes and a sentiment for every comment in a CSV file, offline. Writes the id column, one 0/1 "
        "column per national theme (the 32 label columns of the FFT framework's training data, same names and "
        "order) and `sentiment` (1 = very positive to 5 = very negative; blank when there is nothing to code). "
        f"Blank comments get '{LABELLING_NOT_POSSIBLE}'. The model reads English only: a comment in another "
        "language or script is classified from its English translation (--english-column) when there is one, "
        "and otherwise needs a person: its theme and sentiment cells are left blank (JSON: themes [], "
        f'"needs_person": true, "reason": "{NEEDS_PERSON_REASON}"). Needs no database. The first run trains the '
        "model from data shipped with Heard and caches it under var/classify/."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--input", required=True, metavar="FILE.csv", help="CSV file with a header row.")
        parser.add_argument("--text-column", default="text", help="Column holding the comment (default: text).")
        parser.add_argument(
            "--id-column",
            default="comment_id",
            help="Column identifying each comment (default: comment_id); copied to the output under the same name.",
        )
        parser.add_argument(
            "--english-column",
            default="",
            help="Column holding an English translation, where there is one (default: none). A comment with a "
            "translation is classified from it.",
        )
        parser.add_argument(
            "--format",
            choices=("csv", "json"),
            default="csv",
            help="Output format: csv (the "
            "columns above) or json (a list of {id, themes: [{theme, confidence}], sentiment, "
            "sentiment_group}, plus needs_person and reason where the model cannot read the words).",
        )
        parser.add_argument("--output", metavar="PATH", help="Write to this file (overwriting it) instead of stdout.")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        ids, texts, english = read_comments_and_translations(
            Path(options["input"]), options["text_column"], options["id_column"], options["english_column"]
        )
        themes = national_themes()
        model = load_default_model(Path(settings.VAR_DIR) / "classify")
        words = words_to_suggest_from_each(texts, english, known_words(model))
        result = model.predict_matrices(["" if w is None else w for w in words])
        columns = model.themes.index  # the default model's first 32 themes are the national ones, in order
        assigned = result.assigned[:, [columns(theme) for theme in themes]]
        id_column = options["id_column"]
        header = [id_column, *themes, "sentiment"]
        sentiments = ["" if score == 0 else str(score) for score in result.sentiment.tolist()]
        if options["format"] == "json":
            # Theme names are not snake_case, so JSON lists the assigned themes instead of one key per theme.
            rows: list[dict[str, Any]] = [
                {
                    "id": ids[i],
                    "themes": [
                        {"theme": themes[j], "confidence": round(float(result.confidence[i, columns(themes[j])]), 4)}
                        for j in np.flatnonzero(flags)
                    ],
                    "sentiment": int(result.sentiment[i]) or None,
                    "sentiment_group": sentiment_group(int(result.sentiment[i])) if result.sentiment[i] else None,
                }
                if words[i] is not None
                else {
                    "id": ids[i],
                    "themes": [],
                    "sentiment": None,
                    "sentiment_group": None,
                    "needs_person": True,
                    "reason": NEEDS_PERSON_REASON,
                }
                for i, flags in enumerate(assigned)
            ]
            chunks: Iterable[str] = [json.dumps(rows, ensure_ascii=False, indent=1) + "\n"]
        else:
            chunks = csv_chunks(header, ids, assigned, sentiments, [w is None for w in words])
        self.write_out(options["output"], chunks)
        elapsed = time.perf_counter() - started
        unread = sum(1 for w in words if w is None)
        note = f" {unread:,} need a person ({NEEDS_PERSON_REASON}): left blank." if unread else ""
        sys.stderr.write(f"Classified {len(ids):,} comments in {elapsed:.1f} s.{note}\n")

    def write_out(self, path: str | None, chunks: Iterable[str]) -> None:
        """Write the output piece by piece to `path`, or to stdout when there is none."""
        if not path:
            for chunk in chunks:
                self.stdout.write(chunk, ending="")
            return
        try:
            with Path(path).open("w", encoding="utf-8", newline="") as handle:
                handle.writelines(chunks)
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error.strerror}.", returncode=1) from error
