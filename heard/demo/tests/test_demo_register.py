from __future__ import annotations

from decimal import Decimal

from heard.accounts.models import Role
from heard.core.testing import make_organisation, make_project, make_user
from heard.demo.register import LAPSED, build_register
from heard.funding.models import Agreement, PartnershipTask
from heard.partners.duediligence import safeguarding_lapsed_ids
from heard.partners.models import Assessment, Policy, PolicyTemplate


def test_the_demo_register_has_policies_with_one_lapsed_a_scored_selection_tasks_and_an_agreement(db):
    make_organisation(name="Healthwatch", kind="host", slug="host")
    make_user(role=Role.HOST_ADMIN)
    partners = [
        make_organisation(name="Small", annual_income=Decimal(40000)),
        make_organisation(name="Deaf Voices", slug=LAPSED, annual_income=Decimal(36000)),
        make_organisation(name="Big", annual_income=Decimal(210000)),
    ]
    project = make_project(partners=partners)
    made = build_register(partners, project)
    assert made == {"policies": 9, "assessments": 3, "tasks": 12, "agreements": 1}
    assert Policy.objects.count() == 9
    assert safeguarding_lapsed_ids() == {partners[1].pk}
    assert Assessment.objects.get(organisation=partners[2]).decision == "lead"
    assert PolicyTemplate.objects.count() == 1
    assert PartnershipTask.objects.filter(owner_organisation=partners[0]).count() == 2
    assert "Small" in Agreement.objects.get().body
