"""Grids: the township's patrol areas as polygons, and whether a reported point lies in one.

A grid file is a GeoJSON FeatureCollection (RFC 7946): one Feature per grid, its geometry a
Polygon in WGS 84 longitude/latitude, its properties naming the grid. Pure: no storage, no HTTP.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from contracts.events import GeoPoint
from govkit.errors import Invalid

Position = tuple[float, float]  # (longitude, latitude), GeoJSON's order
Ring = tuple[Position, ...]

PROPERTIES = ("district", "township", "township_name", "code", "name")
ACCEPTED = (
    "a GeoJSON FeatureCollection whose features each have a Polygon geometry (closed rings of "
    "at least 4 [longitude, latitude] positions, longitude -180..180, latitude -90..90) and the "
    f"string properties {', '.join(PROPERTIES)}; each code once"
)
MAX_PROBLEMS = 10


@dataclass(frozen=True)
class Grid:
    district: str
    township: str
    township_name: str
    code: str  # e.g. dongtang-01
    name: str  # e.g. 东塘第一网格
    rings: tuple[Ring, ...]  # the outer boundary first, then any holes

    def contains(self, point: GeoPoint) -> bool:
        """Inside the outer ring and in no hole (a point on an edge may fall either way)."""
        outer, *holes = self.rings
        spot = (point.longitude, point.latitude)
        return _inside(outer, spot) and not any(_inside(hole, spot) for hole in holes)


class OutsideTownship(Invalid):
    """A report's location lies in none of its township's grids (422)."""


class InvalidGridFile(Invalid):
    """A grid file that is not what an import accepts (422), naming each bad feature."""


def check_within(point: GeoPoint, township: str, grids: Sequence[Grid]) -> None:
    """Refuse a point outside every grid of its township; a township without grids is not checked."""
    if not grids or any(grid.contains(point) for grid in grids):
        return
    name = grids[0].township_name
    codes = ", ".join(sorted(grid.code for grid in grids))
    raise OutsideTownship(
        f"上报位置不在{name}的任何网格内 (location {point.latitude:.6f},{point.longitude:.6f} is "
        f"outside every grid of township {township}; a report must lie inside one of its grids: "
        f"{codes})"
    )


def grids_from_geojson(document: Any) -> list[Grid]:
    """The grids a GeoJSON FeatureCollection describes, or every problem found (up to ten)."""
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise InvalidGridFile(
            f"不是 GeoJSON 要素集合 (not a FeatureCollection; accepted: {ACCEPTED})"
        )
    features = document.get("features")
    if not isinstance(features, list) or not features:
        raise InvalidGridFile(
            f"没有任何网格 (`features` is empty or missing; accepted: {ACCEPTED})"
        )
    grids: list[Grid] = []
    problems: list[str] = []
    seen: set[str] = set()
    for number, feature in enumerate(features, start=1):
        grid, problem = _grid(feature)
        if grid is not None and grid.code in seen:
            problem = f"code {grid.code} appears more than once"
            grid = None
        if grid is None:
            problems.append(f"feature {number}{_named(feature)}: {problem}")
        else:
            seen.add(grid.code)
            grids.append(grid)
    if problems:
        shown = "; ".join(problems[:MAX_PROBLEMS])
        more = f"; and {len(problems) - MAX_PROBLEMS} more" if len(problems) > MAX_PROBLEMS else ""
        raise InvalidGridFile(f"网格文件有误 ({shown}{more}; accepted: {ACCEPTED})")
    return grids


def _named(feature: Any) -> str:
    code = feature.get("properties", {}).get("code") if isinstance(feature, dict) else None
    return f" ({code})" if isinstance(code, str) and code else ""


def _grid(feature: Any) -> tuple[Grid | None, str]:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        return None, "not a GeoJSON Feature"
    properties = feature.get("properties")
    if not isinstance(properties, dict):
        return None, f"no properties (needs {', '.join(PROPERTIES)})"
    missing = [p for p in PROPERTIES if not _text(properties.get(p))]
    if missing:
        return None, f"property {', '.join(missing)} missing or not a non-empty string"
    geometry = feature.get("geometry")
    if not isinstance(geometry, dict) or geometry.get("type") != "Polygon":
        return None, "geometry is not a Polygon"
    rings, problem = _rings(geometry.get("coordinates"))
    if rings is None:
        return None, problem
    values = {p: properties[p].strip() for p in PROPERTIES}
    return Grid(rings=rings, **values), ""


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip()) and len(value) <= 100


def _rings(coordinates: Any) -> tuple[tuple[Ring, ...] | None, str]:
    if not isinstance(coordinates, list) or not coordinates:
        return None, "Polygon has no rings"
    rings: list[Ring] = []
    for index, ring in enumerate(coordinates, start=1):
        if not isinstance(ring, list) or len(ring) < 4:
            return None, f"ring {index} has fewer than 4 positions"
        positions = [_position(p) for p in ring]
        if any(p is None for p in positions):
            return None, (
                f"ring {index} has a position that is not [longitude, latitude] "
                "with longitude -180..180 and latitude -90..90"
            )
        closed = tuple(p for p in positions if p is not None)
        if closed[0] != closed[-1]:
            return None, f"ring {index} is not closed (its last position must equal its first)"
        rings.append(closed)
    return tuple(rings), ""


def _position(value: Any) -> Position | None:
    if not isinstance(value, list) or len(value) not in (2, 3):
        return None
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value):
        return None
    longitude, latitude = float(value[0]), float(value[1])
    if not (-180 <= longitude <= 180 and -90 <= latitude <= 90):
        return None
    return longitude, latitude


def _inside(ring: Ring, spot: Position) -> bool:
    """Ray casting: a ray from the spot crosses the ring's edges an odd number of times."""
    x, y = spot
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def as_feature(grid: Grid) -> dict[str, Any]:
    """The grid as a GeoJSON Feature, as an import accepts it."""
    properties = {p: getattr(grid, p) for p in PROPERTIES}
    coordinates = [[list(position) for position in ring] for ring in grid.rings]
    return {
        "type": "Feature",
        "id": grid.code,
        "properties": properties,
        "geometry": {"type": "Polygon", "coordinates": coordinates},
    }
