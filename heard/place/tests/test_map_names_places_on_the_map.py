"""The reach map writes names on the map itself, not only in the list beside it: each partner centre's name beside
its numbered dot (on the side with room), and each ward's name in the middle of the ward."""

from __future__ import annotations

import re

import pytest

from heard.accounts.models import Role
from heard.core.testing import make_organisation, make_project, make_user
from heard.place import maps

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(client):
    live = make_organisation(name="Live Postcode Group", slug="live", postcode="N1 0AA")
    other = make_organisation(name="Estate Access Collective", slug="gone", postcode="N1 7BT")
    make_project(slug="voices", partners=[live, other], area_codes=["E09000019"])
    client.force_login(make_user(role=Role.HOST_STAFF))
    return client.get("/place/map/?project=voices").content.decode()


def svg_of(page: str) -> str:
    return page.split('<figure class="heard-map">')[1].split("</svg>")[0]


def test_each_partner_centre_is_named_beside_its_dot_on_the_map(page):
    names = re.findall(
        r'<text class="heard-map__name" x="([\d.]+)"[^>]*text-anchor="(start|end)"[^>]*>([^<]+)</text>', svg_of(page)
    )
    assert sorted(n for _x, _a, n in names) == ["Estate Access Collective", "Live Postcode Group"]
    for x, anchor, _name in names:
        # Written toward the middle of the map, so a name never runs off its edge.
        assert (float(x) < maps.WIDTH * 0.55 + 16) if anchor == "start" else (float(x) > maps.WIDTH * 0.55 - 16)


def test_each_ward_is_named_inside_the_map(page):
    svg = svg_of(page)
    wards = re.findall(r'<text class="heard-map__ward" x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]+)</text>', svg)
    viewbox = re.search(r'viewBox="0 0 \d+ ([\d.]+)"', page)
    assert viewbox is not None
    height = float(viewbox.group(1))
    assert len(wards) >= 15  # Islington's wards
    assert "Highbury" in {name for _x, _y, name in wards}
    for x, y, _name in wards:
        assert 0 < float(x) < maps.WIDTH and 0 < float(y) < height


def test_a_label_point_is_the_middle_of_a_ward():
    square = {"type": "Polygon", "coordinates": [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]]}
    proj = maps.Projection(west=0, north=2, scale=10, aspect=1, height=40)
    x, y = maps.label_point(square, proj)
    assert round(x, 6) == maps.PADDING + 10 and round(y, 6) == maps.PADDING + 10
