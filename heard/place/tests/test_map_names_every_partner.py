"""The reach map names every partner: numbered dots on the map and the same numbers in a list beside it, each a
link to the centre's 2-mile patch; a partner whose postcode is no longer in use is placed in the middle of its
postcode sector, and one Heard cannot place at all is still listed, saying why."""

from __future__ import annotations

import re

import pytest

from heard.accounts.models import Role
from heard.core.testing import make_organisation, make_project, make_user
from heard.place import geo

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    live = make_organisation(name="Live Postcode Group", slug="live", postcode="N1 0AA")
    gone = make_organisation(name="Estate Access Collective", slug="gone", postcode="N1 7BT")  # terminated
    nowhere = make_organisation(name="Phone Line Only", slug="nowhere", postcode="")
    return make_project(slug="voices", partners=[live, gone, nowhere], area_codes=["E09000019"])


def test_a_partner_whose_postcode_is_no_longer_in_use_is_placed_in_its_sector():
    point = geo.sector_middle("N1 7BT")
    assert point is not None
    lat, long = point
    assert 51.52 < lat < 51.55 and -0.11 < long < -0.08  # Islington, around N1 7


def test_every_partner_is_listed_and_each_dot_has_its_number_and_name(client, project):
    client.force_login(make_user(role=Role.HOST_STAFF))
    text = client.get("/place/map/?project=voices").content.decode()
    partners = text.split('id="partners"')[1].split("</ul>")[0]
    assert "Estate Access Collective" in partners and "Live Postcode Group" in partners
    assert "Phone Line Only: " in partners and "not on the map" in partners
    dots = re.findall(r'<a class="heard-map__centre"[^>]*aria-label="(\d+)\. ([^:"]+): its 2-mile patch"', text)
    assert sorted(dots) == [("1", "Estate Access Collective"), ("2", "Live Postcode Group")]
    for number, name in dots:
        assert (
            f">{number}</span> <a " in partners
            and f'{name}<span class="govuk-visually-hidden">, number {number}' in partners
        )
