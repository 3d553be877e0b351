"""`heard classify` writes the id column, the 32 national theme columns in order, and sentiment."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from django.core.management import call_command

from heard.analysis.management.commands import classify
from heard.analysis.tests.classify_support import small_model, write_csv
from heard.lib.classify import LABELLING_NOT_POSSIBLE, national_themes


@pytest.fixture(autouse=True)
def _small_model(monkeypatch: Any) -> None:
    monkeypatch.setattr(classify, "load_default_model", lambda cache_dir: small_model())


COMMENTS = [
    ("z-9", "The ambulance took four hours to arrive and nobody phoned to explain."),
    ("a-1", "Lovely staff, very kind and caring, thank you."),
    ("m-5", "   "),
    ("b-2", "The food on the ward was cold and there was no choice."),
    ("c-3", ""),
    ("q-7", "Couldn't get through on the phone to book an appointment."),
]


def run(tmp_path, *extra: str, id_column: str = "comment_id") -> list[dict[str, str]]:
    source = write_csv(
        tmp_path / "in.csv", [id_column, "organisation", "text"], [(i, "NEAS", text) for i, text in COMMENTS]
    )
    out = tmp_path / "out.csv"
    call_command("classify", "--input", str(source), "--id-column", id_column, "--output", str(out), *extra)
    with out.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_it_writes_exactly_the_id_the_32_themes_in_order_and_sentiment(tmp_path) -> None:
    run(tmp_path)
    with (tmp_path / "out.csv").open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert header == ["comment_id", *national_themes(), "sentiment"]
    assert len(national_themes()) == 32


def test_it_names_the_id_column_as_the_input_does(tmp_path) -> None:
    rows = run(tmp_path, id_column="ref")
    assert next(iter(rows[0])) == "ref"


def test_it_keeps_the_ids_and_their_order(tmp_path) -> None:
    assert [row["comment_id"] for row in run(tmp_path)] == [i for i, _ in COMMENTS]


def test_it_gives_blank_comments_labelling_not_possible_and_nothing_else(tmp_path) -> None:
    rows = {row["comment_id"]: row for row in run(tmp_path)}
    for blank in ("m-5", "c-3"):
        flags = {theme: rows[blank][theme] for theme in national_themes()}
        assert flags.pop(LABELLING_NOT_POSSIBLE) == "1"
        assert set(flags.values()) == {"0"}
        assert rows[blank]["sentiment"] == ""


def test_it_gives_every_comment_with_text_a_theme_and_a_sentiment_from_1_to_5(tmp_path) -> None:
    for row in run(tmp_path):
        if row["comment_id"] in ("m-5", "c-3"):
            continue
        assert "1" in [row[theme] for theme in national_themes()]
        assert row["sentiment"] in {"1", "2", "3", "4", "5"}
        assert row[LABELLING_NOT_POSSIBLE] == "0"


def test_it_prints_csv_to_stdout_without_output(tmp_path) -> None:
    source = write_csv(tmp_path / "in.csv", ["comment_id", "text"], [("x", "Staff were rude")])
    stdout = io.StringIO()
    call_command("classify", "--input", str(source), stdout=stdout)
    assert stdout.getvalue().splitlines()[0].startswith("comment_id,Organisation & efficiency,")


def test_it_prints_a_json_list_of_assigned_themes_when_asked(tmp_path) -> None:
    source = write_csv(tmp_path / "in.csv", ["comment_id", "text"], [("x", "Staff were rude"), ("y", "")])
    stdout = io.StringIO()
    call_command("classify", "--input", str(source), "--format", "json", stdout=stdout)
    rows = json.loads(stdout.getvalue())
    assert [row["id"] for row in rows] == ["x", "y"]
    assert rows[0]["themes"] and all(0 <= t["confidence"] <= 1 for t in rows[0]["themes"])
    assert rows[0]["sentiment"] in {1, 2, 3, 4, 5}
    assert rows[1] == {
        "id": "y",
        "themes": [{"theme": LABELLING_NOT_POSSIBLE, "confidence": 1.0}],
        "sentiment": None,
        "sentiment_group": None,
    }


def test_it_keeps_comments_with_quotes_commas_and_line_breaks_whole(tmp_path) -> None:
    source = write_csv(
        tmp_path / "in.csv",
        ["comment_id", "text"],
        [
            ("1", 'He said "we\'ll call you back", and\nnever did;\n\nawful'),
            ("2", "Fine, thanks"),
            ("3", "Line one\r\nline two"),
        ],
    )
    out = tmp_path / "out.csv"
    call_command("classify", "--input", str(source), "--output", str(out))
    with out.open(encoding="utf-8", newline="") as handle:
        assert [row["comment_id"] for row in csv.DictReader(handle)] == ["1", "2", "3"]


def test_it_reads_semicolon_separated_files(tmp_path) -> None:
    (tmp_path / "in.csv").write_text("comment_id;text\n1;Staff were kind, thank you\n2;\n", encoding="utf-8")
    rows = {}
    out = tmp_path / "out.csv"
    call_command("classify", "--input", str(tmp_path / "in.csv"), "--output", str(out))
    with out.open(encoding="utf-8", newline="") as handle:
        rows = {row["comment_id"]: row for row in csv.DictReader(handle)}
    assert list(rows) == ["1", "2"]
    assert rows["2"][LABELLING_NOT_POSSIBLE] == "1"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp1252"])
def test_it_reads_common_encodings(tmp_path, encoding: str) -> None:
    source = write_csv(
        tmp_path / "in.csv",
        ["comment_id", "text"],
        [("é1", "Très bien, the nurse was lovely – thank you £5"), ("2", "Waited too long")],
        encoding=encoding,
    )
    out = tmp_path / "out.csv"
    call_command("classify", "--input", str(source), "--output", str(out))
    with out.open(encoding="utf-8", newline="") as handle:
        assert [row["comment_id"] for row in csv.DictReader(handle)] == ["é1", "2"]
