"""What a registry search may ask for: text in the name or code, area, category, kind, state, list."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, Field, field_validator

from institutions.domain.model import Category, Kind, ListStatus, State

PublishedList = Literal["white", "black"]
"""The lists published to parents; the rest of the registry is for officials."""
METRES_PER_DEGREE = 111_320  # of latitude, and of longitude at the equator


@dataclass(frozen=True)
class Around:
    """A circle on the map in degrees: `radius` metres is `lat_span` north and south and
    `lng_span` east and west of the centre (the earth taken as flat that close)."""

    latitude: float
    longitude: float
    lat_span: float
    lng_span: float


class SearchFilters(BaseModel):
    """Search by name or code (`q`), area, category, kind, state and list."""

    q: str | None = Field(default=None, max_length=50, description="Part of the name, or the code")
    district: str | None = Field(default=None, max_length=50)
    township: str | None = Field(default=None, max_length=50)
    grid: str | None = Field(default=None, max_length=50)
    category: Category | None = None
    kind: Kind | None = None
    state: State | None = None
    list_status: ListStatus | None = None
    near: str | None = Field(
        default=None,
        max_length=50,
        description="`latitude,longitude`: only institutions within `radius` of it, nearest first",
    )
    radius: int = Field(default=500, ge=10, le=5000, description="Metres around `near`")

    @field_validator("near")
    @classmethod
    def _a_point(cls, near: str | None) -> str | None:
        if near is not None:
            _point(near)
        return near

    def columns(self) -> dict[str, str]:
        """Column → value for every exact filter given (everything but `q` and the circle)."""
        exact = self.model_dump(exclude={"q", "near", "radius"})
        return {k: str(v) for k, v in exact.items() if v is not None}

    def around(self) -> Around | None:
        """The circle `near` and `radius` draw, if `near` is given."""
        if self.near is None:
            return None
        latitude, longitude = _point(self.near)
        lat_span = self.radius / METRES_PER_DEGREE
        lng_span = lat_span / max(math.cos(math.radians(latitude)), 0.01)
        return Around(latitude, longitude, lat_span, lng_span)


def _point(near: str) -> tuple[float, float]:
    wrong = ValueError(
        f"near 须为“纬度,经度” (near must be latitude,longitude in degrees, e.g. "
        f"28.1135,113.0136; got {near!r})"
    )
    try:
        latitude, longitude = (float(part) for part in near.split(","))
    except ValueError:
        raise wrong from None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise wrong
    return latitude, longitude
