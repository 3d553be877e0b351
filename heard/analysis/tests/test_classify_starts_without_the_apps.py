"""`heard classify` runs without setting up Django's apps (importing every app's models is half a second of a
short run): the same output, and no database, app registry or model touched."""

from __future__ import annotations

import io
from typing import Any

import django
import pytest
from django.core import management
from django.core.management import call_command

from heard import cli
from heard.analysis.management.commands import classify
from heard.analysis.tests.classify_support import small_model, write_csv


@pytest.fixture(autouse=True)
def _small_model(monkeypatch: Any) -> None:
    monkeypatch.setattr(classify, "load_default_model", lambda cache_dir: small_model())


def test_heard_classify_gives_the_same_output_without_setting_up_the_apps(tmp_path, monkeypatch: Any) -> None:
    source = write_csv(
        tmp_path / "in.csv", ["comment_id", "text"], [("1", "Kind staff"), ("2", ""), ("3", "Waited, 2 hours")]
    )
    expected = io.StringIO()
    call_command("classify", "--input", str(source), stdout=expected)

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("heard classify set up Django's apps")

    monkeypatch.setattr(django, "setup", refuse)
    monkeypatch.setattr(management, "execute_from_command_line", refuse)
    out = tmp_path / "out.csv"
    cli.main(["heard", "classify", "--input", str(source), "--output", str(out)])
    assert out.read_text(encoding="utf-8") == expected.getvalue()


def test_other_commands_still_set_up_the_apps(monkeypatch: Any) -> None:
    called: list[list[str]] = []
    monkeypatch.setattr(management, "execute_from_command_line", called.append)
    cli.main(["manage.py", "check"])
    assert called == [["heard", "check"]]


def test_heard_classify_reports_a_bad_file_as_an_error_not_a_traceback(tmp_path, capsys: Any) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["heard", "classify", "--input", str(tmp_path / "missing.csv")])
    assert exit_.value.code == 1
    assert "Cannot read" in capsys.readouterr().err
