"""What a viewer may ask of the metrics: a grouping, and filters that narrow the viewer's scope
(district, township, department, incident type, inclusive week and opening-day ranges).

The checks raise ValueError because they run as validators while the request is parsed, so a
bad query is answered 422 naming the parameter, like every other malformed parameter.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from contracts.vocabulary import Department, IncidentType
from govkit.days import Day, not_before
from oversight.domain.metrics import GroupBy

_WEEK = re.compile(r"(\d{4})-W(\d{2})")


def check_week(value: str | None) -> str | None:
    """An ISO week such as 2026-W47 (weeks 01-52, or 53 in the years that have one)."""
    if value is None:
        return None
    match = _WEEK.fullmatch(value)
    if match is None or not _week_exists(int(match[1]), int(match[2])):
        raise ValueError(
            f"周格式错误 ({value!r} is not an ISO week; expected YYYY-Www, e.g. 2026-W47)"
        )
    return value


def check_week_range(from_week: str | None, to_week: str | None) -> None:
    """Both ends are inclusive; an empty range is a caller's mistake, not an empty answer."""
    if from_week and to_week and from_week > to_week:
        raise ValueError(
            f"周范围无效 (from_week {from_week} is after to_week {to_week}; "
            "expected from_week <= to_week)"
        )


def _week_exists(year: int, week: int) -> bool:
    try:
        date.fromisocalendar(year, week, 1)
    except ValueError:
        return False
    return True


Week = Annotated[
    str | None,
    AfterValidator(check_week),
    Field(description="ISO week in Asia/Shanghai, inclusive, e.g. 2026-W47"),
]


class MetricsQuery(BaseModel):
    """How to group the tasks, and filters that narrow the viewer's scope (never widen it)."""

    model_config = ConfigDict(frozen=True)

    group_by: GroupBy = Field(description="department, township or week")
    district: str | None = Field(default=None, min_length=1)
    township: str | None = Field(default=None, min_length=1)
    department: Department | None = None
    incident_type: IncidentType | None = Field(
        default=None,
        description="The case's incident type (tasks dispatched before it was carried have none)",
    )
    from_week: Week = None
    to_week: Week = None
    opened_from: Day = None  # the day a task's case was opened (its first dispatch)
    opened_to: Day = None

    @field_validator("to_week")
    @classmethod
    def _not_before_from_week(cls, to_week: str | None, info: ValidationInfo) -> str | None:
        check_week_range(info.data.get("from_week"), to_week)
        return to_week

    @field_validator("opened_to")
    @classmethod
    def _not_before_opened_from(cls, last: date | None, info: ValidationInfo) -> date | None:
        return not_before(last, info, "opened_from")
