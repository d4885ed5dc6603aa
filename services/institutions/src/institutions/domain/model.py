"""What the registry knows about one institution or school, validated field by field.

The same model parses a JSON request and a row of an imported file: staff, courses and fee
plans arrive as lists in JSON and as compact text cells in a spreadsheet (see `parts`), so
both paths accept and refuse exactly the same data.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from contracts.vocabulary import Department
from govkit.numbers import MAX_YUAN
from institutions.domain.credit_code import problem_with
from institutions.domain.parts import Course, FeePlan, StaffMember, items_of


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


class InstitutionData(BaseModel):
    """Every registry field of an institution or school (the import columns, in this order)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    credit_code: str
    name: str = Field(min_length=2, max_length=200)
    address: str = Field(min_length=2, max_length=300)
    latitude: float = Field(ge=-90, le=90, allow_inf_nan=False)
    longitude: float = Field(ge=-180, le=180, allow_inf_nan=False)
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
    list_reason: str | None = Field(default=None, max_length=500)
    list_date: date | None = None
    legal_representative: str | None = Field(
        default=None,
        min_length=2,
        max_length=50,
        description="法定代表人 by name: links institutions in risk; never on the public lists",
    )
    fund_account: str | None = Field(default=None, max_length=64)
    unsettled_prepaid_yuan: float = Field(default=0, ge=0, le=MAX_YUAN, allow_inf_nan=False)
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
    def _staff_cell(cls, value: object) -> object:
        return items_of(value, StaffMember.parse_cell)

    @field_validator("courses", mode="before")
    @classmethod
    def _courses_cell(cls, value: object) -> object:
        return items_of(value, Course.parse_cell)

    @field_validator("fee_plans", mode="before")
    @classmethod
    def _fee_plans_cell(cls, value: object) -> object:
        return items_of(value, FeePlan.parse_cell)

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
