"""The whistle workflow's input and state, in the contract's vocabulary."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from contracts.vocabulary import Department, EscalationTarget, IncidentType, Severity, TaskStatus
from govkit.calendar import WorkingCalendar


@dataclass
class ClockRule:
    within_seconds: int
    working_time: bool
    remind_before_seconds: int
    ladder_step_seconds: int
    ladder: list[EscalationTarget]


@dataclass
class ClockPolicy:
    acknowledge: ClockRule
    handle: dict[Severity, ClockRule]
    ruling: ClockRule


@dataclass
class WhistleInput:
    case_id: str
    incident_id: str
    incident_type: IncidentType
    district: str
    township: str
    grid: str
    summary: str
    departments: list[Department]
    severity: Severity
    policy: ClockPolicy
    calendar: WorkingCalendar


@dataclass
class DepartmentProgress:
    """One department's task: its status as enforcement announced it, and the whistle's clocks."""

    department: Department
    task_id: str
    lead: bool
    step: TaskStatus
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
    severity: Severity
    closed: bool
    departments: list[DepartmentProgress] = field(default_factory=list)
    events_applied: int = 0
    district: str = ""
    township: str = ""


def whistle_workflow_id(incident_id: str) -> str:
    """One whistle per incident: a redelivered report maps to the same workflow."""
    return f"whistle-{incident_id}"
