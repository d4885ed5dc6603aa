"""Contract events and commands. Events are past tense, commands imperative.

Each class names its CloudEvents `type` and the topic it travels on; the key of every
message is the case id (= incident id) so one case stays ordered on one partition.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field

from contracts.topics import ENFORCEMENT_CASES, ENFORCEMENT_COMMANDS, PATROL_INCIDENTS, Topic
from contracts.vocabulary import Department, IncidentType, TaskOutcome


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


class CaseClosed(Message):
    """The township verified the result and closed the case."""

    EVENT_TYPE: ClassVar[str] = "gov.enforcement.CaseClosed.v1"
    TOPIC: ClassVar[Topic] = ENFORCEMENT_CASES

    case_id: str
    incident_id: str
    verified_by: str
    closed_at: datetime


ALL_MESSAGES: tuple[type[Message], ...] = (
    IncidentReported,
    DispatchDepartmentTask,
    RecordEscalation,
    DepartmentTaskDispatched,
    TaskAcknowledged,
    TaskEscalated,
    TaskOutcomeSubmitted,
    CaseClosed,
)
MESSAGES_BY_TYPE: dict[str, type[Message]] = {m.EVENT_TYPE: m for m in ALL_MESSAGES}


def parse_data(event_type: str, data: dict) -> Message:
    """The typed message inside an envelope; unknown types raise KeyError."""
    return MESSAGES_BY_TYPE[event_type].model_validate(data)
