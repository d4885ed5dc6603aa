"""The whistle workflow's input and state, in the contract's vocabulary."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from contracts.vocabulary import Department, EscalationTarget, IncidentType, Severity, TaskStatus
from govkit.calendar import WorkingCalendar


@dataclass
class Window:
    """A span from a start: wall-clock time, or working time on the calendar."""

    within_seconds: int
    working_time: bool


@dataclass
class ClockRule(Window):
    remind_before_seconds: int
    ladder_step_seconds: int
    ladder: list[EscalationTarget]


@dataclass
class ConfirmRule(Window):
    """The on-site confirmation's deadline; a missed one is escalated once, to `escalate_to`."""

    escalate_to: EscalationTarget


@dataclass
class ClosureRules:
    """What follows the township's closure: the confirmation (核查), then the rating (评价)."""

    confirm: ConfirmRule
    rating: Window


@dataclass
class ClockPolicy:
    acknowledge: ClockRule
    handle: dict[Severity, ClockRule]
    ruling: ClockRule
    # None in whistles started before confirmation and rating: they end when the case closes.
    closure: ClosureRules | None = None


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


class CasePhase(StrEnum):
    """Where the whole case stands for the whistle."""

    HANDLING = "handling"  # the departments are at work
    CONFIRMING = "confirming"  # closed; the reporting grid (or the township) is to confirm
    RATING = "rating"  # confirmed solved; the reporter may rate
    REVIEWING = "reviewing"  # rated 不满意; the township decides whether to re-open
    ENDED = "ended"  # nothing left to time


@dataclass
class WhistleState:
    case_id: str
    severity: Severity
    closed: bool
    departments: list[DepartmentProgress] = field(default_factory=list)
    events_applied: int = 0
    district: str = ""
    township: str = ""
    phase: CasePhase = CasePhase.HANDLING
    closures: int = 0
    confirm_by: datetime | None = None
    rate_by: datetime | None = None


def whistle_workflow_id(incident_id: str) -> str:
    """One whistle per incident: a redelivered report maps to the same workflow."""
    return f"whistle-{incident_id}"
