"""The risk exchange: level changes, and the stability whistle a red level blows.

Events travel on `risk.events` keyed by the institution, so one institution's levels stay in
order.
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import AwareDatetime, Field

from contracts.events.base import Message
from contracts.events.patrol import GeoPoint
from contracts.topics import RISK_EVENTS, Topic
from contracts.vocabulary import Department, IncidentType, InstitutionCategory, Severity


class _RiskEvent(Message):
    TOPIC: ClassVar[Topic] = RISK_EVENTS
    KEY_FIELD: ClassVar[str] = "institution_id"


class RiskLevelChanged(_RiskEvent):
    """An institution's level (green / yellow / red) changed; `reasons` say which signals and
    rules made it."""

    EVENT_TYPE: ClassVar[str] = "gov.risk.RiskLevelChanged.v1"

    change_id: str
    institution_id: str
    institution_name: str
    institution_address: str
    district: str
    township: str
    grid: str
    from_level: str
    to_level: str
    score: float
    reasons: list[str]
    changed_at: AwareDatetime


class RiskIncidentRaised(_RiskEvent):
    """An institution turned red: blow the stability whistle once per red episode (ADR 0008)."""

    # The fields the whistle reads have the same names and types as `IncidentReported`'s.

    EVENT_TYPE: ClassVar[str] = "gov.risk.RiskIncidentRaised.v1"

    incident_id: str = Field(description="The red episode's id; the case id")
    incident_type: IncidentType
    description: str
    institution_name: str
    institution_address: str
    reporter: str = Field(description="The risk exchange")
    district: str
    township: str
    grid: str
    reported_at: AwareDatetime
    institution_id: str
    location: GeoPoint | None = None
    severity: Severity | None = None
    departments: list[Department] | None = Field(default=None, description="None: the table's")
    institution_category: InstitutionCategory | None = None
