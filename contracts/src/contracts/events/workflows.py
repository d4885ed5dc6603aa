"""Commands the whistle workflow sends enforcement: imperative, each applied once."""

from __future__ import annotations

from typing import ClassVar

from pydantic import AwareDatetime, Field

from contracts.events.base import Message
from contracts.topics import (
    ENFORCEMENT_COMMANDS,
    Topic,
)
from contracts.vocabulary import (
    Clock,
    Department,
    EscalationTarget,
    IncidentType,
    Severity,
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
    acknowledge_by: AwareDatetime
    handle_by: AwareDatetime | None = None
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
    missed_deadline: AwareDatetime
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
    deadline: AwareDatetime


class SetTaskDeadlines(Message):
    """Command: a task's deadlines moved (rework, a ruling, a resumed clock)."""

    EVENT_TYPE: ClassVar[str] = "gov.workflows.SetTaskDeadlines.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_COMMANDS

    change_id: str
    task_id: str
    case_id: str
    acknowledge_by: AwareDatetime
    handle_by: AwareDatetime
    reason: str


class RequestConfirmation(Message):
    """Command: the township closed the case; ask for the on-site confirmation (核查) by then."""

    EVENT_TYPE: ClassVar[str] = "gov.workflows.RequestConfirmation.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_COMMANDS

    case_id: str
    round: int = Field(ge=1)
    confirm_by: AwareDatetime


class RecordConfirmationOverdue(Message):
    """Command: the confirmation of this closure is late; escalate it (once)."""

    EVENT_TYPE: ClassVar[str] = "gov.workflows.RecordConfirmationOverdue.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_COMMANDS

    case_id: str
    round: int = Field(ge=1)
    missed_deadline: AwareDatetime
    reaches: EscalationTarget
    reason: str


class RequestRating(Message):
    """Command: confirmed solved; the reporter may rate the case (评价) until `rate_by`."""

    EVENT_TYPE: ClassVar[str] = "gov.workflows.RequestRating.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_COMMANDS

    case_id: str
    round: int = Field(ge=1)
    rate_by: AwareDatetime


class ExpireRating(Message):
    """Command: the rating window is over; a case not rated by now counts as not rated."""

    EVENT_TYPE: ClassVar[str] = "gov.workflows.ExpireRating.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_COMMANDS

    case_id: str
    round: int = Field(ge=1)
    rate_by: AwareDatetime
