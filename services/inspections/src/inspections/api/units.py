"""Units: the schools and institutions in the caller's reach (an inspector's: those listed)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from govkit.http import Page, PageDep, UowDep
from inspections.api.models import UnitPublic
from inspections.api.shared import Reader
from inspections.domain.search import UnitFilters
from inspections.service import units

router = APIRouter(prefix="/units", tags=["units"])


@router.get("", response_model=Page[UnitPublic])
def read_units(
    reader: Reader, filters: Annotated[UnitFilters, Query()], page: PageDep, uow: UowDep
):
    rows, count = units.units(reader, filters, page, uow)
    return Page[UnitPublic](data=rows, count=count)


@router.get("/{unit_id}", response_model=UnitPublic)
def read_unit(unit_id: str, reader: Reader, uow: UowDep):
    """One unit, if in reach: an inspector gets 404 for a unit they are not listed for."""
    return units.unit(unit_id, reader, uow)
