"""What the registry knows about one institution or school, validated field by field.

The same model parses a JSON request and a row of an imported file: staff, courses and fee
plans arrive as lists in JSON and as compact text cells in a spreadsheet (formats below), so
both paths accept and refuse exactly the same data.
"""

from __future__ import annotations

import re
from datetime import date, time
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from contracts.vocabulary import Department
from institutions.credit_code import problem_with


class Kind(StrEnum):
    TRAINING_INSTITUTION = "training_institution"
    SCHOOL = "school"


class Category(StrEnum):
    SUBJECT = "subject"  # 学科类
    NON_SUBJECT = "non_subject"  # 非学科类


class NonSubjectKind(StrEnum):
    SPORTS = "sports"
    CULTURE_ARTS = "culture_arts"
    SCIENCE_TECHNOLOGY = "science_technology"
    OTHER = "other"


class AgeGroup(StrEnum):
    PRESCHOOL = "preschool"
    PRIMARY = "primary"
    JUNIOR_SECONDARY = "junior_secondary"
    SENIOR_SECONDARY = "senior_secondary"


class State(StrEnum):
    PENDING = "pending"  # 待审批
    APPROVED = "approved"  # 已审批/纳管
    RECTIFYING = "rectifying"  # 整改中
    CLOSED = "closed"  # 停业/关停
    BANNED = "banned"  # 取缔
    EXITED = "exited"  # 有序退出


class ListStatus(StrEnum):
    NONE = "none"
    WHITE = "white"  # 白名单
    BLACK = "black"  # 黑名单


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


class Course(_Part):
    """`name@weekday HH:MM-HH:MM term|holiday` in a file, e.g. `初中数学@sat 09:00-11:00 term`."""

    name: str = Field(min_length=1, max_length=100)
    weekday: Weekday
    start: time
    end: time
    period: Period

    @model_validator(mode="after")
    def _ends_after_start(self) -> Course:
        if self.end <= self.start:
            raise ValueError(
                f"课程结束时间须晚于开始时间 (end {self.end} must be after start {self.start})"
            )
        return self


class FeePlan(_Part):
    """`amount/lessons/months/prepaid|postpaid` in a file, e.g. `4800/48/3/prepaid`."""

    amount_yuan: Annotated[float, Field(gt=0)]
    lessons: Annotated[int, Field(ge=1)]
    months: Annotated[int, Field(ge=1)]
    prepaid: bool


def _split(cell: str) -> list[str]:
    return [item.strip() for item in cell.split(";") if item.strip()]


def _staff_from_text(item: str) -> dict:
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


_COURSE = re.compile(
    r"^(?P<name>[^@]+)@(?P<weekday>\w+)\s+(?P<start>[\d:]+)-(?P<end>[\d:]+)\s+(?P<period>\w+)$"
)


def _course_from_text(item: str) -> dict:
    match = _COURSE.match(item)
    if match is None:
        raise ValueError(
            f"课程格式应为 名称@星期 开始-结束 term|holiday，如 初中数学@sat 09:00-11:00 term "
            f"(course {item!r} must look like name@sat 09:00-11:00 term)"
        )
    return match.groupdict()


def _fee_from_text(item: str) -> dict:
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


class InstitutionData(BaseModel):
    """Every registry field of an institution or school (the import columns, in this order)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    credit_code: str
    name: str = Field(min_length=2, max_length=200)
    address: str = Field(min_length=2, max_length=300)
    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)
    district: str = Field(min_length=1, max_length=50)
    township: str = Field(min_length=1, max_length=50)
    grid: str = Field(min_length=1, max_length=50)
    kind: Kind = Kind.TRAINING_INSTITUTION
    category: Category
    non_subject_kind: NonSubjectKind | None = None
    age_group: AgeGroup
    school_licence_no: str | None = None
    school_licence_valid_until: date | None = None
    business_licence_no: str | None = None
    business_licence_valid_until: date | None = None
    non_profit: bool = False
    supervising_department: Department | None = None
    state: State = State.PENDING
    list_status: ListStatus = ListStatus.NONE
    list_reason: str | None = Field(default=None, max_length=300)
    list_date: date | None = None
    fund_account: str | None = Field(default=None, max_length=64)
    unsettled_prepaid_yuan: float = Field(default=0, ge=0)
    staff: list[StaffMember] = []
    courses: list[Course] = []
    fee_plans: list[FeePlan] = []

    @field_validator("credit_code")
    @classmethod
    def _valid_code(cls, code: str) -> str:
        code = code.upper()
        if problem := problem_with(code):
            raise ValueError(problem)
        return code

    @field_validator("staff", mode="before")
    @classmethod
    def _staff_text(cls, value):
        return [_staff_from_text(i) for i in _split(value)] if isinstance(value, str) else value

    @field_validator("courses", mode="before")
    @classmethod
    def _courses_text(cls, value):
        return [_course_from_text(i) for i in _split(value)] if isinstance(value, str) else value

    @field_validator("fee_plans", mode="before")
    @classmethod
    def _fees_text(cls, value):
        return [_fee_from_text(i) for i in _split(value)] if isinstance(value, str) else value

    @model_validator(mode="after")
    def _consistent(self) -> InstitutionData:
        if (self.category == Category.NON_SUBJECT) != (self.non_subject_kind is not None):
            raise ValueError(
                "非学科类须填写类别，学科类不填 (non_subject_kind is required for non_subject "
                "institutions and must be empty for subject ones; accepted: "
                f"{', '.join(NonSubjectKind)})"
            )
        for number, until in (
            ("school_licence_no", "school_licence_valid_until"),
            ("business_licence_no", "business_licence_valid_until"),
        ):
            if getattr(self, number) and getattr(self, until) is None:
                raise ValueError(f"证照须填写有效期 ({until} is required when {number} is given)")
        if self.list_status != ListStatus.NONE and not (self.list_reason and self.list_date):
            raise ValueError(
                "列入白名单或黑名单须写明原因和日期 (list_reason and list_date are required "
                "for a white or black list entry)"
            )
        return self


FIELDS: tuple[str, ...] = tuple(InstitutionData.model_fields)


def staff_text(member: StaffMember) -> str:
    qualification = "qualified" if member.teaching_qualification else "unqualified"
    serving = "serving" if member.serving_school_teacher else "not_serving"
    return f"{member.name}/{qualification}/{serving}/{member.background_check}"


def course_text(course: Course) -> str:
    return f"{course.name}@{course.weekday} {course.start:%H:%M}-{course.end:%H:%M} {course.period}"


def fee_text(plan: FeePlan) -> str:
    paid = "prepaid" if plan.prepaid else "postpaid"
    return f"{plan.amount_yuan:g}/{plan.lessons}/{plan.months}/{paid}"
