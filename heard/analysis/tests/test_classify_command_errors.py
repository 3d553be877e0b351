"""`heard classify` stops with exit code 1 and a clear reason when the input is wrong."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from heard.analysis.management.commands import classify
from heard.analysis.tests.classify_support import small_model, write_csv


@pytest.fixture(autouse=True)
def _small_model(monkeypatch: Any) -> None:
    monkeypatch.setattr(classify, "load_default_model", lambda cache_dir: small_model())


def classify_error(*args: str) -> CommandError:
    with pytest.raises(CommandError) as caught:
        call_command("classify", *args)
    assert caught.value.returncode == 1
    return caught.value


def test_it_names_the_columns_that_exist_when_the_text_column_is_missing(tmp_path) -> None:
    source = write_csv(tmp_path / "in.csv", ["comment_id", "comment"], [("1", "Good")])
    error = classify_error("--input", str(source), "--text-column", "text")
    assert "no column 'text'" in str(error)
    assert "'comment_id', 'comment'" in str(error)


def test_it_names_a_missing_id_column(tmp_path) -> None:
    source = write_csv(tmp_path / "in.csv", ["id", "text"], [("1", "Good")])
    assert "no column 'comment_id'" in str(classify_error("--input", str(source)))


def test_it_says_when_the_file_does_not_exist(tmp_path) -> None:
    error = classify_error("--input", str(tmp_path / "missing.csv"))
    assert "missing.csv" in str(error)
    assert "no such file" in str(error)


def test_it_says_when_the_file_is_empty(tmp_path) -> None:
    (tmp_path / "empty.csv").write_text("")
    assert "is empty" in str(classify_error("--input", str(tmp_path / "empty.csv")))


def test_it_refuses_a_file_that_is_not_text(tmp_path) -> None:
    (tmp_path / "book.xlsx").write_bytes(b"PK\x03\x04\x00\x00\x08\x00" + bytes(range(256)) * 20)
    assert "does not look like a CSV" in str(classify_error("--input", str(tmp_path / "book.xlsx")))


def test_it_says_when_the_output_cannot_be_written(tmp_path) -> None:
    source = write_csv(tmp_path / "in.csv", ["comment_id", "text"], [("1", "Good")])
    error = classify_error("--input", str(source), "--output", str(tmp_path / "no" / "such" / "out.csv"))
    assert "Cannot write" in str(error)


def test_it_needs_no_database() -> None:
    # No django_db mark: any query would fail this module's tests; the checks framework must not run either.
    assert classify.Command.requires_system_checks == []
