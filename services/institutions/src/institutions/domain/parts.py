"""Staff, courses and fee plans: their fields, and their compact text form in a file's cell.

In JSON they are lists of objects; in a spreadsheet each list is one cell with `;` between
items, and each item has the text form its class documents. `parse_cell` turns an item into
the fields the model then validates (so both paths refuse the same data), `as_cell` writes it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from govkit.numbers import MAX_YUAN
from govkit.times import WallClockTime


class BackgroundCheck(StrEnum):
    PASSED = "passed"
    PENDING = "pending"
    FAILED = "failed"


class Weekday(StrEnum):
    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"

    @property
    def number(self) -> int:
        """Monday is 0, as `date.weekday()` counts."""
        return list(Weekday).index(self)


class Period(StrEnum):
    TERM = "term"  # 学期中
    HOLIDAY = "holiday"  # 寒暑假


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class StaffMember(_Part):
    """`name/qualified|unqualified/serving|not_serving/passed|pending|failed` in a file."""

    name: str = Field(min_length=1, max_length=50)
    teaching_qualification: bool
    serving_school_teacher: bool
    background_check: BackgroundCheck

    @staticmethod
    def parse_cell(item: str) -> dict[str, Any]:
        parts = [p.strip() for p in item.split("/")]
        if len(parts) != 4:
            raise ValueError(
                f"从业人员格式应为 姓名/qualified|unqualified/serving|not_serving/passed|pending|failed "
                f"(staff {item!r} must be name/qualification/serving/background check)"
            )
        name, qualification, serving, check = parts
        flags = {"qualified": True, "unqualified": False, "serving": True, "not_serving": False}
        if qualification not in ("qualified", "unqualified") or serving not in (
            "serving",
            "not_serving",
        ):
            raise ValueError(
                f"从业人员 {name}: 资质填 qualified/unqualified，在职教师填 serving/not_serving "
                f"(got {qualification!r}, {serving!r})"
            )
        return {
            "name": name,
            "teaching_qualification": flags[qualification],
            "serving_school_teacher": flags[serving],
            "background_check": check,
        }

    def as_cell(self) -> str:
        qualification = "qualified" if self.teaching_qualification else "unqualified"
        serving = "serving" if self.serving_school_teacher else "not_serving"
        return f"{self.name}/{qualification}/{serving}/{self.background_check}"


_COURSE = re.compile(
    r"^(?P<name>[^@]+)@(?P<weekday>\w+)\s+(?P<start>[\d:]+)-(?P<end>[\d:]+)\s+(?P<period>\w+)$"
)


class Course(_Part):
    """`name@weekday HH:MM-HH:MM term|holiday` in a file, e.g. `初中数学@sat 09:00-11:00 term`."""

    name: str = Field(min_length=1, max_length=100)
    weekday: Weekday
    start: WallClockTime
    end: WallClockTime
    period: Period

    @model_validator(mode="after")
    def _ends_after_start(self) -> Course:
        if self.end <= self.start:
            raise ValueError(
                f"课程结束时间须晚于开始时间 (end {self.end} must be after start {self.start})"
            )
        return self

    @staticmethod
    def parse_cell(item: str) -> dict[str, Any]:
        match = _COURSE.match(item)
        if match is None:
            raise ValueError(
                f"课程格式应为 名称@星期 开始-结束 term|holiday，如 初中数学@sat 09:00-11:00 term "
                f"(course {item!r} must look like name@sat 09:00-11:00 term)"
            )
        return match.groupdict()

    def as_cell(self) -> str:
        return f"{self.name}@{self.weekday} {self.start:%H:%M}-{self.end:%H:%M} {self.period}"


class FeePlan(_Part):
    """`amount/lessons/months/prepaid|postpaid` in a file, e.g. `4800/48/3/prepaid`."""

    amount_yuan: Annotated[float, Field(gt=0, le=MAX_YUAN, allow_inf_nan=False)]
    lessons: Annotated[int, Field(ge=1)]
    months: Annotated[int, Field(ge=1)]
    prepaid: bool

    @staticmethod
    def parse_cell(item: str) -> dict[str, Any]:
        parts = [p.strip() for p in item.split("/")]
        if len(parts) != 4 or parts[3] not in ("prepaid", "postpaid"):
            raise ValueError(
                f"收费格式应为 金额/课时/月数/prepaid|postpaid，如 4800/48/3/prepaid "
                f"(fee plan {item!r} must be amount/lessons/months/prepaid|postpaid)"
            )
        amount, lessons, months, paid = parts
        return {
            "amount_yuan": amount,
            "lessons": lessons,
            "months": months,
            "prepaid": paid == "prepaid",
        }

    def as_cell(self) -> str:
        paid = "prepaid" if self.prepaid else "postpaid"
        return f"{self.amount_yuan:g}/{self.lessons}/{self.months}/{paid}"


def items_of(value: object, parse_cell: Callable[[str], dict[str, Any]]) -> object:
    """A list as JSON gives it, or the items of a text cell (`;` between them) parsed."""
    if not isinstance(value, str):
        return value
    return [parse_cell(item.strip()) for item in value.split(";") if item.strip()]


def cell_of(parts: list[StaffMember] | list[Course] | list[FeePlan]) -> str:
    """A list written back as one text cell."""
    return "; ".join(part.as_cell() for part in parts)
