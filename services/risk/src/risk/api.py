"""Risk HTTP API: the signals kept about an institution, newest first."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, ConfigDict

from govkit.auth import require_roles
from govkit.deps import RuntimeDep
from govkit.principal import Principal
from risk import domain
from risk.store import signals_of

router = APIRouter(prefix="/institutions", tags=["signals"])

Reader = Annotated[Principal, Depends(require_roles(*domain.READER_ROLES))]


class SignalPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    signal_id: str
    institution_id: str
    institution_name: str
    source: str
    kind: str
    severity: str
    evidence: str
    district: str
    township: str
    occurred_at: datetime
    received_at: datetime


class SignalsPublic(BaseModel):
    data: list[SignalPublic]
    count: int


@router.get("/{institution_id}/signals", response_model=SignalsPublic)
def read_signals(
    institution_id: str,
    reader: Reader,
    runtime: RuntimeDep,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
):
    """Every signal about one institution within the caller's area, with source and time."""
    with runtime.session() as session:
        rows, count = signals_of(
            session,
            institution_id=institution_id,
            scope=domain.signal_scope(reader),
            offset=offset,
            limit=limit,
        )
    return SignalsPublic(data=[SignalPublic.model_validate(r) for r in rows], count=count)
