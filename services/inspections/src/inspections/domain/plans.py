"""Inspection plans (督导计划): a kind of inspection, a period, and for joint ones the departments."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, model_validator

from contracts.events.inspections import InspectionKind
from contracts.vocabulary import Department

KIND_NAMES: dict[InspectionKind, str] = {
    InspectionKind.ROUTINE: "常态督",
    InspectionKind.SPECIAL: "专项督",
    InspectionKind.PRECISION: "精准督",
    InspectionKind.JOINT: "联合检查",
    InspectionKind.UNANNOUNCED: "暗访",
}


class PlanData(BaseModel):
    """What the district office plans: e.g. a 专项督 for the winter vacation with a focus."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    kind: InspectionKind
    title: str = Field(min_length=2, max_length=200)
    starts_on: date
    ends_on: date
    focus: str = Field(default="", max_length=500, description="e.g. 寒假, 开学初, 投诉集中")
    departments: list[Department] = Field(default=[], description="Joint inspections only")
    district: str | None = Field(
        default=None, description="An admin names it; others act in theirs"
    )

    @model_validator(mode="after")
    def _consistent(self) -> PlanData:
        if self.ends_on < self.starts_on:
            raise ValueError("结束日期早于开始日期 (ends_on must not be before starts_on)")
        if (self.kind == InspectionKind.JOINT) != bool(self.departments):
            raise ValueError(
                "联合检查须列明部门，其他督导不列 (departments are required for a joint "
                "inspection and only for it)"
            )
        if len(set(self.departments)) != len(self.departments):
            raise ValueError("部门重复 (each department may be named once)")
        return self
