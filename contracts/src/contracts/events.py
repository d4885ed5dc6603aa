"""Contract events and commands. Events are past tense, commands imperative.

Each class names its CloudEvents `type` and the topic it travels on; the key of every
message is the case id (= incident id) so one case stays ordered on one partition, or the
institution id for registry events, so one institution's changes stay in order.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field

from contracts.topics import (
    ENFORCEMENT_CASES,
    ENFORCEMENT_COMMANDS,
    INSTITUTIONS_REGISTRY,
    PATROL_INCIDENTS,
    Topic,
)
from contracts.vocabulary import (
    AccountabilityMeasure,
    Clock,
    Department,
    DisputeRuling,
    EscalationTarget,
    IncidentType,
    InstitutionCategory,
    PauseReason,
    Severity,
    TaskOutcome,
)


class Message(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    EVENT_TYPE: ClassVar[str]
    TOPIC: ClassVar[Topic]

    KEY_FIELD: ClassVar[str] = "case_id"

    def message_key(self) -> str:
        """The Kafka key: everything about one case (or incident) shares a partition."""
        return str(getattr(self, self.KEY_FIELD))


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
    reported_at: datetime
    severity: Severity | None = Field(
        default=None, description="Set by a township officer; otherwise the routing table's"
    )
    departments: list[Department] | None = Field(
        default=None, description="A township officer's own whistle: these departments, lead first"
    )
    institution_category: InstitutionCategory | None = Field(
        default=None, description="A non-subject kind puts its supervising department in the lead"
    )


class DispatchDepartmentTask(Message):
    """Command: open (if new) the case and give one department its task."""

    EVENT_TYPE: ClassVar[str] = "gov.workflows.DispatchDepartmentTask.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_COMMANDS

    task_id: str
    case_id: str
    incident_id: str
    incident_type: IncidentType
    department: Department
    district: str
    township: str
    grid: str
    summary: str
    acknowledge_by: datetime
    handle_by: datetime | None = None
    severity: Severity = Severity.NORMAL
    lead: bool = False


class RecordEscalation(Message):
    """Command: a deadline on a task was missed; record the escalation on it."""

    EVENT_TYPE: ClassVar[str] = "gov.workflows.RecordEscalation.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_COMMANDS

    escalation_id: str
    task_id: str
    case_id: str
    level: int = Field(ge=1)
    reason: str
    missed_deadline: datetime
    clock: Clock = Clock.ACKNOWLEDGE
    reaches: EscalationTarget = EscalationTarget.DEPARTMENT_LEAD


class SendReminder(Message):
    """Command: a deadline on a task is near; remind whoever must act."""

    EVENT_TYPE: ClassVar[str] = "gov.workflows.SendReminder.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_COMMANDS

    reminder_id: str
    task_id: str
    case_id: str
    clock: Clock
    deadline: datetime


class SetTaskDeadlines(Message):
    """Command: a task's deadlines moved (rework, a ruling, a resumed clock)."""

    EVENT_TYPE: ClassVar[str] = "gov.workflows.SetTaskDeadlines.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_COMMANDS

    change_id: str
    task_id: str
    case_id: str
    acknowledge_by: datetime
    handle_by: datetime
    reason: str


class DepartmentTaskDispatched(Message):
    EVENT_TYPE: ClassVar[str] = "gov.enforcement.DepartmentTaskDispatched.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_CASES

    task_id: str
    case_id: str
    department: Department
    district: str
    township: str
    acknowledge_by: datetime
    dispatched_at: datetime
    handle_by: datetime | None = None
    severity: Severity = Severity.NORMAL
    lead: bool = False


class TaskAcknowledged(Message):
    """A department reported for duty (报到)."""

    EVENT_TYPE: ClassVar[str] = "gov.enforcement.TaskAcknowledged.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_CASES

    task_id: str
    case_id: str
    department: Department
    officer: str
    acknowledged_at: datetime


class TaskEscalated(Message):
    EVENT_TYPE: ClassVar[str] = "gov.enforcement.TaskEscalated.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_CASES

    escalation_id: str
    task_id: str
    case_id: str
    department: Department
    level: int
    reason: str
    escalated_at: datetime
    clock: Clock = Clock.ACKNOWLEDGE
    reaches: EscalationTarget = EscalationTarget.DEPARTMENT_LEAD
    district: str | None = None
    township: str | None = None
    missed_deadline: datetime | None = None


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
    submitted_at: datetime
    fine_amount_yuan: int | None = Field(default=None, ge=1)


class CaseClosed(Message):
    """The township verified the result and closed the case."""

    EVENT_TYPE: ClassVar[str] = "gov.enforcement.CaseClosed.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_CASES

    case_id: str
    incident_id: str
    verified_by: str
    closed_at: datetime


class TaskReminded(Message):
    """A deadline on a task is near; the department (or township, for a ruling) was reminded."""

    EVENT_TYPE: ClassVar[str] = "gov.enforcement.TaskReminded.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_CASES

    reminder_id: str
    task_id: str
    case_id: str
    department: Department
    clock: Clock
    deadline: datetime
    reminded_at: datetime


class TaskDeadlinesSet(Message):
    EVENT_TYPE: ClassVar[str] = "gov.enforcement.TaskDeadlinesSet.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_CASES

    task_id: str
    case_id: str
    department: Department
    acknowledge_by: datetime
    handle_by: datetime
    reason: str
    set_at: datetime


class TaskDisputed(Message):
    """A department says the task is not its responsibility (异议); the township must rule."""

    EVENT_TYPE: ClassVar[str] = "gov.enforcement.TaskDisputed.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_CASES

    task_id: str
    case_id: str
    department: Department
    officer: str
    reason: str
    disputed_at: datetime


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
    ruled_at: datetime


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
    sent_back_at: datetime


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
    requested_at: datetime


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
    decided_at: datetime


