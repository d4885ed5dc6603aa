"""The statistics table (“双减”督导有关情况统计表): its figures, rows, total and invariant.

The store counts figures per unit (township or district) into tallies; this module turns them
into rows in the annex's terms. Every figure but the number of inspectors sent adds up across
rows (a unit lies in one township); inspectors are counted once for the total.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, model_validator

from contracts.events.inspections import UnitKind
from contracts.vocabulary import AccountabilityMeasure

Tally = Counter[tuple[str, str]]
"""Counts by (figure, column): a column is a unit kind, `schools`, or a ladder rung."""

SCHOOLS = "schools"
TOTAL = "合计"


class Figure(StrEnum):
    INSPECTED = "inspected"  # distinct units inspected
    INSPECTORS = "inspectors"  # distinct inspectors who inspected schools
    ORDERS = "orders"
    UNITS_WITH_PROBLEMS = "units_with_problems"
    UNITS_RECTIFIED = "units_rectified"
    PROBLEMS_FOUND = "problems_found"
    PROBLEMS_RECTIFIED = "problems_rectified"
    PROBLEMS_RECTIFYING = "problems_rectifying"
    ESCALATIONS = "escalations"


class Level(StrEnum):
    """Whose table: the city's (a row per district), a district's (per township), a township's."""

    CITY = "city"
    DISTRICT = "district"
    TOWNSHIP = "township"


ROWS_BY: dict[Level, str] = {
    Level.CITY: "district",
    Level.DISTRICT: "township",
    Level.TOWNSHIP: "township",
}


class StatisticsRequest(BaseModel):
    """Which table, for which period (dates in Asia/Shanghai, both inclusive)."""

    model_config = ConfigDict(populate_by_name=True)

    level: Level = Level.CITY
    district: str | None = Field(default=None, max_length=50)
    township: str | None = Field(default=None, max_length=50)
    from_date: date | None = Field(default=None, alias="from")
    to_date: date | None = Field(default=None, alias="to")

    @model_validator(mode="after")
    def _consistent(self) -> StatisticsRequest:
        if self.level != Level.CITY and not self.district:
            raise ValueError(f"level={self.level.value} needs district (区)")
        if self.level == Level.TOWNSHIP and not self.township:
            raise ValueError("level=township needs township (街道)")
        if self.from_date and self.to_date and self.to_date < self.from_date:
            raise ValueError("to must not be before from")
        return self


class Period(BaseModel):
    """[start, end) in UTC; None leaves that side open."""

    model_config = ConfigDict(frozen=True)

    start: datetime | None = None
    end: datetime | None = None


def period_of(request: StatisticsRequest, timezone: str = "Asia/Shanghai") -> Period:
    zone = ZoneInfo(timezone)

    def midnight(day: date) -> datetime:
        return datetime.combine(day, time(0), tzinfo=zone)

    return Period(
        start=midnight(request.from_date) if request.from_date else None,
        end=midnight(request.to_date + timedelta(days=1)) if request.to_date else None,
    )


class SchoolSplit(BaseModel):
    total: int
    primary: int
    junior: int


class UnitSplit(BaseModel):
    total: int
    primary: int
    junior: int
    institutions: int


class Accountability(BaseModel):
    """督办单 / 通报 / 约谈 / 问责 recorded on overdue orders."""

    supervision_notices: int
    public_notices: int
    formal_talks: int
    accountability: int


class StatisticsRow(BaseModel):
    unit: str
    institutions_inspected: int
    institutions_subject: int
    institutions_non_subject: int
    inspectors_sent: SchoolSplit
    schools_inspected: SchoolSplit
    notices_issued: SchoolSplit
    orders_issued: UnitSplit
    units_with_problems: UnitSplit
    units_rectified: UnitSplit
    problems_found: UnitSplit
    problems_rectified: UnitSplit
    problems_rectifying: UnitSplit
    accountability: Accountability

    def balanced(self) -> bool:
        """存在问题 = 已完成整改 + 正在整改, in every column."""
        found, done, doing = self.problems_found, self.problems_rectified, self.problems_rectifying
        return all(
            getattr(found, c) == getattr(done, c) + getattr(doing, c)
            for c in UnitSplit.model_fields
        )


