"""`heard report` writes the draft (or, with --published, the latest published version) in any format, and says
clearly, with exit code 1, when there is nothing to write."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from heard.core.testing import make_project
from heard.reporting import actions, render
from heard.reporting.models import SectionKind

from .conftest import section


def test_it_writes_the_draft_as_html_marked_as_a_draft(world: Any, tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    call_command("report", "--project", world["project"].slug, "--format", "html", "--output", str(path))
    html = path.read_text(encoding="utf-8")
    assert "What Health Voice heard" in html and "Draft: not for sharing" in html
    assert "Coffee morning at the mosque" not in html  # the draft as anyone outside the host would read it


def test_published_writes_the_words_as_published_not_the_later_draft(world: Any, tmp_path: Path) -> None:
    summary = section(world, SectionKind.SUMMARY)
    actions.save_narrative(actor=world["staff"], section=summary, text="The words we published.")
    documents, findings = render.public_snapshot(world["report"])
    actions.publish(actor=world["staff"], report=world["report"], documents=documents, findings=findings)
    actions.save_narrative(actor=world["staff"], section=summary, text="Words written afterwards.")
    path = tmp_path / "report.html"
    call_command("report", "--project", world["project"].slug, "--output", str(path), "--published")
    html = path.read_text(encoding="utf-8")
    assert "The words we published." in html and "Words written afterwards." not in html


def test_a_project_without_a_report_is_a_clear_error_with_exit_code_1(db: Any, tmp_path: Path) -> None:
    project = make_project(slug="no-report-yet")
    with pytest.raises(CommandError, match="has no report yet") as raised:
        call_command("report", "--project", project.slug, "--output", str(tmp_path / "x.pdf"))
    assert raised.value.returncode == 1
    assert not (tmp_path / "x.pdf").exists()


def test_published_without_a_published_version_says_so(world: Any, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="not been published yet"):
        call_command("report", "--project", world["project"].slug, "--output", str(tmp_path / "x"), "--published")
