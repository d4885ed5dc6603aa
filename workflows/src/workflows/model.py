"""Inputs, signals and state of the whistle workflow: plain dataclasses Temporal can carry."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from govkit.calendar import WorkingCalendar


@dataclass
class ClockRule:
    within_seconds: int
    working_time: bool
    remind_before_seconds: int
    ladder_step_seconds: int
    ladder: list[str]


@dataclass
class ClockPolicy:
    acknowledge: ClockRule
    handle: dict[str, ClockRule]
    ruling: ClockRule


@dataclass
class WhistleInput:
    case_id: str
    incident_id: str
    incident_type: str
    district: str
    township: str
    grid: str
    summary: str
    departments: list[str]
    severity: str
    policy: ClockPolicy
    calendar: WorkingCalendar


class Step(StrEnum):
    """Where one department's task stands, as the workflow sees it."""

    DISPATCHED = "dispatched"
    ACKNOWLEDGED = "acknowledged"
    DISPUTED = "disputed"
    HANDLED = "handled"
    REASSIGNED = "reassigned"
    RELEASED = "released"


ENDED_STEPS = frozenset({Step.HANDLED, Step.REASSIGNED, Step.RELEASED})


@dataclass
class DepartmentProgress:
    department: str
    task_id: str
    lead: bool
    step: str
    acknowledge_by: datetime
    handle_by: datetime
    acknowledge_cycle: int = 0
    handle_cycle: int = 0
    ruling_by: datetime | None = None
    ruling_cycle: int = 0
    suspended_since: datetime | None = None
    paused: bool = False
    escalation_level: int = 0
    rework_count: int = 0
    done: list[str] = field(default_factory=list)


@dataclass
class WhistleState:
    case_id: str
    severity: str
    closed: bool
    departments: list[DepartmentProgress] = field(default_factory=list)
    events_applied: int = 0
    district: str = ""
    township: str = ""


class CaseEventKind(StrEnum):
    ACKNOWLEDGED = "acknowledged"
    HANDLED = "handled"
    DISPUTED = "disputed"
    RULED_INSIST = "ruled_insist"
    RULED_REASSIGN = "ruled_reassign"
    SENT_BACK = "sent_back"
    PAUSED = "paused"
    RESUMED = "resumed"
    DEPARTMENTS_CALLED = "departments_called"
    RELEASED = "released"
    CLOSED = "closed"


@dataclass
class CaseEvent:
    """What happened on the case, told by the bridge; `event_id` makes redelivery harmless."""

    event_id: str
    kind: str
    task_id: str | None = None
    departments: list[str] = field(default_factory=list)


@dataclass
class DispatchTaskInput:
    workflow_id: str
    task_id: str
    case_id: str
    incident_id: str
    incident_type: str
    department: str
    lead: bool
    district: str
    township: str
    grid: str
    summary: str
    severity: str
    acknowledge_by: datetime
    handle_by: datetime


@dataclass
class EscalationInput:
    escalation_id: str
    task_id: str
    case_id: str
    clock: str
    level: int
    reaches: str
    reason: str
    missed_deadline: datetime


@dataclass
class ReminderInput:
    reminder_id: str
    task_id: str
    case_id: str
    clock: str
    deadline: datetime


@dataclass
class DeadlinesInput:
    change_id: str
    task_id: str
    case_id: str
    acknowledge_by: datetime
    handle_by: datetime
    reason: str


def whistle_workflow_id(incident_id: str) -> str:
    """One whistle per incident: a redelivered report maps to the same workflow."""
    return f"whistle-{incident_id}"
