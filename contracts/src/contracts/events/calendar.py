"""The working calendar's years, as administrators load them from the State Council's notice."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from contracts.events.base import Message
from contracts.topics import WORKFLOWS_CALENDAR, Topic


class CalendarDay(BaseModel):
    """One date of the notice and what it is called (元旦, 春节调休…)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    date: dt.date
    name: str = Field(min_length=1, max_length=40)


class WorkingCalendarYearLoaded(Message):
    """A year's holidays and make-up working days (调休); it replaces all that was known of it.

    Every other date of the year follows the weekday rule: Monday to Friday work, weekends rest.
    """

    EVENT_TYPE: ClassVar[str] = "gov.workflows.WorkingCalendarYearLoaded.v1"
    TOPIC: ClassVar[Topic] = WORKFLOWS_CALENDAR
    KEY_FIELD: ClassVar[str] = "year"

    year: int = Field(ge=2000, le=2100)
    holidays: list[CalendarDay]
    makeup_workdays: list[CalendarDay]
    notice: str | None = Field(
        default=None, description="The notice it comes from (国务院办公厅关于…节假日安排的通知)"
    )
    loaded_by: str
    loaded_at: AwareDatetime
