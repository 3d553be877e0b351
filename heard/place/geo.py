"""Distances and "within 2 miles of a centre": postcodes and organisations near a point."""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Final

from . import lookup

if TYPE_CHECKING:
    from heard.partners.models import Centre, Organisation

EARTH_RADIUS_M: Final = 6_371_008.8  # mean Earth radius (IUGG)
METRES_PER_MILE: Final = 1_609.344
TWO_MILES_M: Final = 2 * METRES_PER_MILE


def haversine_m(lat1: float, long1: float, lat2: float, long2: float) -> float:
    """Great-circle distance in metres between two WGS84 points."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(long2 - long1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def _box(lat: float, long: float, metres: float) -> tuple[float, float, float, float]:
    """A latitude/longitude box that holds every point within `metres` (a cheap first filter)."""
    dlat = math.degrees(metres / EARTH_RADIUS_M)
    dlong = math.degrees(metres / (EARTH_RADIUS_M * max(0.01, math.cos(math.radians(lat)))))
    return lat - dlat, lat + dlat, long - dlong, long + dlong


def postcodes_within(
    lat: float, long: float, metres: float = TWO_MILES_M, *, places: Iterable[lookup.Place] | None = None
) -> list[tuple[lookup.Place, float]]:
    """Live postcodes with coordinates within `metres` of the point, nearest first, with their distance."""
    south, north, west, east = _box(lat, long, metres)
    found = []
    for place in lookup.all_places() if places is None else places:
        if place.lat is None or place.long is None or place.status != "live":
            continue
        if south <= place.lat <= north and west <= place.long <= east:
            distance = haversine_m(lat, long, place.lat, place.long)
            if distance <= metres:
                found.append((place, distance))
    found.sort(key=lambda item: item[1])
    return found


def location(organisation: Organisation | Centre) -> tuple[float, float] | None:
    """An organisation's or a centre's (lat, long): its own coordinates, else those of its postcode (or
    district)."""
    if organisation.latitude is not None and organisation.longitude is not None:
        return float(organisation.latitude), float(organisation.longitude)
    place = lookup.find(organisation.postcode) if organisation.postcode else None
    if place is not None and place.lat is not None and place.long is not None:
        return place.lat, place.long
    if place is not None:  # a postcode no longer in use has no coordinates: the middle of its sector ("N1 7")
        return sector_middle(place.postcode)
    return None


@functools.cache
def sector_middle(postcode: str) -> tuple[float, float] | None:
    """The mean position of the postcodes with coordinates in a full postcode's sector, None when it has none."""
    outward, _, inward = postcode.partition(" ")
    if not inward:
        return None
    prefix = f"{outward} {inward[0]}"
    points = [
        (p.lat, p.long)
        for p in lookup.all_places()
        if p.postcode.startswith(prefix) and p.lat is not None and p.long is not None
    ]
    if not points:
        return None
    return round(sum(lat for lat, _ in points) / len(points), 6), round(
        sum(long for _, long in points) / len(points), 6
    )


def organisations_within(lat: float, long: float, metres: float = TWO_MILES_M) -> list[tuple[Organisation, float]]:
    """Organisations (partners and other stakeholders) located within `metres`, nearest first. An organisation
    without coordinates is placed by its postcode."""
    from django.db.models import Q

    from heard.partners.models import Centre, Organisation

    south, north, west, east = _box(lat, long, metres)
    candidates = Organisation.objects.filter(
        Q(latitude__gte=south, latitude__lte=north, longitude__gte=west, longitude__lte=east)
        | (Q(latitude__isnull=True) & ~Q(postcode=""))
    )
    nearest: dict[int, tuple[Organisation, float]] = {}
    places: list[tuple[Organisation, Organisation | Centre]] = [(o, o) for o in candidates]
    # An organisation also works from its centres (the partner register): the nearest of them counts.
    centres = Centre.objects.select_related("organisation").filter(
        Q(latitude__gte=south, latitude__lte=north, longitude__gte=west, longitude__lte=east) | Q(latitude__isnull=True)
    )
    places += [(c.organisation, c) for c in centres]
    for organisation, place in places:
        point = location(place)
        if point is None:
            continue
        distance = haversine_m(lat, long, *point)
        if distance <= metres and (organisation.pk not in nearest or distance < nearest[organisation.pk][1]):
            nearest[organisation.pk] = (organisation, distance)
    found = list(nearest.values())
    found.sort(key=lambda item: (item[1], item[0].name))
    return found
