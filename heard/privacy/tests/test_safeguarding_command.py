from __future__ import annotations

import csv
import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from heard.accounts.models import Role
from heard.core.testing import make_experience, make_organisation, make_project, make_question, make_user
from heard.engagement.models import Answer
from heard.privacy.actions import decide_flag, raise_safeguarding_flags

WORDS = "My husband hits me and I am afraid to go home"


@pytest.fixture
def flags(db):
    ours, theirs = make_organisation(name="Ours", slug="ours"), make_organisation(name="Theirs", slug="theirs")
    project = make_project(slug="gp-access", partners=[ours, theirs])
    question = make_question(project=project, code="story")
    record = make_experience(project=project, partner=ours)
    Answer.objects.create(experience=record, question=question, text=WORDS)
    other = make_experience(project=project, partner=theirs)
    Answer.objects.create(experience=other, question=question, text="Some days I want to end it all.")
    elsewhere = make_experience(project=make_project(slug="other", partners=[ours]), partner=ours)
    Answer.objects.create(experience=elsewhere, question=make_question(project=elsewhere.project), text=WORDS)
    raised = raise_safeguarding_flags([record.pk, other.pk, elsewhere.pk])
    decided = next(f for f in raised if f.experience == other)
    decide_flag(actor=make_user(role=Role.HOST_STAFF), flag=decided, status="referred", notes="Called them.")
    return {"record": record, "other": other, "raised": raised, "decided": decided}


def run(*args: str, capsys: pytest.CaptureFixture[str]) -> str:
    call_command("safeguarding", *args)
    return capsys.readouterr().out


def test_json_is_a_list_of_flags_with_their_category_and_status_and_never_the_words(flags, capsys):
    rows = json.loads(run("--project", "gp-access", "--format", "json", capsys=capsys))
    assert isinstance(rows, list) and len(rows) == 2  # not the other project's flag
    by_record = {row["record"]: row for row in rows}
    ours, theirs = by_record[flags["record"].reference], by_record[flags["other"].reference]
    assert set(ours) == {"id", "category", "status", "raised_at", "decided_at", "record", "partner"}
    assert (ours["category"], ours["status"], ours["partner"], ours["decided_at"]) == (
        "domestic_abuse",
        "open",
        "ours",
        None,
    )
    assert (theirs["id"], theirs["category"], theirs["status"]) == (flags["decided"].pk, "self_harm", "referred")
    assert datetime.datetime.fromisoformat(ours["raised_at"]).tzinfo is not None


@pytest.mark.parametrize("fmt", ["text", "json", "csv"])
def test_no_format_shows_what_residents_said(flags, capsys, fmt):
    out = run("--project", "gp-access", "--format", fmt, capsys=capsys)
    assert "domestic_abuse" in out
    for words in ("husband", "afraid", "end it all", "Called them"):
        assert words not in out


def test_csv_has_one_header_row_and_a_row_per_flag(flags, capsys):
    rows = list(csv.DictReader(io.StringIO(run("--project", "gp-access", "--format", "csv", capsys=capsys))))
    assert sorted(row["status"] for row in rows) == ["open", "referred"]


def test_open_and_decided_flags_can_be_listed_apart(flags, capsys):
    opened = json.loads(run("--project", "gp-access", "--status", "open", "--format", "json", capsys=capsys))
    decided = json.loads(run("--project", "gp-access", "--status", "decided", "--format", "json", capsys=capsys))
    assert [row["status"] for row in opened] == ["open"]
    assert [row["status"] for row in decided] == ["referred"]


def test_it_writes_a_file_when_asked(flags, tmp_path, capsys):
    target = tmp_path / "flags.json"
    assert run("--project", "gp-access", "--format", "json", "--output", str(target), capsys=capsys) == ""
    assert len(json.loads(target.read_text(encoding="utf-8"))) == 2


def test_an_unknown_project_is_a_clear_error(flags):
    with pytest.raises(CommandError, match=r"No project with slug 'nope'\. Projects: gp-access, other\.") as error:
        call_command("safeguarding", "--project", "nope")
    assert error.value.returncode == 1
