"""Events patrol publishes: incidents reported from the street."""

from __future__ import annotations

from typing import ClassVar

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from contracts.events.base import Message
from contracts.topics import (
    PATROL_INCIDENTS,
    Topic,
)
from contracts.vocabulary import (
    Department,
    IncidentType,
    InstitutionCategory,
    ReporterRole,
    Severity,
)


class GeoPoint(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)


class IncidentReported(Message):
    """A grid worker raised an incident at an institution or address."""

    EVENT_TYPE: ClassVar[str] = "gov.patrol.IncidentReported.v1"
    TOPIC: ClassVar[Topic] = PATROL_INCIDENTS
    KEY_FIELD: ClassVar[str] = "incident_id"

    incident_id: str
    incident_type: IncidentType
    description: str
    location: GeoPoint
    institution_name: str
    institution_address: str
    reporter: str
    district: str
    township: str
    grid: str
    reported_at: AwareDatetime
    severity: Severity | None = Field(
        default=None, description="Set by a township officer; otherwise the routing table's"
    )
    departments: list[Department] | None = Field(
        default=None, description="A township officer's own whistle: these departments, lead first"
    )
    institution_category: InstitutionCategory | None = Field(
        default=None, description="A non-subject kind puts its supervising department in the lead"
    )
    reporter_role: ReporterRole | None = Field(
        default=None,
        description="Who confirms the case on site: the grid, or the township for its own "
        "whistle; absent on reports from before it was recorded (read as a grid worker's)",
    )
    institution_id: str | None = Field(
        default=None,
        description="The registry's id of the institution, when the reporter picked it from "
        "the registry; absent for a place the registry does not know (an unlicensed one)",
    )
