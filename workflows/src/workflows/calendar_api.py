"""The working calendar over HTTP: everyone logged in reads it, administrators load its years.

A load is checked whole, then recorded on the compacted calendar topic, which is the calendar's
only record (ADR 0008); this process and every other that computes with the calendar follow it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from contracts.envelope import Envelope
from contracts.events import CalendarDay
from govkit.auth import PrincipalDep, require_roles
from govkit.calendar_feed import CalendarFeed, KnownYear, holiday_year
from govkit.principal import Principal, Role
from govkit.times import WallClockTime
from workflows.calendar_files import read_notice
from workflows.domain.calendar_year import Row, RowError, YearLoad, YearRejected, checked_year

log = logging.getLogger(__name__)
router = APIRouter(prefix="/calendar", tags=["working calendar"])

Admin = Annotated[Principal, Depends(require_roles(Role.ADMIN))]
SOURCE = "/workflows/calendar"
MAX_UPLOAD_BYTES = 1024 * 1024
WEEKDAY_RULE = (
    "未载入的年份：周一至周五为工作日，周末休息 "
    "(a year without a loaded notice: Monday to Friday are working days, weekends are not)"
)


class DayRow(BaseModel):
    """One date of the notice: `kind` is holiday (放假) or workday (调休上班)."""

    date: str = ""
    kind: str = ""
    name: str = ""


class YearBody(BaseModel):
    notice: str | None = None
    days: list[DayRow]


class YearPublic(BaseModel):
    year: int
    holidays: list[CalendarDay]
    makeup_workdays: list[CalendarDay]
    notice: str | None
    loaded_by: str | None  # None: shipped with the platform (govkit/data/calendar.json)
    loaded_at: datetime | None


class CalendarPublic(BaseModel):
    timezone: str
    working_hours: list[tuple[WallClockTime, WallClockTime]]
    coverage: str
    rule_for_other_years: str
    years: list[YearPublic]


class YearRejectedReport(BaseModel):
    detail: str
    errors: list[RowError]


@router.get("/years", response_model=CalendarPublic)
def read_calendar(_caller: PrincipalDep, request: Request):
    """Office hours, how far the loaded years reach (a warning 60 days before they end), each year."""
    feed: CalendarFeed = request.app.state.calendar
    calendar = feed.current
    return CalendarPublic(
        timezone=calendar.timezone,
        working_hours=list(calendar.working_hours),
        coverage=calendar.coverage(request.app.state.clock()),
        rule_for_other_years=WEEKDAY_RULE,
        years=[_public(known) for known in feed.known_years()],
    )


@router.get("/years/{year}", response_model=YearPublic)
def read_year(year: int, _caller: PrincipalDep, request: Request):
    """One year's holidays and make-up working days, and who loaded them when."""
    known = request.app.state.calendar.known(year)
    if known is None:
        raise HTTPException(404, f"{year} 年尚未载入 ({year} is not loaded). {WEEKDAY_RULE}")
    return _public(known)


@router.put(
    "/years/{year}",
    response_model=YearPublic,
    responses={422: {"model": YearRejectedReport, "description": "bad rows, each named"}},
)
async def load_year(year: int, body: YearBody, admin: Admin, request: Request):
    """Load (or replace) a year: every date of the notice, each a holiday or a make-up workday."""
    rows = [(number, day.model_dump()) for number, day in enumerate(body.days, start=1)]
    return await _load(request, year, rows, body.notice, admin)


@router.post(
    "/years/{year}/import",
    response_model=YearPublic,
    responses={422: {"model": YearRejectedReport, "description": "bad rows, each named"}},
)
async def import_year(
    year: int,
    file: UploadFile,
    admin: Admin,
    request: Request,
    notice: Annotated[str | None, Query(description="the notice, if the file does not say")] = None,
):
    """Load (or replace) a year from a CSV (`date,kind,name`) or a JSON file like the PUT body."""
    content = await file.read(MAX_UPLOAD_BYTES + 1)
    if len(content) > MAX_UPLOAD_BYTES:
        raise HTTPException(413, "文件过大 (file larger than 1 MB: one year is a few dozen rows)")
    in_file, rows = read_notice(file.filename or "", content)
    return await _load(request, year, rows, notice or in_file, admin)


async def _load(
    request: Request,
    year: int,
    rows: Sequence[tuple[int, Row]],
    notice: str | None,
    admin: Principal,
) -> YearPublic | JSONResponse:
    """Check the year whole, record it on the topic, and use it here at once."""
    state = request.app.state
    now = state.clock()
    try:
        loaded = checked_year(YearLoad(year, rows, notice, admin.username, now))
    except YearRejected as rejected:
        report = YearRejectedReport(detail=str(rejected), errors=rejected.errors)
        return JSONResponse(status_code=422, content=report.model_dump())
    envelope = Envelope.of(loaded, event_id=state.new_id(), source=SOURCE, time=now)
    try:
        await state.broker.publish(
            envelope.model_dump(mode="json"),
            topic=state.calendar_topic,
            key=loaded.message_key().encode(),
        )
    except Exception as exc:
        log.exception("working calendar: %s not recorded", year)
        raise HTTPException(
            503, f"未能记录，{year} 年未载入，请重试 (could not record {year} on Kafka; retry)"
        ) from exc
    feed: CalendarFeed = state.calendar
    feed.apply(loaded)
    return _public(KnownYear(holiday_year(loaded), loaded))


def _public(known: KnownYear) -> YearPublic:
    loaded = known.loaded
    return YearPublic(
        year=known.days.year,
        holidays=[CalendarDay(date=d, name=n) for d, n in sorted(known.days.holidays.items())],
        makeup_workdays=[
            CalendarDay(date=d, name=n) for d, n in sorted(known.days.makeup_workdays.items())
        ],
        notice=loaded.notice if loaded else None,
        loaded_by=loaded.loaded_by if loaded else None,
        loaded_at=loaded.loaded_at if loaded else None,
    )
