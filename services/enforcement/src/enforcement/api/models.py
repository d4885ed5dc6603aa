"""Request and response bodies of the enforcement API."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from contracts.vocabulary import Department, DisputeRuling, PauseReason, TaskOutcome

T = TypeVar("T")


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Reason(_Request):
    reason: str = Field(min_length=1, max_length=2000)


class OutcomeReport(_Request):
    outcome: TaskOutcome
    note: str = Field(min_length=1, max_length=2000)
    fine_amount_yuan: int | None = Field(default=None, ge=1, le=100_000_000)


class Ruling(_Request):
    ruling: DisputeRuling
    reassign_to: Department | None = None
    reason: str = Field(min_length=1, max_length=2000)


class PauseRequest(_Request):
    reason: PauseReason
    note: str = Field(min_length=1, max_length=2000)


class PauseDecision(_Request):
    approved: bool


class CallDepartments(_Request):
    departments: list[Department] = Field(min_length=1, max_length=len(Department))
    reason: str = Field(min_length=1, max_length=2000)


class JointActionPlan(_Request):
    departments: list[Department] = Field(min_length=2, max_length=len(Department))
    scheduled_for: datetime
    place: str = Field(min_length=1, max_length=500)


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


class Page(BaseModel, Generic[T]):
    data: list[T]
    count: int


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


class CasePublic(CaseSummary):
    tasks: list[TaskPublic] = []
    joint_actions: list[JointActionPublic] = []
    timeline: list[TimelineEntryPublic] = []


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
