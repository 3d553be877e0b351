"""Offline maps: ward boundaries drawn as inline SVG paths from the shipped (or imported) GeoJSON, shaded by a
value, with points (partner centres) and a 2-mile circle. No tiles, no JavaScript."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from . import sources

WIDTH: Final = 640
PADDING: Final = 8
# Five light-to-dark blues; the darkest classes carry white-on-dark labels only in the legend.
SHADES: Final = ["#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"]
NO_DATA: Final = "#f3f2f1"


def ward_features(lad_codes: Iterable[str]) -> list[dict[str, Any]]:
    """Ward features for the local authorities: imported boundaries first, else the shipped ones."""
    from .models import ImportedBoundary

    features: list[dict[str, Any]] = []
    imported = {b.lad_code: b.geojson for b in ImportedBoundary.objects.filter(lad_code__in=list(lad_codes))}
    for lad in lad_codes:
        collection = imported.get(lad) or sources.ward_boundaries(lad)
        if collection:
            features.extend(collection.get("features", []))
    return features


def _rings(geometry: Mapping[str, Any]) -> list[list[list[float]]]:
    if geometry.get("type") == "Polygon":
        return list(geometry["coordinates"])
    if geometry.get("type") == "MultiPolygon":
        return [ring for polygon in geometry["coordinates"] for ring in polygon]
    return []


@dataclass(frozen=True)
class Projection:
    west: float
    north: float
    scale: float  # pixels per degree of longitude
    aspect: float  # cos(latitude): degrees of latitude are longer than degrees of longitude
    height: int

    def xy(self, long: float, lat: float) -> tuple[float, float]:
        return (PADDING + (long - self.west) * self.scale, PADDING + (self.north - lat) * self.scale / self.aspect)

    def metres_to_px(self, metres: float) -> float:
        # one degree of latitude is ~111,195 m
        return metres / 111_195 * self.scale / self.aspect


def projection(features: list[dict[str, Any]]) -> Projection | None:
    points = [pt for f in features for ring in _rings(f.get("geometry") or {}) for pt in ring]
    if not points:
        return None
    longs = [p[0] for p in points]
    lats = [p[1] for p in points]
    west, east, south, north = min(longs), max(longs), min(lats), max(lats)
    aspect = math.cos(math.radians((north + south) / 2))
    scale = (WIDTH - 2 * PADDING) / max(east - west, 1e-9)
    height = round((north - south) * scale / aspect + 2 * PADDING)
    return Projection(west, north, scale, aspect, height)


def path(geometry: Mapping[str, Any], proj: Projection) -> str:
    parts = []
    for ring in _rings(geometry):
        coords = [proj.xy(p[0], p[1]) for p in ring]
        if coords:
            parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in coords) + "Z")
    return "".join(parts)


def classes(values: Iterable[float]) -> list[float]:
    """Upper bounds of five equal-count classes (quantiles) of the values; fewer when values repeat."""
    ordered = sorted(v for v in values)
    if not ordered:
        return []
    bounds: list[float] = []
    for i in range(1, 6):
        bound = ordered[min(len(ordered) - 1, math.ceil(i * len(ordered) / 5) - 1)]
        if not bounds or bound > bounds[-1]:
            bounds.append(bound)
    return bounds


def shade(value: float | None, bounds: list[float]) -> str:
    if value is None or not bounds:
        return NO_DATA
    for i, bound in enumerate(bounds):
        if value <= bound:
            return SHADES[round(i * (len(SHADES) - 1) / max(1, len(bounds) - 1))]
    return SHADES[-1]


@dataclass(frozen=True)
class Shape:
    code: str
    name: str
    d: str
    fill: str
    value: float | None
    # Where its name is written on the map: the middle of its largest part.
    label_x: float = 0.0
    label_y: float = 0.0


def label_point(geometry: Mapping[str, Any], proj: Projection) -> tuple[float, float]:
    """The centroid of the geometry's largest ring, projected (where a ward's name goes on the map)."""
    best: tuple[float, float, float] = (0.0, 0.0, -1.0)
    for ring in _rings(geometry):
        coords = [proj.xy(p[0], p[1]) for p in ring]
        if len(coords) < 3:
            continue
        area = cx = cy = 0.0
        for (x0, y0), (x1, y1) in zip(coords, coords[1:] + coords[:1], strict=True):
            cross = x0 * y1 - x1 * y0
            area += cross
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
        if abs(area) > best[2] and area:
            best = (cx / (3 * area), cy / (3 * area), abs(area))
    if best[2] < 0:
        return (0.0, 0.0)
    return (best[0], best[1])


def shapes(
    features: list[dict[str, Any]], proj: Projection, values: Mapping[str, float | None]
) -> tuple[list[Shape], list[tuple[str, str]]]:
    """SVG shapes for the wards, shaded by value, and the legend as (colour, label) pairs."""
    bounds = classes(v for v in values.values() if v is not None)
    out = []
    for feature in features:
        props = feature.get("properties") or {}
        code = str(props.get("ward_code", ""))
        value = values.get(code)
        out.append(
            Shape(
                code,
                str(props.get("ward_name", code)),
                path(feature.get("geometry") or {}, proj),
                shade(value, bounds),
                value,
                *label_point(feature.get("geometry") or {}, proj),
            )
        )
    legend = []
    low = 0.0
    for i, bound in enumerate(bounds):
        colour = shade(bound, bounds)
        legend.append((colour, f"{low:.1f} to {bound:.1f}" if i else f"up to {bound:.1f}"))
        low = bound
    legend.append((NO_DATA, "no figures"))
    return out, legend
