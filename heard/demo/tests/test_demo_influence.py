"""The demo's recommendations: six to five organisations, in different states, one overdue and one partly
accepted with a change evidenced; the response clock has run once, so one is reminded and the overdue one
escalated, whatever day the demo is built."""

from __future__ import annotations

import datetime

import pytest

from heard.core.testing import make_organisation, make_project
from heard.demo.influence import SPECS, build_influence
from heard.influence import clock
from heard.influence.models import NoticeKind, Recommendation, SentNotice
from heard.partners.models import OrganisationKind

pytestmark = pytest.mark.django_db


def test_the_demo_recommendations_are_in_different_states(django_capture_on_commit_callbacks) -> None:
    for slug in {spec.organisation for spec in SPECS}:
        make_organisation(name=slug, slug=slug, kind=OrganisationKind.COMMISSIONER)
    project = make_project()
    today = datetime.date(2026, 11, 30)
    with django_capture_on_commit_callbacks(execute=True):
        assert build_influence(project, today=today)["recommendations"] == 6
    recs = {r.title.split(":")[0][:20]: r for r in Recommendation.objects.all()}
    statuses = sorted(r.status for r in recs.values())
    assert statuses == ["changed", "declined", "draft", "in_progress", "sent", "sent"]
    assert len({r.organisation_id for r in recs.values()}) == 5
    assert [r for r in recs.values() if r.is_overdue(today)]
    interpreters = Recommendation.objects.get(title__startswith="Book an interpreter")
    assert interpreters.status == "changed"
    assert interpreters.responses.get().decision == "partly_accepted"
    assert interpreters.evidence.filter(kind="change").exists()


# A Monday, a Saturday, the day before Christmas, and the Tuesday after Easter Monday (bank holidays in between).
@pytest.mark.parametrize("today", ["2026-11-30", "2026-12-05", "2026-12-24", "2027-03-30"])
def test_the_demo_shows_a_reminded_and_an_escalated_recommendation(
    today: str, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    for slug in {spec.organisation for spec in SPECS}:
        make_organisation(name=slug, slug=slug, kind=OrganisationKind.COMMISSIONER)
    day = datetime.date.fromisoformat(today)
    with django_capture_on_commit_callbacks(execute=True):
        counts = build_influence(make_project(), today=day)
    assert (counts["reminders"], counts["escalations"]) == (1, 1)
    reminded = Recommendation.objects.get(notices__kind=NoticeKind.REMINDER)
    escalated = Recommendation.objects.get(notices__kind=NoticeKind.ESCALATION)
    assert reminded.title.startswith("Step-free access") and not reminded.is_overdue(day)
    assert escalated.title.startswith("Answer the phone") and escalated.is_overdue(day)
    assert any(escalated.senior_email in mail.to for mail in mailoutbox)
    assert clock.sweep(day).sent == []
    assert SentNotice.objects.count() == 2
