"""What a reader may narrow tasks and cases by; a filter narrows the reader's scope, never widens it.

The checks raise ValueError because they run while the query is parsed, so a bad value is
answered 422 naming the parameter and what it accepts, like every other malformed parameter.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Protocol

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from contracts.vocabulary import Department, IncidentType, TaskStatus
from enforcement.domain.states import CaseStatus, PauseState
from govkit.days import LOCAL_TIME as LOCAL_TIME
from govkit.days import Day
from govkit.days import days_between as days_between
from govkit.days import not_before as _not_before


class TaskFilters(BaseModel):
    """`GET /tasks`: every filter given must hold; none given lists the whole scope."""

    model_config = ConfigDict(frozen=True)

    status: TaskStatus | None = None
    case_id: str | None = Field(
        default=None, min_length=1, description="A case's id, which is its incident's id"
    )
    department: Department | None = None
    incident_type: IncidentType | None = None
    overdue: bool | None = Field(
        default=None,
        description="true: past its 报到 deadline unacknowledged or its 处置 deadline, while "
        "dispatched or acknowledged and not paused; false: every other task",
    )
    pause_state: PauseState | None = Field(
        default=None, description="none, requested (the township is to decide) or paused"
    )
    dispatched_from: Day = None
    dispatched_to: Day = None

    @field_validator("dispatched_to")
    @classmethod
    def _range(cls, last: date | None, info: ValidationInfo) -> date | None:
        return _not_before(last, info, "dispatched_from")


class CaseFilters(BaseModel):
    """`GET /cases`: every filter given must hold; none given lists the whole scope."""

    model_config = ConfigDict(frozen=True)

    status: CaseStatus | None = None
    district: str | None = Field(default=None, min_length=1)
    township: str | None = Field(default=None, min_length=1)
    department: Department | None = Field(
        default=None, description="Cases this department was called onto"
    )
    incident_type: IncidentType | None = None
    institution_id: str | None = Field(
        default=None, min_length=1, max_length=64, description="Cases about this registry entry"
    )
    overdue: bool | None = Field(
        default=None,
        description="true: a case with at least one overdue task (see `GET /tasks`); "
        "false: a case with none",
    )
    missed_deadline: bool | None = Field(
        default=None,
        description="true: a case with a task (of `department` when given, in the caller's "
        "scope) that ever missed its 报到 or 处置 deadline; false: a case with none "
        "(oversight's overdue cases)",
    )
    escalated: bool | None = Field(
        default=None,
        description="true: a case with a task (of `department` when given, in the caller's "
        "scope) at escalation level 2 (the district office) or higher; false: a case with none "
        "(oversight's escalated cases)",
    )
    opened_from: Day = None  # the day of its first dispatch
    opened_to: Day = None

    @field_validator("opened_to")
    @classmethod
    def _range(cls, last: date | None, info: ValidationInfo) -> date | None:
        return _not_before(last, info, "opened_from")


class ClockedTask(Protocol):
    status: str
    pause_state: str
    acknowledge_by: datetime
    handle_by: datetime | None


ESCALATED_LEVEL = 2
"""A task is escalated once it reaches the district office (rung 2) or above."""

OVERDUE_STATUSES = frozenset({TaskStatus.DISPATCHED, TaskStatus.ACKNOWLEDGED})
"""The statuses in which a department's own clock runs (a dispute stops it)."""


def overdue(task: ClockedTask, now: datetime) -> bool:
    """Past its 报到 deadline unacknowledged or its 处置 deadline, not done (at it is on time)."""
    if task.status not in OVERDUE_STATUSES or task.pause_state == PauseState.PAUSED:
        return False
    late_to_acknowledge = task.status == TaskStatus.DISPATCHED and task.acknowledge_by < now
    return late_to_acknowledge or (task.handle_by is not None and task.handle_by < now)
