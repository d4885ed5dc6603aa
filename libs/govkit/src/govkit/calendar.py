"""The working calendar: which days are worked, in which hours, and working-time arithmetic.

Pure and deterministic (workflows compute deadlines with it). Office hours and, per year, the
holidays and make-up working days (调休) of the State Council's notice ship in
`govkit/data/calendar.json`; administrators load later years (`govkit.calendar_feed`). A year
no notice was loaded for follows the weekday rule: Monday to Friday work, weekends rest.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from importlib import resources
from itertools import count
from typing import Any
from zoneinfo import ZoneInfo

WARN_BEFORE = timedelta(days=60)
"""How long before the loaded years run out health pages start to warn."""


@dataclass(frozen=True)
class HolidayYear:
    """One year as the State Council's notice has it: named holidays and make-up working days."""

    year: int
    holidays: Mapping[date, str]
    makeup_workdays: Mapping[date, str]


@dataclass(frozen=True)
class WorkingCalendar:
    timezone: str
    working_hours: tuple[tuple[time, time], ...]
    holidays: tuple[date, ...] = ()
    makeup_workdays: tuple[date, ...] = ()
    # The years whose notice is loaded; the other years follow the weekday rule alone.
    years: tuple[int, ...] = ()

    def with_year(self, notice: HolidayYear) -> WorkingCalendar:
        """This calendar with everything it knew of `notice.year` replaced by the notice."""

        def others(days: tuple[date, ...]) -> tuple[date, ...]:
            return tuple(day for day in days if day.year != notice.year)

        return replace(
            self,
            holidays=tuple(sorted((*others(self.holidays), *notice.holidays))),
            makeup_workdays=tuple(sorted((*others(self.makeup_workdays), *notice.makeup_workdays))),
            years=tuple(sorted({*self.years, notice.year})),
        )

    def coverage(self, now: datetime) -> str:
        """How far the loaded years reach from `now`; a warning from 60 days before they end."""
        today = now.astimezone(ZoneInfo(self.timezone)).date()
        missing = next(year for year in count(today.year) if year not in self.years)
        last = date(missing - 1, 12, 31)
        if missing == today.year:
            return (
                f"warning: 工作日历未载入 {missing} 年，暂按周一至周五为工作日；请载入 {missing} 年 "
                f"(working calendar has no {missing}: Monday to Friday count as working days; "
                f"load {missing})"
            )
        if today < last - WARN_BEFORE:
            return f"ok: 工作日历已载入至 {last} (working calendar loaded up to {last})"
        return (
            f"warning: 工作日历仅载入至 {last}，请载入 {missing} 年 "
            f"(working calendar loaded up to {last}; load {missing})"
        )

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
    """The calendar in the data (the packaged `calendar.json` by default); bad data raises ValueError."""
    raw = _read(text)
    ZoneInfo(raw["timezone"])
    hours = tuple(
        (time.fromisoformat(opens), time.fromisoformat(closes))
        for opens, closes in raw["working_hours"]
    )
    if not hours or any(opens >= closes for opens, closes in hours):
        raise ValueError(f"working_hours must be non-empty (opens, closes) pairs: {hours}")
    base = WorkingCalendar(timezone=raw["timezone"], working_hours=hours)
    return functools.reduce(WorkingCalendar.with_year, shipped_years(text), base)


def shipped_years(text: str | None = None) -> list[HolidayYear]:
    """The years the data carries (the packaged `calendar.json` by default), oldest first."""
    return [
        HolidayYear(int(year), _named(notice["holidays"]), _named(notice["makeup_workdays"]))
        for year, notice in sorted(_read(text).get("years", {}).items())
    ]


def _read(text: str | None) -> dict[str, Any]:
    data = text or resources.files("govkit.data").joinpath("calendar.json").read_text()
    raw: dict[str, Any] = json.loads(data)
    return raw


def _named(days: dict[str, str]) -> dict[date, str]:
    return {date.fromisoformat(day): name for day, name in days.items()}
