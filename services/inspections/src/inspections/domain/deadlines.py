"""An order's first deadline: the close of office on the Nth working day after its issue."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field

from contracts.vocabulary import Severity
from govkit.calendar import WorkingCalendar


class RectificationRules(BaseModel):
    """Working days an order gets, by the severity of its most pressing finding."""

    model_config = ConfigDict(frozen=True)

    deadline_working_days: dict[Severity, int] = Field(min_length=len(Severity))

    def most_pressing(self, severities: Iterable[Severity]) -> Severity:
        """The severity that leaves the least time (an order's findings share one deadline)."""
        return min(severities, key=lambda s: self.deadline_working_days[s])


def rectification_rules(raw: Mapping[str, Any]) -> RectificationRules:
    rules = RectificationRules.model_validate(raw)
    if any(days < 1 for days in rules.deadline_working_days.values()):
        raise ValueError(f"deadline_working_days must be at least 1: {raw}")
    return rules


def first_deadline(issued_at: datetime, working_days: int, calendar: WorkingCalendar) -> datetime:
    """Count working days after the day of issue (holidays and weekends skipped, 调休 counted)."""
    zone = ZoneInfo(calendar.timezone)
    day = issued_at.astimezone(zone).date()
    counted = 0
    while counted < working_days:
        day += timedelta(days=1)
        if calendar.is_working_day(day):
            counted += 1
    closes = calendar.working_hours[-1][1]
    return datetime.combine(day, closes, tzinfo=zone).astimezone(issued_at.tzinfo)
