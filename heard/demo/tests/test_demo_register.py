from __future__ import annotations

from decimal import Decimal

from heard.core.testing import make_organisation
from heard.demo.register import LAPSED, build_register
from heard.partners.duediligence import safeguarding_lapsed_ids
from heard.partners.models import Assessment, Policy, PolicyTemplate


def test_the_demo_register_has_policies_with_one_lapsed_safeguarding_and_a_scored_selection(db):
    partners = [
        make_organisation(name="Small", annual_income=Decimal(40000)),
        make_organisation(name="Deaf Voices", slug=LAPSED, annual_income=Decimal(36000)),
        make_organisation(name="Big", annual_income=Decimal(210000)),
    ]
    made = build_register(partners)
    assert made == {"policies": 9, "assessments": 3}
    assert Policy.objects.count() == 9
    assert safeguarding_lapsed_ids() == {partners[1].pk}
    assert Assessment.objects.get(organisation=partners[2]).decision == "lead"
    assert PolicyTemplate.objects.count() == 1
