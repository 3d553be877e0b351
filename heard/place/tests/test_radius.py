"""Distances and the 2-mile patch agree with a haversine written independently here."""

from __future__ import annotations

from math import asin, cos, pi, sin, sqrt

import pytest

from heard.core.testing import make_organisation
from heard.place import geo, lookup

TWO_MILES = 3_218.688


def independent_haversine(a: tuple[float, float], b: tuple[float, float]) -> float:
    r = 6_371_008.8
    la1, lo1, la2, lo2 = (x * pi / 180 for x in (*a, *b))
    h = sin((la2 - la1) / 2) ** 2 + cos(la1) * cos(la2) * sin((lo2 - lo1) / 2) ** 2
    return 2 * r * asin(sqrt(h))


def test_it_measures_a_known_distance_in_metres():
    # N1 0AA to E8 1DY, from their coordinates: about 4.2 km.
    a, b = lookup.lookup("N1 0AA"), lookup.lookup("E8 1DY")
    assert a.lat and a.long and b.lat and b.long
    distance = geo.haversine_m(a.lat, a.long, b.lat, b.long)
    assert distance == pytest.approx(independent_haversine((a.lat, a.long), (b.lat, b.long)), abs=0.01)
    assert 4_000 < distance < 4_500
    assert geo.haversine_m(51.5, -0.1, 51.5, -0.1) == 0


def test_it_finds_exactly_the_postcodes_within_two_miles():
    centre = lookup.lookup("E8 1EA")
    assert centre.lat and centre.long
    found = geo.postcodes_within(centre.lat, centre.long, TWO_MILES)
    expected = {
        p.postcode
        for p in lookup.all_places()
        if p.status == "live"
        and p.lat is not None
        and p.long is not None
        and independent_haversine((centre.lat, centre.long), (p.lat, p.long)) <= TWO_MILES
    }
    assert {p.postcode for p, _ in found} == expected
    # The shared data's own check: 7,773 postcodes within 2 miles of E8 1EA (within a few, planar vs sphere).
    assert abs(len(found) - 7_773) < 40
    distances = [d for _, d in found]
    assert distances == sorted(distances)


@pytest.mark.django_db
def test_it_finds_organisations_within_two_miles_and_not_beyond():
    centre = (51.545319, -0.05798)  # E8 1DY
    near = make_organisation(name="Near", latitude=51.5500, longitude=-0.0600)
    make_organisation(name="Far", latitude=51.6000, longitude=-0.2000)
    make_organisation(name="Unplaced")
    found = geo.organisations_within(*centre)
    assert [o for o, _ in found] == [near]
    assert found[0][1] == pytest.approx(independent_haversine(centre, (51.55, -0.06)), abs=0.01)
