"""Patrol's tables: incidents, their photos, leads, and the grids reports are checked against."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from contracts.events import ComplianceViolationFound, IncidentReported
from govkit.tables import utc_column
from patrol.domain.grids import Grid, Ring
from patrol.domain.incidents import IncidentStatus
from patrol.domain.leads import LeadStatus


class PatrolTable(SQLModel, registry=registry()):
    """Base of patrol's own tables."""


class Incident(PatrolTable, table=True):
    __tablename__ = "incidents"
    # A reporter's key names one report however often it is sent (the console's offline queue).
    __table_args__ = (UniqueConstraint("reporter", "report_key", name="uq_incidents_report_key"),)

    incident_id: str = Field(primary_key=True)
    incident_type: str
    description: str
    latitude: float
    longitude: float
    institution_name: str
    institution_address: str
    institution_id: str | None = None
    reporter: str = Field(index=True)
    district: str = Field(index=True)
    township: str = Field(index=True)
    grid: str
    status: str = IncidentStatus.REPORTED.value
    reported_at: datetime = Field(sa_column=utc_column(nullable=False))
    report_key: str | None = None

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
            institution_id=event.institution_id,
            reporter=event.reporter,
            district=event.district,
            township=event.township,
            grid=event.grid,
            reported_at=event.reported_at,
        )


class IncidentPhoto(PatrolTable, table=True):
    """A photo of an incident; its content and thumbnail are kept by sha256 in the photo store."""

    __tablename__ = "incident_photos"

    incident_id: str = Field(primary_key=True, foreign_key="incidents.incident_id")
    sha256: str = Field(primary_key=True)
    media_type: str
    size: int
    thumbnail_sha256: str
    uploaded_by: str
    uploaded_at: datetime = Field(sa_column=utc_column(nullable=False))


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


class GridArea(PatrolTable, table=True):
    """A grid of a township: its polygon as GeoJSON rings of [longitude, latitude]."""

    __tablename__ = "grids"

    code: str = Field(primary_key=True)
    name: str
    district: str = Field(index=True)
    township: str = Field(index=True)
    township_name: str
    rings: list = Field(sa_column=Column(JSON, nullable=False))

    @classmethod
    def from_grid(cls, grid: Grid) -> GridArea:
        rings = [[list(position) for position in ring] for ring in grid.rings]
        return cls(
            code=grid.code,
            name=grid.name,
            district=grid.district,
            township=grid.township,
            township_name=grid.township_name,
            rings=rings,
        )

    def as_grid(self) -> Grid:
        rings: tuple[Ring, ...] = tuple(
            tuple((float(lon), float(lat)) for lon, lat, *_ in ring) for ring in self.rings
        )
        return Grid(
            district=self.district,
            township=self.township,
            township_name=self.township_name,
            code=self.code,
            name=self.name,
            rings=rings,
        )
