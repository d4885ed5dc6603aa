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
    CLOSED = "closed"  # the township verified and closed it (办结); a re-opening makes it open


class ConfirmationStatus(StrEnum):
    """The on-site confirmation (核查) of the case's latest closure."""

    AWAITING = "awaiting"
    SOLVED = "solved"
    NOT_SOLVED = "not_solved"  # the case was re-opened


class RatingStatus(StrEnum):
    """The reporter's rating (评价) of the case's latest closure confirmed solved."""

    AWAITING = "awaiting"  # the window is open
    RATED = "rated"
    NOT_RATED = "not_rated"  # the window closed without a rating
    REVIEWED = "reviewed"  # a 不满意 the township answered (re-opened, or kept closed)


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
    district: str
    township: str
    grid: str
    status: str
    closures: int
    reporter: str | None
    reporter_role: str | None
    confirmation_status: str | None
    rating_status: str | None
    rate_by: datetime | None
    satisfaction: str | None


class JointActionState(Protocol):
    action_id: str
    case_id: str
    recorded_at: datetime | None


def active(task: TaskState) -> bool:
    """Still on the case: not reassigned to another department and not released."""
    return task.status not in TASK_ENDED
