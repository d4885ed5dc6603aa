"""States of tasks, cases and pauses, and the shapes the rules read."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Protocol

from contracts.vocabulary import TASK_ENDED


class PauseState(StrEnum):
    NONE = "none"
    REQUESTED = "requested"
    PAUSED = "paused"


class CaseStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class TaskState(Protocol):
    task_id: str
    case_id: str
    department: str
    district: str
    township: str
    status: str
    pause_state: str
    pause_id: str | None
    rework_count: int


class CaseState(Protocol):
    case_id: str
    incident_id: str
    township: str
    status: str


class JointActionState(Protocol):
    action_id: str
    case_id: str
    recorded_at: datetime | None


def active(task: TaskState) -> bool:
    """Still on the case: not reassigned to another department and not released."""
    return task.status not in TASK_ENDED
