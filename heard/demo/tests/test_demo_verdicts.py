"""The demo's residents' verdicts: figures for most communities, one community with fewer than 5 (shown "<5" to
anyone but host staff), some about the recommendations sent, and a verdict link for every partner."""

from __future__ import annotations

import pytest

from heard.core.testing import make_community, make_organisation, make_project
from heard.demo.yousaid import PER_COMMUNITY, build_verdicts
from heard.engagement.scope import command_scope
from heard.influence.models import Recommendation, Verdict, VerdictLink
from heard.influence.verdict_results import by_community
from heard.partners.models import OrganisationKind

pytestmark = pytest.mark.django_db


def test_the_demo_verdicts_show_figures_and_one_community_with_fewer_than_5() -> None:
    communities = [make_community(name=f"Community {letter}") for letter in "ABCD"]
    partner = make_organisation()
    project = make_project(partners=[partner], communities=communities)
    project.project_partners.get().communities.set(communities)
    icb = make_organisation(kind=OrganisationKind.COMMISSIONER)
    Recommendation.objects.create(project=project, title="Sent", organisation=icb, status="sent")
    Recommendation.objects.create(project=project, title="Draft", organisation=icb)
    assert build_verdicts(project) == {"verdicts": sum(PER_COMMUNITY[:4])}
    public = {row.label: row.total.text for row in by_community(command_scope(project, public=True)).rows}
    assert public["Community C"] == "<5"
    assert public["Community A"] == "25"
    assert Verdict.objects.filter(recommendation__title="Sent").exists()
    assert not Verdict.objects.filter(recommendation__title="Draft").exists()
    assert VerdictLink.objects.get().token == f"demo-verdict-0-{partner.slug}"[:40]
