"""Incidents: grid workers report from the street and follow what became of their reports."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Header, status
from pydantic import BaseModel, ConfigDict

from govkit.auth import require_roles
from govkit.http import Page, PageDep, UowDep
from govkit.principal import Principal
from patrol import service
from patrol.domain.access import READER_ROLES, REPORTER_ROLES
from patrol.domain.incidents import IncidentReport

router = APIRouter(prefix="/incidents", tags=["incidents"])

Reporter = Annotated[Principal, Depends(require_roles(REPORTER_ROLES))]
Reader = Annotated[Principal, Depends(require_roles(READER_ROLES))]


class IncidentPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    incident_id: str
    incident_type: str
    description: str
    latitude: float
    longitude: float
    institution_name: str
    institution_address: str
    institution_id: str | None
    reporter: str
    district: str
    township: str
    grid: str
    status: str
    reported_at: datetime


ReportKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=8,
        max_length=100,
        pattern=r"^[A-Za-z0-9_-]+$",
        description="The sender's name for this report (e.g. a UUID made when it was typed): "
        "sent again, the answer is the incident already made, not a second one",
    ),
]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=IncidentPublic)
def report_incident(report: IncidentReport, reporter: Reporter, uow: UowDep, key: ReportKey = None):
    """Report an incident seen on patrol (上报事件); safe to send again under the same key."""
    return service.report(service.ReportIncident(report, reporter, key), uow)


@router.get("", response_model=Page[IncidentPublic])
def read_incidents(reader: Reader, page: PageDep, uow: UowDep):
    """Incidents the caller may see: own reports, their township, district, or the city."""
    rows, count = service.incidents(reader, page, uow)
    return Page[IncidentPublic](data=rows, count=count)


@router.get("/{incident_id}", response_model=IncidentPublic)
def read_incident(incident_id: str, reader: Reader, uow: UowDep):
    """One incident, if it is within the caller's scope."""
    return service.incident(incident_id, reader, uow)
