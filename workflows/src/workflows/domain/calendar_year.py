"""Checking a year of the working calendar, row by row, before anything is loaded.

An administrator loads a year as the State Council's notice publishes it: one row per date with
its kind (holiday 放假, or workday 调休上班) and its name. Every row is checked, so the refusal
names every bad row at once; a year with any bad row is not loaded at all.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from pydantic import BaseModel

from contracts.events import CalendarDay, WorkingCalendarYearLoaded
from govkit.errors import Invalid

FIRST_YEAR, LAST_YEAR = 2000, 2100
MAX_NAME = 40
HOLIDAY, WORKDAY = "holiday", "workday"
KINDS = {"holiday": HOLIDAY, "放假": HOLIDAY, "workday": WORKDAY, "调休上班": WORKDAY}
WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")

Row = Mapping[str, object]
"""One row as the file or request has it: `date`, `kind`, `name`."""


class RowError(BaseModel):
    row: int
    field: str
    reason: str


class YearRejected(Invalid):
    """Some rows are wrong: nothing of the year was loaded."""

    def __init__(self, year: int, errors: list[RowError]) -> None:
        super().__init__(
            f"{year} 年日历有误，未载入 ({len(errors)} problems in {year}; nothing was loaded)"
        )
        self.errors = errors


@dataclass(frozen=True)
class YearLoad:
    """An administrator's load of one year: numbered rows, the notice they come from."""

    year: int
    rows: Sequence[tuple[int, Row]]
    notice: str | None
    by: str
    at: datetime


def checked_year(load: YearLoad) -> WorkingCalendarYearLoaded:
    """The loaded year if every row is right; otherwise YearRejected naming each bad row."""
    if not FIRST_YEAR <= load.year <= LAST_YEAR:
        raise Invalid(
            f"年份应在 {FIRST_YEAR} 至 {LAST_YEAR} 之间 (year must be {FIRST_YEAR}-{LAST_YEAR})"
        )
    if not load.rows:
        raise Invalid("没有任何日期 (no dates: list the year's holidays and make-up working days)")
    errors: list[RowError] = []
    days: dict[str, list[CalendarDay]] = {HOLIDAY: [], WORKDAY: []}
    first_row_of: dict[date, tuple[int, str]] = {}
    for number, row in load.rows:
        problems = _row_problems(load.year, row)
        if problems:
            errors.extend(RowError(row=number, field=f, reason=r) for f, r in problems)
            continue
        day, kind = date.fromisoformat(_text(row, "date")), KINDS[_text(row, "kind")]
        if day in first_row_of:
            errors.append(
                RowError(row=number, field="date", reason=_repeat(day, *first_row_of[day], kind))
            )
            continue
        first_row_of[day] = (number, kind)
        days[kind].append(CalendarDay(date=day, name=_text(row, "name")))
    if errors:
        raise YearRejected(load.year, errors)
    return WorkingCalendarYearLoaded(
        year=load.year,
        holidays=sorted(days[HOLIDAY], key=lambda d: d.date),
        makeup_workdays=sorted(days[WORKDAY], key=lambda d: d.date),
        notice=load.notice or None,
        loaded_by=load.by,
        loaded_at=load.at,
    )


def _row_problems(year: int, row: Row) -> list[tuple[str, str]]:
    """(field, reason) of everything wrong with one row on its own."""
    problems: list[tuple[str, str]] = []
    day = _date(_text(row, "date"))
    if day is None:
        problems.append(
            ("date", f"日期应为 YYYY-MM-DD (date must be YYYY-MM-DD, got {_text(row, 'date')!r})")
        )
    elif day.year != year:
        problems.append(("date", f"{day} 不在 {year} 年内 ({day} is outside {year})"))
    kind = KINDS.get(_text(row, "kind"))
    if kind is None:
        problems.append(
            (
                "kind",
                "类型应为 holiday（放假）或 workday（调休上班） "
                f"(kind must be holiday or workday, got {_text(row, 'kind')!r})",
            )
        )
    elif kind == WORKDAY and day is not None and day.weekday() < 5:
        problems.append(
            (
                "kind",
                f"{day} 是{WEEKDAYS[day.weekday()]}，本就上班；调休上班日应在周六或周日 "
                f"({day} is a {day:%A}, a working day anyway; "
                "a make-up working day falls on a Saturday or Sunday)",
            )
        )
    name = _text(row, "name")
    if not name or len(name) > MAX_NAME:
        problems.append(
            (
                "name",
                f"名称须为 1 至 {MAX_NAME} 字，如 春节 (name of 1-{MAX_NAME} characters, e.g. 春节)",
            )
        )
    return problems


def _repeat(day: date, first: int, first_kind: str, kind: str) -> str:
    if kind == first_kind:
        return f"与第 {first} 行重复 ({day} repeats row {first})"
    return (
        f"与第 {first} 行冲突：同一天不能既放假又调休上班 "
        f"({day} cannot be both a holiday and a make-up working day: see row {first})"
    )


def _text(row: Row, field: str) -> str:
    value = row.get(field)
    return "" if value is None else str(value).strip()


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
