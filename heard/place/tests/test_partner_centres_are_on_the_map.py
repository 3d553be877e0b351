"""A partner's centres from the partner register are dots on the reach map, each with its own 2-mile patch, and
they place the partner in other centres' patches."""

from __future__ import annotations

import pytest

from heard.accounts.models import Role
from heard.core.testing import make_organisation, make_project, make_user
from heard.partners.models import Centre
from heard.place import geo

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    ours = make_organisation(name="Ours", slug="ours", postcode="N1 0AA")
    theirs = make_organisation(name="Theirs", slug="theirs", postcode="E8 1DY")
    Centre.objects.create(organisation=theirs, name="Estate hall", postcode="N1 0AA", latitude=51.535, longitude=-0.12)
    return make_project(slug="voices", partners=[ours, theirs], area_codes=["E09000019"])


def test_a_centre_is_a_dot_with_its_own_patch(client, project):
    client.force_login(make_user(role=Role.HOST_STAFF))
    centre = Centre.objects.get()
    text = client.get(f"/place/map/?project=voices&centre=theirs/{centre.pk}").content.decode()
    assert "Theirs, Estate hall: its 2-mile patch" in text
    assert "Within 2 miles of Theirs, Estate hall" in text


def test_an_organisation_is_within_two_miles_when_one_of_its_centres_is(project):
    near = {o.name: d for o, d in geo.organisations_within(51.535, -0.12)}
    assert "Theirs" in near and near["Theirs"] < 1  # its hall, not its E8 office 2.6 miles away
