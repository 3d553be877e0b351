"""`locate` fills an experience's area codes and deprivation decile from its postcode."""

from __future__ import annotations

import pytest

from heard.core.models import AuditEvent
from heard.core.testing import make_experience, make_organisation, make_project
from heard.place.actions import locate

pytestmark = pytest.mark.django_db


@pytest.fixture
def experience():
    partner = make_organisation()
    return make_experience(project=make_project(partners=[partner]), partner=partner, postcode="n10aa")


def test_it_fills_area_codes_and_decile_from_a_full_postcode(experience):
    assert locate(experience, save=True)
    experience.refresh_from_db()
    assert experience.postcode == "N1 0AA"
    assert (experience.lad_code, experience.ward_code, experience.lsoa21_code) == (
        "E09000019",
        "E05013700",
        "E01002715",
    )
    assert experience.deprivation_decile == 2
    assert AuditEvent.objects.filter(target_id=str(experience.pk), summary="Placed from postcode").count() == 1


def test_it_gives_only_the_local_authority_for_a_district(experience):
    experience.postcode = "n7"
    assert locate(experience)
    assert (experience.postcode, experience.lad_code, experience.ward_code) == ("N7", "E09000019", "")
    assert experience.deprivation_decile is None


def test_it_clears_the_codes_when_the_postcode_cannot_be_placed(experience):
    locate(experience)
    experience.postcode = "ZZ9 9ZZ"
    assert not locate(experience)
    assert (experience.lad_code, experience.ward_code, experience.deprivation_decile) == ("", "", None)


def test_the_command_places_every_record_of_a_project(experience):
    import io
    import json

    from django.core.management import call_command

    partner = experience.partner
    make_experience(project=experience.project, partner=partner, postcode="n7")
    make_experience(project=experience.project, partner=partner, postcode="zz9 9zz")
    out = io.StringIO()
    call_command(
        "place-locate", "--project", experience.project.slug, "--format", "json", stdout=out, stderr=io.StringIO()
    )
    assert json.loads(out.getvalue()) == [{"records": 3, "full": 1, "district": 1, "not_placed": 1}]
    experience.refresh_from_db()
    assert experience.ward_code == "E05013700"
