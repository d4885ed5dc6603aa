"""The risk board: institutions by level, a profile, signals, links, the red list."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from govkit.auth import require_roles
from govkit.http import Page, PageDep, UowDep
from govkit.principal import Principal
from risk.domain.board import BoardFilter, Entry, Link, Profile
from risk.domain.signals import READER_ROLES, Signal
from risk.service import board

router = APIRouter(tags=["board"])

Reader = Annotated[Principal, Depends(require_roles(READER_ROLES))]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get("/institutions", response_model=Page[Entry])
def read_board(wanted: Annotated[BoardFilter, Query()], reader: Reader, page: PageDep, uow: UowDep):
    """Institutions in the caller's area by `level`, `district`, `township`, `category`, `bank`,
    highest score first."""
    rows, count = board.board(wanted, reader, page, uow)
    return Page[Entry](data=[Entry.model_validate(row) for row in rows], count=count)


@router.get("/institutions/{institution_id}", response_model=Profile)
def read_profile(institution_id: str, reader: Reader, uow: UowDep):
    """Level, score breakdown, signals (newest first), linked institutions, ledger, history."""
    return board.profile(institution_id, reader, uow)


@router.get("/institutions/{institution_id}/signals", response_model=Page[Signal])
def read_signals(institution_id: str, reader: Reader, page: PageDep, uow: UowDep):
    """Every signal about one institution within the caller's area, with source and time."""
    rows, count = board.signals(institution_id, reader, page, uow)
    return Page[Signal](data=[Signal.model_validate(row) for row in rows], count=count)


@router.get("/institutions/{institution_id}/links", response_model=list[Link])
def read_links(institution_id: str, reader: Reader, uow: UowDep):
    """Institutions sharing its legal representative, venue address or fund account."""
    return board.links(institution_id, reader, uow)


@router.get("/red-list.xlsx", response_class=Response)
def red_list(
    reader: Reader, uow: UowDep, district: Annotated[str | None, Query(max_length=50)] = None
):
    """The red institutions of the caller's area (or of `district` within it) as .xlsx."""
    content = board.red_list(reader, district, uow)
    return Response(
        content,
        media_type=XLSX,
        headers={"Content-Disposition": 'attachment; filename="red-list.xlsx"'},
    )
