"""The working calendar: which days are worked, in which hours, and working-time arithmetic.

Pure and deterministic (workflows compute deadlines with it). The data — holidays, make-up
working days (调休) and office hours — comes from `govkit/data/calendar.json`, never from code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from importlib import resources
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class WorkingCalendar:
    timezone: str
    working_hours: tuple[tuple[time, time], ...]
    holidays: tuple[date, ...] = ()
    makeup_workdays: tuple[date, ...] = ()

    def is_rest_day(self, day: date) -> bool:
        """A statutory holiday, or a weekend that is not a make-up working day."""
        if day in self.holidays:
            return True
        return day.weekday() >= 5 and day not in self.makeup_workdays

    def is_working_day(self, day: date) -> bool:
        return not self.is_rest_day(day)

    def add_working_time(self, start: datetime, amount: timedelta) -> datetime:
        """The instant when `amount` of working time has elapsed after `start`."""
        if amount < timedelta(0):
            raise ValueError(f"working time must not be negative, got {amount}")
        zone = ZoneInfo(self.timezone)
        cursor, left = start.astimezone(zone), amount
        for opens, closes in self._periods_from(cursor):
            begin = max(cursor, opens)
            available = closes - begin
            if left <= available:
                return (begin + left).astimezone(start.tzinfo)
            left -= available
        raise AssertionError("unreachable: periods are endless")

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Working time elapsed from `start` to `end` (zero if `end` is not after `start`)."""
        if end <= start:
            return timedelta(0)
        zone = ZoneInfo(self.timezone)
        cursor, finish, total = start.astimezone(zone), end.astimezone(zone), timedelta(0)
        for opens, closes in self._periods_from(cursor):
            if opens >= finish:
                return total
            total += min(closes, finish) - max(cursor, opens)
        raise AssertionError("unreachable: periods are endless")

    def _periods_from(self, moment: datetime):
        """Working periods (opens, closes) that end after `moment`, in order, endlessly."""
        day = moment.date()
        while True:
            if self.is_working_day(day):
                for opens, closes in self.working_hours:
                    period = (_at(day, opens, moment.tzinfo), _at(day, closes, moment.tzinfo))
                    if period[1] > moment:
                        yield period
            day += timedelta(days=1)


def _at(day: date, clock: time, zone) -> datetime:
    return datetime.combine(day, clock, tzinfo=zone)


def load_calendar(text: str | None = None) -> WorkingCalendar:
    """Parse calendar data (the packaged `calendar.json` by default); bad data raises ValueError."""
    raw = json.loads(text or resources.files("govkit.data").joinpath("calendar.json").read_text())
    ZoneInfo(raw["timezone"])
    hours = tuple(
        (time.fromisoformat(opens), time.fromisoformat(closes))
        for opens, closes in raw["working_hours"]
    )
    if not hours or any(opens >= closes for opens, closes in hours):
        raise ValueError(f"working_hours must be non-empty (opens, closes) pairs: {hours}")
    return WorkingCalendar(
        timezone=raw["timezone"],
        working_hours=hours,
        holidays=tuple(sorted(date.fromisoformat(d) for d in raw.get("holidays", {}))),
        makeup_workdays=tuple(
            sorted(date.fromisoformat(d) for d in raw.get("makeup_workdays", {}))
        ),
    )
