"""The demo's recommendations: six to five organisations, in different states, one overdue and one partly
accepted with a change evidenced."""

from __future__ import annotations

import datetime

import pytest

from heard.core.testing import make_organisation, make_project
from heard.demo.influence import SPECS, build_influence
from heard.influence.models import Recommendation
from heard.partners.models import OrganisationKind

pytestmark = pytest.mark.django_db


def test_the_demo_recommendations_are_in_different_states(django_capture_on_commit_callbacks) -> None:
    for slug in {spec.organisation for spec in SPECS}:
        make_organisation(name=slug, slug=slug, kind=OrganisationKind.COMMISSIONER)
    project = make_project()
    today = datetime.date(2026, 11, 30)
    with django_capture_on_commit_callbacks(execute=True):
        assert build_influence(project, today=today) == {"recommendations": 6}
    recs = {r.title.split(":")[0][:20]: r for r in Recommendation.objects.all()}
    statuses = sorted(r.status for r in recs.values())
    assert statuses == ["changed", "declined", "draft", "in_progress", "sent", "sent"]
    assert len({r.organisation_id for r in recs.values()}) == 5
    assert [r for r in recs.values() if r.is_overdue(today)]
    interpreters = Recommendation.objects.get(title__startswith="Book an interpreter")
    assert interpreters.status == "changed"
    assert interpreters.responses.get().decision == "partly_accepted"
    assert interpreters.evidence.filter(kind="change").exists()
