"""`heard classify` suggests nothing from words the model cannot read: the CSV leaves their theme and sentiment
cells blank, the JSON says why; a translation column, when given, is classified instead."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from django.core.management import call_command

from heard.analysis.management.commands import classify
from heard.analysis.tests.classify_support import small_model, write_csv
from heard.lib.classify import national_themes

INTERPRETER = "لم يكن هناك مترجم فوري، ولم أفهم ما قاله الطبيب"
INTERPRETER_EN = "There was no interpreter, and I did not understand what the doctor said."
ROWS = [
    ("ar", INTERPRETER, ""),
    ("so", "Waxaan sugay saddex toddobaad oo dhakhtarka ma aan arag", ""),
    ("ar-en", INTERPRETER, INTERPRETER_EN),
    ("en", "The receptionist was rude and I waited two hours.", ""),
]


@pytest.fixture(autouse=True)
def _small_model(monkeypatch: Any) -> None:
    monkeypatch.setattr(classify, "load_default_model", lambda cache_dir: small_model())


def _run(tmp_path, *extra: str) -> str:
    source = write_csv(tmp_path / "in.csv", ["comment_id", "text", "english"], ROWS)
    stdout = io.StringIO()
    call_command("classify", "--input", str(source), *extra, stdout=stdout)
    return stdout.getvalue()


def test_the_csv_leaves_theme_and_sentiment_blank_for_words_without_a_translation(tmp_path) -> None:
    rows = {row["comment_id"]: row for row in csv.DictReader(io.StringIO(_run(tmp_path)))}
    for unread in ("ar", "so", "ar-en"):  # without --english-column, no translation is read
        assert {rows[unread][theme] for theme in national_themes()} == {""}
        assert rows[unread]["sentiment"] == ""
    assert "1" in [rows["en"][theme] for theme in national_themes()]
    assert rows["en"]["sentiment"] in {"1", "2", "3", "4", "5"}


def test_the_json_says_why_and_suggests_nothing(tmp_path) -> None:
    rows = {row["id"]: row for row in json.loads(_run(tmp_path, "--format", "json"))}
    assert rows["ar"] == {
        "id": "ar",
        "themes": [],
        "sentiment": None,
        "sentiment_group": None,
        "needs_person": True,
        "reason": "not English and no English translation",
    }
    assert "needs_person" not in rows["en"] and rows["en"]["themes"]


def test_a_translation_column_is_classified_instead_of_the_words_it_translates(tmp_path) -> None:
    rows = {row["id"]: row for row in json.loads(_run(tmp_path, "--format", "json", "--english-column", "english"))}
    expected = small_model().predict([INTERPRETER_EN])[0]
    assert "needs_person" not in rows["ar-en"]
    assert [t["theme"] for t in rows["ar-en"]["themes"]] == [t for t in national_themes() if t in expected.theme_names]
    assert rows["ar-en"]["sentiment"] == expected.sentiment
    assert rows["ar"]["needs_person"] is True
    assert not any(t["theme"].startswith("Positive") for t in rows["ar"]["themes"])
