"""`heard recommendations` gives the residents' verdict on each recommendation so far (exact: the host runs it),
or null when nobody has given one."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.management import call_command

from heard.core.testing import make_project
from heard.influence.models import Verdict
from heard.influence.testing import make_recommendation

pytestmark = pytest.mark.django_db


def test_each_recommendation_has_its_verdict_or_null(capsys):
    project = make_project(slug="clinic")
    asked = make_recommendation(project=project, sent_on=datetime.date(2026, 11, 2))
    make_recommendation(project=project)
    for listened in ("yes", "yes", "no"):
        Verdict.objects.create(
            project=project,
            recommendation=asked,
            listened=listened,
            channel="online",
            given_on=datetime.date(2026, 11, 20),
        )
    call_command("recommendations", "--project", "clinic", "--format", "json")
    listed = json.loads(capsys.readouterr().out)
    assert [item["verdict"] for item in listed] == ["2 of 3 felt listened to", None]
    assert listed[0]["sent_on"] == "2026-11-02" and listed[0]["due_on"] == "2026-11-30"
