"""Patrol HTTP API: grid workers report incidents and follow what became of them."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, status
from pydantic import BaseModel

from govkit.auth import Principal, require_roles
from govkit.deps import RuntimeDep
from govkit.outbox import record_event
from patrol import domain
from patrol.store import Incident, get_incident, list_incidents

router = APIRouter(prefix="/incidents", tags=["incidents"])

Reporter = Annotated[Principal, Depends(require_roles(*domain.REPORTER_ROLES))]
Reader = Annotated[Principal, Depends(require_roles(*domain.READER_ROLES))]


class IncidentPublic(BaseModel):
    incident_id: str
    incident_type: str
    description: str
    latitude: float
    longitude: float
    institution_name: str
    institution_address: str
    reporter: str
    district: str
    township: str
    grid: str
    status: str
    reported_at: datetime


class IncidentsPublic(BaseModel):
    data: list[IncidentPublic]
    count: int


@router.post("", status_code=status.HTTP_201_CREATED, response_model=IncidentPublic)
def report_incident(report: domain.IncidentReport, reporter: Reporter, runtime: RuntimeDep):
    """Report an incident seen on patrol (上报事件)."""
    try:
        event = domain.report_incident(
            report, reporter, incident_id=runtime.new_id(), now=runtime.clock()
        )
    except domain.NotInAGrid as exc:
        raise HTTPException(
            403, "账号未分配网格 (your account has no district/township/grid)"
        ) from exc
    except domain.NotYourChoice as exc:
        raise HTTPException(422, str(exc)) from exc
    with runtime.session() as session:
        incident = Incident.from_event(event)
        session.add(incident)
        record_event(
            session, event, source=runtime.source, event_id=runtime.new_id(), now=event.reported_at
        )
        session.commit()
    runtime.relay.notify()
    return incident


@router.get("", response_model=IncidentsPublic)
def read_incidents(
    reader: Reader,
    runtime: RuntimeDep,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
):
    """Incidents the caller may see: own reports, their township, district, or the city."""
    with runtime.session() as session:
        rows, count = list_incidents(
            session, scope=domain.visibility(reader), offset=offset, limit=limit
        )
    return IncidentsPublic(
        data=[IncidentPublic.model_validate(r, from_attributes=True) for r in rows], count=count
    )


@router.get("/{incident_id}", response_model=IncidentPublic)
def read_incident(incident_id: str, reader: Reader, runtime: RuntimeDep):
    """One incident, if it is within the caller's scope."""
    with runtime.session() as session:
        incident = get_incident(session, incident_id=incident_id, scope=domain.visibility(reader))
    if incident is None:
        raise HTTPException(404, f"事件不存在或无权查看 (no incident {incident_id} in your scope)")
    return incident
