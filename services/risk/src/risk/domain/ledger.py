"""The bank feed (资金监管): a bank's daily batch, checked whole, and the ledger it keeps.

Outstanding liability is the prepaid money not yet earned: received − released (一课一销)
− refunded; the cover ratio is the supervised balance over it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from govkit.errors import NotAllowed
from govkit.numbers import MAX_COUNT, MAX_YUAN
from govkit.row_errors import RowError, RowReport, row_errors

MAX_ROWS = 20_000


class BankRow(BaseModel):
    """One supervised account's day."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    account: str = Field(min_length=1, max_length=64)
    day: date
    balance_yuan: float = Field(ge=0, le=MAX_YUAN, allow_inf_nan=False)
    prepaid_received_yuan: float = Field(ge=0, le=MAX_YUAN, allow_inf_nan=False)
    lessons_delivered: int = Field(ge=0, le=MAX_COUNT)
    released_yuan: float = Field(ge=0, le=MAX_YUAN, allow_inf_nan=False)
    refunds_yuan: float = Field(ge=0, le=MAX_YUAN, allow_inf_nan=False)


class BankBatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    batch_id: str = Field(min_length=1, max_length=100)
    rows: list[dict[str, Any]] = Field(min_length=1, max_length=MAX_ROWS)


class BatchReport(RowReport):
    detail: str


class ForeignAccounts(NotAllowed):
    """The batch names accounts supervised at another bank (or the caller names no bank)."""

    def __init__(self, bank: str | None, accounts: Sequence[str]) -> None:
        super().__init__(
            f"无权报送他行账户 (bank {bank or '-'} may not report accounts "
            f"{', '.join(sorted(accounts))})"
        )


def checked_rows(
    batch: BankBatch, bank: str | None, bank_of: Mapping[str, str], today: date
) -> tuple[list[BankRow], list[RowError]]:
    """Every row parsed and checked; `bank_of` maps each supervised account to its bank.

    An account at another bank refuses the whole batch (403) before any row is judged.
    """
    foreign = {
        str(raw.get("account"))
        for raw in batch.rows
        if raw.get("account") in bank_of and bank_of[str(raw.get("account"))] != bank
    }
    if foreign or not bank:
        raise ForeignAccounts(bank, sorted(foreign))
    rows: list[BankRow] = []
    errors: list[RowError] = []
    seen: set[tuple[str, date]] = set()
    for number, raw in enumerate(batch.rows, start=1):
        try:
            row = BankRow.model_validate(raw)
        except ValidationError as exc:
            errors.extend(row_errors(number, exc))
            continue
        if row.account not in bank_of:
            reason = "账户未纳入资金监管 (account is not under fund supervision)"
            errors.append(RowError(row=number, field="account", reason=reason))
        if row.day > today:
            errors.append(
                RowError(row=number, field="day", reason="日期晚于今天 (day is in the future)")
            )
        if (row.account, row.day) in seen:
            reason = "同一账户同一天重复 (the account's day appears twice)"
            errors.append(RowError(row=number, field="day", reason=reason))
        seen.add((row.account, row.day))
        rows.append(row)
    return rows, errors


class Ledger(BaseModel):
    """An institution's supervised account, summed over every accepted day."""

    prepaid_received_yuan: float = 0
    released_yuan: float = 0
    refunded_yuan: float = 0
    lessons_delivered: int = 0
    balance_yuan: float = 0
    as_of: date | None = None

    @property
    def liability_yuan(self) -> float:
        """Prepaid money not yet earned by a lesson or refunded (never below 0)."""
        owed = self.prepaid_received_yuan - self.released_yuan - self.refunded_yuan
        return round(max(owed, 0.0), 2)

    @property
    def cover_ratio(self) -> float | None:
        """Balance ÷ liability; None while nothing is owed."""
        liability = self.liability_yuan
        return round(self.balance_yuan / liability, 4) if liability > 0 else None

    def after(self, row: BankRow) -> Ledger:
        """The ledger with one more day: flows add up, the newest day's balance stands."""
        newest = self.as_of is None or row.day >= self.as_of
        return Ledger(
            prepaid_received_yuan=round(self.prepaid_received_yuan + row.prepaid_received_yuan, 2),
            released_yuan=round(self.released_yuan + row.released_yuan, 2),
            refunded_yuan=round(self.refunded_yuan + row.refunds_yuan, 2),
            lessons_delivered=self.lessons_delivered + row.lessons_delivered,
            balance_yuan=row.balance_yuan if newest else self.balance_yuan,
            as_of=row.day if newest else self.as_of,
        )

    def evidence(self, batch_id: str, bank: str) -> str:
        return (
            f"{self.as_of} 余额 {self.balance_yuan:,.2f} 元 / 未消课预收 "
            f"{self.liability_yuan:,.2f} 元 = 覆盖率 {self.cover_ratio} "
            f"(balance / outstanding prepaid; batch {batch_id} from {bank})"
        )
