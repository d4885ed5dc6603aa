"""Patrol's tables and queries."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, DateTime
from sqlalchemy.orm import registry
from sqlmodel import Field, Session, SQLModel, col, func, select

from contracts.events import ComplianceViolationFound, IncidentReported
from patrol.domain import IncidentStatus, LeadStatus


class PatrolTable(SQLModel, registry=registry()):
    """Base of patrol's own tables."""


class Incident(PatrolTable, table=True):
    __tablename__ = "incidents"

    incident_id: str = Field(primary_key=True)
    incident_type: str
    description: str
    latitude: float
    longitude: float
    institution_name: str
    institution_address: str
    reporter: str = Field(index=True)
    district: str = Field(index=True)
    township: str = Field(index=True)
    grid: str
    status: str = IncidentStatus.REPORTED.value
    reported_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))

    @classmethod
    def from_event(cls, event: IncidentReported) -> Incident:
        return cls(
            incident_id=event.incident_id,
            incident_type=event.incident_type.value,
            description=event.description,
            latitude=event.location.latitude,
            longitude=event.location.longitude,
            institution_name=event.institution_name,
            institution_address=event.institution_address,
            reporter=event.reporter,
            district=event.district,
            township=event.township,
            grid=event.grid,
            reported_at=event.reported_at,
        )


class PatrolLead(PatrolTable, table=True):
    """A place for the grid's patrol to look: a compliance violation the registry found."""

    __tablename__ = "patrol_leads"

    lead_id: str = Field(primary_key=True)
    institution_id: str = Field(index=True)
    institution_name: str
    address: str
    rule: str
    evidence: str
    severity: str
    district: str = Field(index=True)
    township: str = Field(index=True)
    grid: str = Field(index=True)
    status: str = LeadStatus.OPEN.value
    found_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))

    @classmethod
    def from_violation(cls, event: ComplianceViolationFound) -> PatrolLead:
        return cls(
            lead_id=event.violation_id,
            severity=event.severity.value,
            **event.model_dump(exclude={"violation_id", "severity"}),
        )


def list_leads(
    session: Session, *, scope: dict[str, str] | None, status: str | None, offset: int, limit: int
) -> tuple[list[PatrolLead], int]:
    query = select(PatrolLead)
    for column, value in (scope or {}).items():
        query = query.where(getattr(PatrolLead, column) == value)
    if status is not None:
        query = query.where(PatrolLead.status == status)
    count = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(
        query.order_by(col(PatrolLead.found_at).desc()).offset(offset).limit(limit)
    ).all()
    return list(rows), count


def list_incidents(
    session: Session, *, scope: dict[str, str] | None, offset: int, limit: int
) -> tuple[list[Incident], int]:
    query = select(Incident)
    for column, value in (scope or {}).items():
        query = query.where(getattr(Incident, column) == value)
    count = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(
        query.order_by(col(Incident.reported_at).desc()).offset(offset).limit(limit)
    ).all()
    return list(rows), count


def get_incident(
    session: Session, *, incident_id: str, scope: dict[str, str] | None
) -> Incident | None:
    incident = session.get(Incident, incident_id)
    if incident is None or any(getattr(incident, c) != v for c, v in (scope or {}).items()):
        return None
    return incident
