"""Patrol's tables: incidents and leads."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from contracts.events import ComplianceViolationFound, IncidentReported
from govkit.tables import utc_column
from patrol.domain.incidents import IncidentStatus
from patrol.domain.leads import LeadStatus


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
    reported_at: datetime = Field(sa_column=utc_column(nullable=False))

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
    found_at: datetime = Field(sa_column=utc_column(nullable=False))

    @classmethod
    def from_violation(cls, event: ComplianceViolationFound) -> PatrolLead:
        return cls(
            lead_id=event.violation_id,
            severity=event.severity.value,
            **event.model_dump(exclude={"violation_id", "severity"}),
        )