class MainProblem(BaseModel):
    item_no: int
    item: str
    count: int


class StatisticsTable(BaseModel):
    level: Level
    district: str | None
    township: str | None
    from_date: date | None
    to_date: date | None
    rows: list[StatisticsRow]
    total: StatisticsRow
    main_problems: list[MainProblem]


def _schools(tally: Tally, figure: Figure) -> SchoolSplit:
    primary = tally[figure, UnitKind.PRIMARY_SCHOOL]
    junior = tally[figure, UnitKind.JUNIOR_SCHOOL]
    return SchoolSplit(total=primary + junior, primary=primary, junior=junior)


def _units(tally: Tally, figure: Figure) -> UnitSplit:
    schools = _schools(tally, figure)
    institutions = (
        tally[figure, UnitKind.SUBJECT_INSTITUTION]
        + tally[figure, UnitKind.NON_SUBJECT_INSTITUTION]
    )
    return UnitSplit(
        total=schools.total + institutions,
        primary=schools.primary,
        junior=schools.junior,
        institutions=institutions,
    )


def row_of(unit: str, tally: Tally) -> StatisticsRow:
    """One row of the table from its unit's tally."""
    subject = tally[Figure.INSPECTED, UnitKind.SUBJECT_INSTITUTION]
    non_subject = tally[Figure.INSPECTED, UnitKind.NON_SUBJECT_INSTITUTION]
    inspectors = _schools(tally, Figure.INSPECTORS)
    return StatisticsRow(
        unit=unit,
        institutions_inspected=subject + non_subject,
        institutions_subject=subject,
        institutions_non_subject=non_subject,
        inspectors_sent=inspectors.model_copy(update={"total": tally[Figure.INSPECTORS, SCHOOLS]}),
        schools_inspected=_schools(tally, Figure.INSPECTED),
        notices_issued=_schools(tally, Figure.ORDERS),
        orders_issued=_units(tally, Figure.ORDERS),
        units_with_problems=_units(tally, Figure.UNITS_WITH_PROBLEMS),
        units_rectified=_units(tally, Figure.UNITS_RECTIFIED),
        problems_found=_units(tally, Figure.PROBLEMS_FOUND),
        problems_rectified=_units(tally, Figure.PROBLEMS_RECTIFIED),
        problems_rectifying=_units(tally, Figure.PROBLEMS_RECTIFYING),
        accountability=Accountability(
            supervision_notices=tally[Figure.ESCALATIONS, AccountabilityMeasure.SUPERVISION_NOTICE],
            public_notices=tally[Figure.ESCALATIONS, AccountabilityMeasure.PUBLIC_NOTICE],
            formal_talks=tally[Figure.ESCALATIONS, AccountabilityMeasure.FORMAL_TALK],
            accountability=tally[
                Figure.ESCALATIONS, AccountabilityMeasure.DISCIPLINARY_ACCOUNTABILITY
            ],
        ),
    )


def table_of(
    request: StatisticsRequest,
    by_unit: Mapping[str, Tally],
    inspectors_overall: Tally,
    main_problems: list[MainProblem],
) -> StatisticsTable:
    """Rows in unit order and the total: sums, except inspectors, who are counted once."""
    total: Tally = Counter()
    for tally in by_unit.values():
        total.update({key: n for key, n in tally.items() if key[0] != Figure.INSPECTORS})
    total.update(inspectors_overall)
    return StatisticsTable(
        level=request.level,
        district=request.district,
        township=request.township,
        from_date=request.from_date,
        to_date=request.to_date,
        rows=[row_of(unit, by_unit[unit]) for unit in sorted(by_unit)],
        total=row_of(TOTAL, total),
        main_problems=main_problems,
    )
