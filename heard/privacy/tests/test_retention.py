from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core.management import call_command

from heard.core.testing import make_experience, make_organisation, make_project, make_question
from heard.engagement.models import Answer, Experience
from heard.privacy.actions import retention_end


@pytest.fixture
def ended(db):
    org = make_organisation()
    project = make_project(slug="ended", ends_on=datetime.date(2024, 1, 31), retention_months=13)
    live = make_project(slug="live", ends_on=datetime.date(2026, 6, 30), retention_months=36)
    story = make_question(project=project, code="story")
    rating = make_question(project=project, code="rating", kind="rating")
    old = make_experience(
        project=project,
        partner=org,
        postcode="N1 9AR",
        contact_details="07700 900123",
        ethnic_group="black_african",
        ward_code="E05013700",
    )
    Answer.objects.create(experience=old, question=story, text="What they said")
    Answer.objects.create(experience=old, question=rating, number=4)
    keep = make_experience(project=live, partner=org, postcode="E8 1DY")
    return {"project": project, "old": old, "keep": keep}


def _run(*args: str) -> list[dict[str, object]]:
    out = io.StringIO()
    call_command("retention", "--format", "json", *args, stdout=out, stderr=io.StringIO())
    result: list[dict[str, object]] = json.loads(out.getvalue())
    return result


def test_retention_ends_months_after_the_project_ends():
    from heard.engagement.models import Project

    assert retention_end(Project(ends_on=datetime.date(2024, 1, 31), retention_months=13)) == datetime.date(2025, 2, 28)
    assert retention_end(Project(ends_on=None)) is None


def test_retention_anonymises_what_is_past_it_and_keeps_what_counts(ended):
    report = _run("--today", "2026-11-22")
    assert report == [
        {
            "slug": "ended",
            "project": ended["project"].name,
            "retention_ends_on": "2025-02-28",
            "anonymised": 1,
            "free_text_answers_removed": 1,
            "already_anonymised": 0,
        }
    ]
    old = Experience.objects.get(pk=ended["old"].pk)
    assert (old.postcode, old.contact_details) == ("N1", "")
    assert (old.ethnic_group, old.ward_code) == ("black_african", "E05013700")
    assert list(old.answers.values_list("number", flat=True)) == [4]
    assert Experience.objects.get(pk=ended["keep"].pk).postcode == "E8 1DY"


def test_retention_is_idempotent(ended):
    _run("--today", "2026-11-22")
    again = _run("--today", "2026-11-22")
    assert again[0]["anonymised"] == 0
    assert again[0]["already_anonymised"] == 1


def test_a_dry_run_changes_nothing(ended):
    assert _run("--today", "2026-11-22", "--dry-run")[0]["anonymised"] == 1
    assert Experience.objects.get(pk=ended["old"].pk).postcode == "N1 9AR"
