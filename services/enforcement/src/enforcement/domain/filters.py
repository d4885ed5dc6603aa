"""What a reader may narrow tasks and cases by; a filter narrows the reader's scope, never widens it.

The checks raise ValueError because they run while the query is parsed, so a bad value is
answered 422 naming the parameter and what it accepts, like every other malformed parameter.
"""

from __future__ import annotations

import contextlib
import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated, Protocol
from zoneinfo import ZoneInfo

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator

from contracts.vocabulary import Department, IncidentType, TaskStatus
from enforcement.domain.states import CaseStatus, PauseState

LOCAL_TIME = ZoneInfo("Asia/Shanghai")
"""Whose calendar days the date filters mean (the working calendar's time zone)."""

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _day(value: object) -> object:
    """A calendar day written YYYY-MM-DD; anything else is refused saying so."""
    if value is None or isinstance(value, date):
        return value
    text = str(value)
    if _DAY.fullmatch(text):
        with contextlib.suppress(ValueError):  # e.g. 2026-02-30
            return date.fromisoformat(text)
    raise ValueError(f"日期格式错误 ({text!r} is not a day; expected YYYY-MM-DD, e.g. 2026-11-23)")


Day = Annotated[
    date | None,
    BeforeValidator(_day),
    Field(description="A day in Asia/Shanghai, YYYY-MM-DD, inclusive"),
]


def days_between(first: date | None, last: date | None) -> tuple[datetime | None, datetime | None]:
    """The UTC moments [start, end) the inclusive days first..last cover in Asia/Shanghai."""

    def midnight(day: date) -> datetime:
        return datetime.combine(day, time(), LOCAL_TIME).astimezone(UTC)

    return (
        midnight(first) if first else None,
        midnight(last + timedelta(days=1)) if last else None,
    )


def _not_before(last: date | None, info: ValidationInfo, first_name: str) -> date | None:
    """An empty range is a caller's mistake, not an empty answer."""
    first = info.data.get(first_name)
    if first and last and first > last:
        raise ValueError(
            f"日期范围无效 ({first_name} {first} is after {info.field_name} {last}; "
            f"expected {first_name} <= {info.field_name})"
        )
    return last


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
    township: str | None = Field(default=None, min_length=1)
    department: Department | None = Field(
        default=None, description="Cases this department was called onto"
    )
    incident_type: IncidentType | None = None
    overdue: bool | None = Field(
        default=None,
        description="true: a case with at least one overdue task (see `GET /tasks`); "
        "false: a case with none",
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


OVERDUE_STATUSES = frozenset({TaskStatus.DISPATCHED, TaskStatus.ACKNOWLEDGED})
"""The statuses in which a department's own clock runs (a dispute stops it)."""


def overdue(task: ClockedTask, now: datetime) -> bool:
    """Past its 报到 deadline unacknowledged or its 处置 deadline, not done (at it is on time)."""
    if task.status not in OVERDUE_STATUSES or task.pause_state == PauseState.PAUSED:
        return False
    late_to_acknowledge = task.status == TaskStatus.DISPATCHED and task.acknowledge_by < now
    return late_to_acknowledge or (task.handle_by is not None and task.handle_by < now)
