"""Events enforcement publishes about cases and their department tasks."""

from __future__ import annotations

from typing import ClassVar

from pydantic import AwareDatetime, Field

from contracts.events.base import Message
from contracts.topics import (
    ENFORCEMENT_CASES,
    Topic,
)
from contracts.vocabulary import (
    AccountabilityMeasure,
    Clock,
    Department,
    DisputeRuling,
    EscalationTarget,
    IncidentType,
    PauseReason,
    Severity,
    TaskOutcome,
)


class DepartmentTaskDispatched(Message):
    EVENT_TYPE: ClassVar[str] = "gov.enforcement.DepartmentTaskDispatched.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_CASES

    task_id: str
    case_id: str
    department: Department
    district: str
    township: str
    acknowledge_by: AwareDatetime
    dispatched_at: AwareDatetime
    handle_by: AwareDatetime | None = None
    severity: Severity = Severity.NORMAL
    lead: bool = False
    # The case's incident type, so a reader of this topic alone can count by it (absent on
    # tasks dispatched before it was carried).
    incident_type: IncidentType | None = None


class TaskAcknowledged(Message):
    """A department reported for duty (报到)."""

    EVENT_TYPE: ClassVar[str] = "gov.enforcement.TaskAcknowledged.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_CASES

    task_id: str
    case_id: str
    department: Department
    officer: str
    acknowledged_at: AwareDatetime


class TaskEscalated(Message):
    EVENT_TYPE: ClassVar[str] = "gov.enforcement.TaskEscalated.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_CASES

    escalation_id: str
    task_id: str
    case_id: str
    department: Department
    level: int
    reason: str
    escalated_at: AwareDatetime
    clock: Clock = Clock.ACKNOWLEDGE
    reaches: EscalationTarget = EscalationTarget.DEPARTMENT_LEAD
    district: str | None = None
    township: str | None = None
    missed_deadline: AwareDatetime | None = None


class TaskOutcomeSubmitted(Message):
    """A department fed back what it did."""

    EVENT_TYPE: ClassVar[str] = "gov.enforcement.TaskOutcomeSubmitted.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_CASES

    task_id: str
    case_id: str
    department: Department
    officer: str
    outcome: TaskOutcome
    note: str
    submitted_at: AwareDatetime
    fine_amount_yuan: int | None = Field(default=None, ge=1)


class CaseClosed(Message):
    """The township verified the result and closed the case."""

    EVENT_TYPE: ClassVar[str] = "gov.enforcement.CaseClosed.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_CASES

    case_id: str
    incident_id: str
    verified_by: str
    closed_at: AwareDatetime


class TaskReminded(Message):
    """A deadline on a task is near; the department (or township, for a ruling) was reminded."""

    EVENT_TYPE: ClassVar[str] = "gov.enforcement.TaskReminded.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_CASES

    reminder_id: str
    task_id: str
    case_id: str
    department: Department
    clock: Clock
    deadline: AwareDatetime
    reminded_at: AwareDatetime


class TaskDeadlinesSet(Message):
    EVENT_TYPE: ClassVar[str] = "gov.enforcement.TaskDeadlinesSet.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_CASES

    task_id: str
    case_id: str
    department: Department
    acknowledge_by: AwareDatetime
    handle_by: AwareDatetime
    reason: str
    set_at: AwareDatetime


class TaskDisputed(Message):
    """A department says the task is not its responsibility (异议); the township must rule."""

    EVENT_TYPE: ClassVar[str] = "gov.enforcement.TaskDisputed.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_CASES

    task_id: str
    case_id: str
    department: Department
    officer: str
    reason: str
    disputed_at: AwareDatetime


class DisputeRuled(Message):
    """The township ruled on a dispute: the department must act, or another one is called."""

    EVENT_TYPE: ClassVar[str] = "gov.enforcement.DisputeRuled.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_CASES

    task_id: str
    case_id: str
    department: Department
    ruling: DisputeRuling
    reassign_to: Department | None = None
    reason: str
    ruled_by: str
    ruled_at: AwareDatetime


class TaskSentBack(Message):
    """The township did not accept a department's result (返工); its handling clock restarts."""

    EVENT_TYPE: ClassVar[str] = "gov.enforcement.TaskSentBack.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_CASES

    task_id: str
    case_id: str
    department: Department
    reason: str
    officer: str
    rework_count: int = Field(ge=1)
    sent_back_at: AwareDatetime


class ClockPauseRequested(Message):
    EVENT_TYPE: ClassVar[str] = "gov.enforcement.ClockPauseRequested.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_CASES

    pause_id: str
    task_id: str
    case_id: str
    department: Department
    reason: PauseReason
    note: str
    requested_by: str
    requested_at: AwareDatetime


class ClockPauseDecided(Message):
    """The township approved (the handling clock stops) or refused a pause request."""

    EVENT_TYPE: ClassVar[str] = "gov.enforcement.ClockPauseDecided.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_CASES

    pause_id: str
    task_id: str
    case_id: str
    department: Department
    approved: bool
    decided_by: str
    decided_at: AwareDatetime


class ClockResumed(Message):
    EVENT_TYPE: ClassVar[str] = "gov.enforcement.ClockResumed.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_CASES

    pause_id: str
    task_id: str
    case_id: str
    department: Department
    resumed_by: str
    resumed_at: AwareDatetime


class DepartmentsCalled(Message):
    """The township called more departments onto a case by hand (吹哨)."""

    EVENT_TYPE: ClassVar[str] = "gov.enforcement.DepartmentsCalled.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_CASES

    case_id: str
    departments: list[Department] = Field(min_length=1)
    reason: str
    called_by: str
    called_at: AwareDatetime


class DepartmentReleased(Message):
    """The township took a department off a case; its clocks stop."""

    EVENT_TYPE: ClassVar[str] = "gov.enforcement.DepartmentReleased.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_CASES

    task_id: str
    case_id: str
    department: Department
    reason: str
    released_by: str
    released_at: AwareDatetime


class JointActionScheduled(Message):
    """A joint on-site action (联合执法) with several departments."""

    EVENT_TYPE: ClassVar[str] = "gov.enforcement.JointActionScheduled.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_CASES

    action_id: str
    case_id: str
    departments: list[Department] = Field(min_length=2)
    scheduled_for: AwareDatetime
    place: str
    scheduled_by: str
    scheduled_at: AwareDatetime


class JointActionRecorded(Message):
    EVENT_TYPE: ClassVar[str] = "gov.enforcement.JointActionRecorded.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_CASES

    action_id: str
    case_id: str
    outcome: TaskOutcome
    fine_amount_yuan: int | None = Field(default=None, ge=1)
    note: str
    recorded_by: str
    recorded_at: AwareDatetime


class AccountabilityMeasureIssued(Message):
    """A department's misses crossed a threshold of the accountability rule."""

    EVENT_TYPE: ClassVar[str] = "gov.enforcement.AccountabilityMeasureIssued.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_CASES

    measure_id: str
    case_id: str
    task_id: str
    department: Department
    district: str
    measure: AccountabilityMeasure
    misses: int = Field(ge=1)
    period: str = Field(description="The period the misses are counted in, e.g. 2026-11")
    issued_at: AwareDatetime
