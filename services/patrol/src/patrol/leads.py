"""Patrol leads HTTP API: where the registry's compliance findings send the grid's patrol."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, ConfigDict

from govkit.auth import Principal, require_roles
from govkit.deps import RuntimeDep
from patrol import domain
from patrol.store import list_leads

router = APIRouter(prefix="/leads", tags=["patrol leads"])

Reader = Annotated[Principal, Depends(require_roles(*domain.READER_ROLES))]


class LeadPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    lead_id: str
    institution_id: str
    institution_name: str
    address: str
    rule: str
    evidence: str
    severity: str
    district: str
    township: str
    grid: str
    status: str
    found_at: datetime


class LeadsPublic(BaseModel):
    data: list[LeadPublic]
    count: int


@router.get("", response_model=LeadsPublic)
def read_leads(
    reader: Reader,
    runtime: RuntimeDep,
    status: domain.LeadStatus | None = None,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
):
    """Leads in the caller's area: a grid worker's grid, a township, a district, or the city."""
    with runtime.session() as session:
        rows, count = list_leads(
            session, scope=domain.lead_scope(reader), status=status, offset=offset, limit=limit
        )
    return LeadsPublic(data=[LeadPublic.model_validate(r) for r in rows], count=count)
