"""The signals kept about an institution, newest first."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from govkit.auth import require_roles
from govkit.http import Page, PageDep, UowDep
from govkit.principal import Principal
from risk import service
from risk.domain.signals import READER_ROLES, Signal

router = APIRouter(prefix="/institutions", tags=["signals"])

Reader = Annotated[Principal, Depends(require_roles(READER_ROLES))]


@router.get("/{institution_id}/signals", response_model=Page[Signal])
def read_signals(institution_id: str, reader: Reader, page: PageDep, uow: UowDep):
    """Every signal about one institution within the caller's area, with source and time."""
    rows, count = service.signals(institution_id, reader, page, uow)
    return Page[Signal](data=[Signal.model_validate(row) for row in rows], count=count)
