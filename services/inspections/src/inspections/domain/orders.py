"""Rectification orders (整改督办单): their number, their steps, and their printed layout.

签收 (acknowledge) → evidence submitted → 复查 (re-inspection): passed closes it (销号),
failed sends it back to rectifying. Only the unit's own staff signs and submits evidence.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from govkit.errors import WrongState
from inspections.domain.evidence import FileRef


class OrderStatus(StrEnum):
    ISSUED = "issued"  # 待签收
    RECTIFYING = "rectifying"  # 整改中
    AWAITING_REINSPECTION = "awaiting_reinspection"  # 待复查
    CLOSED = "closed"  # 已销号


OPEN_STATUSES = frozenset(
    {OrderStatus.ISSUED, OrderStatus.RECTIFYING, OrderStatus.AWAITING_REINSPECTION}
)
STATUS_NAMES: dict[OrderStatus, str] = {
    OrderStatus.ISSUED: "待签收",
    OrderStatus.RECTIFYING: "整改中",
    OrderStatus.AWAITING_REINSPECTION: "待复查",
    OrderStatus.CLOSED: "已销号",
}


class Acknowledgement(BaseModel):
    """The unit signs for the order and names its contact (annex 4: 联系人, 联系电话)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    contact_name: str = Field(min_length=1, max_length=50)
    contact_phone: str = Field(pattern=r"^\+?[0-9][0-9 -]{4,19}$", description="digits, - or space")


class EvidenceSubmission(BaseModel):
    """What the unit did, with files uploaded to the order first."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    note: str = Field(min_length=5, max_length=2000)
    files: list[FileRef] = []


class ReinspectionReport(BaseModel):
    """复查: whether every problem is rectified, and what the inspector saw."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    passed: bool
    note: str = Field(min_length=2, max_length=2000)
    files: list[FileRef] = []


def number_prefix(district: str, year: int) -> str:
    """What every order number of a district's year starts with."""
    return f"{district}-{year}-"


def order_number(district: str, year: int, sequence: int) -> str:
    """The order's number (编号): district, year, and its place in the district's year."""
    return f"{number_prefix(district, year)}{sequence:04d}"


def after_acknowledgement(status: OrderStatus) -> OrderStatus:
    if status != OrderStatus.ISSUED:
        raise WrongState(
            f"督办单已签收 (the order is {status.value}; only an issued order is signed for)"
        )
    return OrderStatus.RECTIFYING


def after_evidence(status: OrderStatus) -> OrderStatus:
    if status != OrderStatus.RECTIFYING:
        raise WrongState(
            f"当前不能提交整改材料 (the order is {status.value}; evidence is submitted while "
            "rectifying, after signing for it)"
        )
    return OrderStatus.AWAITING_REINSPECTION


def after_reinspection(status: OrderStatus, passed: bool) -> OrderStatus:
    if status != OrderStatus.AWAITING_REINSPECTION:
        raise WrongState(
            f"当前不能复查 (the order is {status.value}; a re-inspection follows submitted evidence)"
        )
    return OrderStatus.CLOSED if passed else OrderStatus.RECTIFYING


def check_open(status: OrderStatus) -> None:
    if status not in OPEN_STATUSES:
        raise WrongState("督办单已销号 (the order is closed)")


def default_requirements(deadline: date) -> str:
    return f"对照上述问题逐项整改，于{deadline:%Y年%m月%d日}前提交整改材料，经复查合格后销号。"
