"""Grids: each township's patrol areas as GeoJSON, for the map and for checking reports.

Anyone who works with the map reads them; only an admin changes them, by importing a file.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, UploadFile
from pydantic import BaseModel, Field

from govkit.auth import require_roles
from govkit.errors import Invalid
from govkit.http import UowDep, read_upload
from govkit.principal import DEPARTMENT_ROLES, Principal, Role
from patrol import service
from patrol.domain.access import READER_ROLES
from patrol.domain.grids import ACCEPTED, as_feature

router = APIRouter(prefix="/grids", tags=["grids"])

# The map's users: whoever reads incidents, and the departments that handle their cases.
MapReader = Annotated[Principal, Depends(require_roles(READER_ROLES | DEPARTMENT_ROLES))]
Admin = Annotated[Principal, Depends(require_roles(Role.ADMIN))]
MAX_GRID_FILE_BYTES = 5 * 1024 * 1024
AreaCode = Annotated[str | None, Query(min_length=1, max_length=100, pattern=r"^[a-z0-9_-]+$")]


class GridProperties(BaseModel):
    district: str
    township: str
    township_name: str
    code: str = Field(description="The grid's code, e.g. dongtang-01 (a grid worker's `grid`)")
    name: str = Field(description="The grid's Chinese name, e.g. 东塘第一网格")


class GridGeometry(BaseModel):
    type: str = "Polygon"
    coordinates: list[list[list[float]]] = Field(
        description="Rings of [longitude, latitude] (WGS 84): the boundary, then any holes"
    )


class GridFeature(BaseModel):
    type: str = "Feature"
    id: str
    properties: GridProperties
    geometry: GridGeometry


class GridCollection(BaseModel):
    """A GeoJSON FeatureCollection (RFC 7946) of grids."""

    type: str = "FeatureCollection"
    features: list[GridFeature]


class GridImport(BaseModel):
    imported: int
    townships: list[str] = Field(description="The townships whose grids the file replaced")


@router.get("", response_model=GridCollection)
def read_grids(
    _reader: MapReader, uow: UowDep, district: AreaCode = None, township: AreaCode = None
):
    """The grids of a district or township (all of them without a filter), as GeoJSON."""
    grids = service.grids(district, township, uow)
    return {"type": "FeatureCollection", "features": [as_feature(grid) for grid in grids]}


@router.post("/import", response_model=GridImport)
def import_grids(file: UploadFile, _admin: Admin, uow: UowDep):
    """Import a GeoJSON grid file (5 MB at most): every township it names gets exactly its
    grids; other townships keep theirs. A bad file changes nothing and every problem is named."""
    document = _json(read_upload(file, MAX_GRID_FILE_BYTES))
    imported = service.import_grids(document, uow)
    return GridImport(imported=len(imported), townships=sorted({g.township for g in imported}))


def _json(content: bytes) -> Any:
    try:
        return json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise Invalid(
            f"不是 UTF-8 编码的 JSON 文件 (not a UTF-8 JSON file: {exc}; accepted: {ACCEPTED})"
        ) from exc
