"""Patrol leads: where the registry's compliance findings send the grid's patrol."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict

from govkit.auth import require_roles
from govkit.http import Page, PageDep, UowDep
from govkit.principal import Principal
from patrol import service
from patrol.domain.access import READER_ROLES
from patrol.domain.leads import LeadStatus

router = APIRouter(prefix="/leads", tags=["patrol leads"])

Reader = Annotated[Principal, Depends(require_roles(READER_ROLES))]


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


@router.get("", response_model=Page[LeadPublic])
def read_leads(reader: Reader, page: PageDep, uow: UowDep, status: LeadStatus | None = None):
    """Leads in the caller's area: a grid worker's grid, a township, a district, or the city."""
    rows, count = service.leads(reader, status, page, uow)
    return Page[LeadPublic](data=rows, count=count)
