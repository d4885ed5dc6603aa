"""Agencies' batch feeds: 12345 hotline complaints, refund requests, public-security flags on
staff, and the legal representative's credit; who may send each, and each row checked."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError

from contracts.vocabulary import Department
from govkit.errors import NotAllowed
from govkit.principal import DEPARTMENT_ROLES, Principal, Role
from govkit.row_errors import RowError, row_errors
from risk.domain.ledger import MAX_ROWS
from risk.domain.signals import About, Signal, signal_about, signal_scope


class Feed(StrEnum):
    HOTLINE = "hotline"  # 12345 热线
    REFUNDS = "refunds"  # 退费申请
    POLICE = "police"  # 公安：从业人员
    CREDIT = "credit"  # 法定代表人信用


class Rating(StrEnum):
    GOOD = "good"
    FAIR = "fair"
    POOR = "poor"
    BAD = "bad"


KIND = {
    Feed.HOTLINE: "complaint.hotline",
    Feed.REFUNDS: "refund.request",
    Feed.POLICE: "police.staff_flag",
}


def _department(*departments: Department) -> Callable[[Principal], bool]:
    return lambda p: p.has_any_role(DEPARTMENT_ROLES) and p.department in departments


SENDERS: dict[Feed, Callable[[Principal], bool]] = {
    Feed.HOTLINE: lambda p: p.has_any_role({Role.DISTRICT_OFFICER, Role.ADMIN}),
    Feed.REFUNDS: lambda p: (
        p.has_role(Role.DISTRICT_OFFICER) or _department(Department.EDUCATION)(p)
    ),
    Feed.POLICE: _department(Department.PUBLIC_SECURITY),
    Feed.CREDIT: _department(Department.MARKET_SUPERVISION, Department.FINANCIAL_SUPERVISION),
}


class FeedRow(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    ref: str = Field(min_length=1, max_length=100, description="The sender's own id of the row")
    credit_code: str = Field(min_length=18, max_length=18)
    occurred_at: AwareDatetime
    evidence: str = Field(min_length=2, max_length=1000)
    legal_representative: str | None = Field(default=None, min_length=2, max_length=50)
    rating: Rating | None = None
    staff_name: str | None = Field(default=None, min_length=2, max_length=50)


class FeedBatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rows: list[dict[str, Any]] = Field(min_length=1, max_length=MAX_ROWS)


def require_sender(feed: Feed, sender: Principal) -> None:
    if not SENDERS[feed](sender):
        raise NotAllowed(f"无权报送该数据 (you may not send the {feed} feed)")


def _needs(feed: Feed, row: FeedRow) -> list[tuple[str, str]]:
    """(field, reason) for each field this feed needs and the row lacks."""
    needed = {Feed.CREDIT: ("legal_representative", "rating"), Feed.POLICE: ("staff_name",)}
    return [
        (name, "此数据必填 (required for this feed)")
        for name in needed.get(feed, ())
        if getattr(row, name) is None
    ]


def checked_feed(
    feed: Feed, batch: FeedBatch, sender: Principal, known: Mapping[str, About], now: datetime
) -> tuple[list[tuple[FeedRow, About]], list[RowError]]:
    """Every row parsed, its institution found by credit code within the sender's area."""
    scope = signal_scope(sender)
    good: list[tuple[FeedRow, About]] = []
    errors: list[RowError] = []
    for number, raw in enumerate(batch.rows, start=1):
        try:
            row = FeedRow.model_validate(raw)
        except ValidationError as exc:
            errors.extend(row_errors(number, exc))
            continue
        problems = _needs(feed, row)
        about = known.get(row.credit_code.upper())
        if about is None or not scope.admits(about):
            problems.append(("credit_code", "辖区内无此机构 (no such institution in your area)"))
        if row.occurred_at > now:
            problems.append(("occurred_at", "时间晚于现在 (in the future)"))
        errors.extend(RowError(row=number, field=f, reason=r) for f, r in problems)
        if not problems and about is not None:
            good.append((row, about))
    return good, errors


def feed_signal(feed: Feed, row: FeedRow, about: About, *, sender: str, now: datetime) -> Signal:
    kind = f"credit.{row.rating}" if feed == Feed.CREDIT else KIND[feed]
    who = row.legal_representative or row.staff_name
    return signal_about(
        about,
        signal_id=f"{feed}:{row.ref}",
        source=f"/feeds/{feed}/{sender}",
        kind=kind,
        evidence=f"{who}：{row.evidence}" if who else row.evidence,
        occurred_at=row.occurred_at,
        received_at=now,
    )
