"""Response bodies of the enforcement API (requests are `enforcement.domain.requests`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from contracts.events import GeoPoint
from enforcement.service.cases import CaseRecord


class TaskPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    task_id: str
    case_id: str
    department: str
    lead: bool
    district: str
    township: str
    severity: str
    status: str
    acknowledge_by: datetime
    handle_by: datetime | None
    dispatched_at: datetime
    acknowledged_at: datetime | None
    acknowledged_by: str | None
    escalation_level: int
    dispute_reason: str | None
    pause_state: str
    rework_count: int
    outcome: str | None
    outcome_note: str | None
    fine_amount_yuan: int | None
    handled_at: datetime | None


class TimelineEntryPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    event_type: str
    at: datetime
    data: dict[str, Any]


class JointActionPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    action_id: str
    departments: list[str]
    scheduled_for: datetime
    place: str
    scheduled_by: str
    outcome: str | None
    fine_amount_yuan: int | None
    note: str | None
    recorded_at: datetime | None


class ConfirmationPublic(BaseModel):
    """The on-site confirmation (核查) of the case's latest closure."""

    model_config = ConfigDict(from_attributes=True)

    confirmer_role: str = Field(description="grid_worker (the reporting grid) or township_officer")
    confirmation_status: str = Field(description="awaiting, solved or not_solved (re-opened)")
    confirm_by: datetime
    confirmed_by: str | None
    confirmed_at: datetime | None
    confirmation_note: str | None


class RatingPublic(BaseModel):
    """The reporter's rating (评价) of the case's latest closure, once confirmed solved."""

    model_config = ConfigDict(from_attributes=True)

    rating_status: str = Field(description="awaiting, rated, not_rated, or reviewed (a 不满意)")
    rate_by: datetime
    satisfaction: str | None = Field(description="satisfied, basically_satisfied, dissatisfied")
    rating_reason: str | None
    rated_at: datetime | None


class CaseSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    case_id: str
    incident_id: str
    incident_type: str
    summary: str
    district: str
    township: str
    status: str
    opened_at: datetime
    closed_at: datetime | None
    closed_by: str | None
    reporter: str | None = Field(description="Who reported the incident; null until it arrives")
    reported_at: datetime | None
    description: str | None
    institution_name: str | None
    institution_address: str | None
    institution_id: str | None = Field(
        description="The registry's id (GET /api/institutions/institutions/{id}); null when "
        "the report named a place the registry does not know"
    )
    location: GeoPoint | None
    closures: int = Field(description="How often the township closed it (re-openings in between)")
    confirmation: ConfirmationPublic | None = Field(description="null until asked for")
    rating: RatingPublic | None = Field(description="null until confirmed solved")


class CasePublic(CaseSummary):
    tasks: list[TaskPublic] = []
    joint_actions: list[JointActionPublic] = []
    timeline: list[TimelineEntryPublic] = []

    @classmethod
    def of(cls, record: CaseRecord) -> CasePublic:
        return cls.model_validate(
            CaseSummary.model_validate(record.case).model_dump()
            | {
                "tasks": record.tasks,
                "joint_actions": record.joint_actions,
                "timeline": record.timeline,
            }
        )


class NotificationPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    case_id: str
    task_id: str | None
    kind: str
    message: str
    at: datetime


class AccountabilityPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    measure_id: str
    department: str
    district: str
    measure: str
    misses: int
    period: str
    case_id: str
    task_id: str
    issued_at: datetime