class ClockResumed(Message):
    EVENT_TYPE: ClassVar[str] = "gov.enforcement.ClockResumed.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_CASES

    pause_id: str
    task_id: str
    case_id: str
    department: Department
    resumed_by: str
    resumed_at: datetime


class DepartmentsCalled(Message):
    """The township called more departments onto a case by hand (吹哨)."""

    EVENT_TYPE: ClassVar[str] = "gov.enforcement.DepartmentsCalled.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_CASES

    case_id: str
    departments: list[Department] = Field(min_length=1)
    reason: str
    called_by: str
    called_at: datetime


class DepartmentReleased(Message):
    """The township took a department off a case; its clocks stop."""

    EVENT_TYPE: ClassVar[str] = "gov.enforcement.DepartmentReleased.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_CASES

    task_id: str
    case_id: str
    department: Department
    reason: str
    released_by: str
    released_at: datetime


class JointActionScheduled(Message):
    """A joint on-site action (联合执法) with several departments."""

    EVENT_TYPE: ClassVar[str] = "gov.enforcement.JointActionScheduled.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_CASES

    action_id: str
    case_id: str
    departments: list[Department] = Field(min_length=2)
    scheduled_for: datetime
    place: str
    scheduled_by: str
    scheduled_at: datetime


class JointActionRecorded(Message):
    EVENT_TYPE: ClassVar[str] = "gov.enforcement.JointActionRecorded.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_CASES

    action_id: str
    case_id: str
    outcome: TaskOutcome
    fine_amount_yuan: int | None = Field(default=None, ge=1)
    note: str
    recorded_by: str
    recorded_at: datetime


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
    issued_at: datetime


class InstitutionRegistered(Message):
    """An institution (or school) entered the registry, by hand or from an imported file."""

    EVENT_TYPE: ClassVar[str] = "gov.institutions.InstitutionRegistered.v1"
    TOPIC: ClassVar[Topic] = INSTITUTIONS_REGISTRY
    KEY_FIELD: ClassVar[str] = "institution_id"

    institution_id: str
    credit_code: str
    name: str
    kind: str
    category: str
    supervising_department: Department | None
    state: str
    district: str
    township: str
    grid: str
    registered_by: str
    registered_at: datetime


class InstitutionChanged(Message):
    """Registry fields of an institution were edited; `fields` names which."""

    EVENT_TYPE: ClassVar[str] = "gov.institutions.InstitutionChanged.v1"
    TOPIC: ClassVar[Topic] = INSTITUTIONS_REGISTRY
    KEY_FIELD: ClassVar[str] = "institution_id"

    institution_id: str
    fields: list[str]
    changed_by: str
    changed_at: datetime


class InstitutionLifecycleChanged(Message):
    """An institution moved through its lifecycle (审批, 整改, 关停, 取缔, 退出): who, when, why."""

    EVENT_TYPE: ClassVar[str] = "gov.institutions.InstitutionLifecycleChanged.v1"
    TOPIC: ClassVar[Topic] = INSTITUTIONS_REGISTRY
    KEY_FIELD: ClassVar[str] = "institution_id"

    institution_id: str
    from_state: str
    to_state: str
    reason: str
    changed_by: str
    changed_at: datetime


class ComplianceViolationFound(Message):
    """A compliance rule newly fails for an institution; carries where it is, for patrols."""

    EVENT_TYPE: ClassVar[str] = "gov.institutions.ComplianceViolationFound.v1"
    TOPIC: ClassVar[Topic] = INSTITUTIONS_REGISTRY
    KEY_FIELD: ClassVar[str] = "institution_id"

    violation_id: str
    institution_id: str
    institution_name: str
    address: str
    rule: str
    evidence: str
    severity: Severity
    district: str
    township: str
    grid: str
    found_at: datetime


class ComplianceViolationResolved(Message):
    """A rule that failed for an institution passes again."""

    EVENT_TYPE: ClassVar[str] = "gov.institutions.ComplianceViolationResolved.v1"
    TOPIC: ClassVar[Topic] = INSTITUTIONS_REGISTRY
    KEY_FIELD: ClassVar[str] = "institution_id"

    violation_id: str
    institution_id: str
    rule: str
    resolved_at: datetime


ALL_MESSAGES: tuple[type[Message], ...] = (
    IncidentReported,
    DispatchDepartmentTask,
    RecordEscalation,
    SendReminder,
    SetTaskDeadlines,
    DepartmentTaskDispatched,
    TaskAcknowledged,
    TaskEscalated,
    TaskOutcomeSubmitted,
    CaseClosed,
    TaskReminded,
    TaskDeadlinesSet,
    TaskDisputed,
    DisputeRuled,
    TaskSentBack,
    ClockPauseRequested,
    ClockPauseDecided,
    ClockResumed,
    DepartmentsCalled,
    DepartmentReleased,
    JointActionScheduled,
    JointActionRecorded,
    AccountabilityMeasureIssued,
    InstitutionRegistered,
    InstitutionChanged,
    InstitutionLifecycleChanged,
    ComplianceViolationFound,
    ComplianceViolationResolved,
)
MESSAGES_BY_TYPE: dict[str, type[Message]] = {m.EVENT_TYPE: m for m in ALL_MESSAGES}


def parse_data(event_type: str, data: dict) -> Message:
    """The typed message inside an envelope; unknown types raise KeyError."""
    return MESSAGES_BY_TYPE[event_type].model_validate(data)
