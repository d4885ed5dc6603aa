"""The risk exchange's tables: signals (append-only), institutions as risk knows them, their
supervised accounts and ledger, accepted bank batches, level history and the cases to follow."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Column
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from govkit.tables import utc_column
from risk.domain.ledger import Ledger


class RiskTable(SQLModel, registry=registry()):
    """Base of the risk service's own tables."""


class RiskSignal(RiskTable, table=True):
    """One signal about one institution from one agency, as received (append-only)."""

    __tablename__ = "risk_signals"

    signal_id: str = Field(primary_key=True)
    institution_id: str = Field(index=True)
    institution_name: str
    source: str
    kind: str
    severity: str
    evidence: str
    district: str = Field(index=True)
    township: str = Field(index=True)
    occurred_at: datetime = Field(sa_column=utc_column(nullable=False))
    received_at: datetime = Field(sa_column=utc_column(nullable=False))


class RiskInstitution(RiskTable, table=True):
    """An institution as risk knows it: who, where, what links it, its ledger and its level."""

    __tablename__ = "risk_institutions"

    institution_id: str = Field(primary_key=True)
    credit_code: str = Field(index=True)
    name: str
    address: str = Field(default="", index=True)
    category: str = Field(index=True)
    district: str = Field(index=True)
    township: str = Field(index=True)
    grid: str
    legal_representative: str | None = Field(default=None, index=True)
    fund_account: str | None = Field(default=None, index=True)
    bank: str | None = Field(default=None, index=True)
    state: str = "pending"
    level: str = Field(default="green", index=True)
    score: float = 0
    reasons: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    episode_id: str | None = None
    prepaid_received_yuan: float = 0
    released_yuan: float = 0
    refunded_yuan: float = 0
    lessons_delivered: int = 0
    balance_yuan: float = 0
    ledger_as_of: date | None = None

    def ledger(self) -> Ledger:
        return Ledger(
            prepaid_received_yuan=self.prepaid_received_yuan,
            released_yuan=self.released_yuan,
            refunded_yuan=self.refunded_yuan,
            lessons_delivered=self.lessons_delivered,
            balance_yuan=self.balance_yuan,
            as_of=self.ledger_as_of,
        )

    def keep(self, ledger: Ledger) -> None:
        self.prepaid_received_yuan = ledger.prepaid_received_yuan
        self.released_yuan = ledger.released_yuan
        self.refunded_yuan = ledger.refunded_yuan
        self.lessons_delivered = ledger.lessons_delivered
        self.balance_yuan = ledger.balance_yuan
        self.ledger_as_of = ledger.as_of


class SupervisedAccount(RiskTable, table=True):
    """A supervision agreement: this account at this bank holds this institution's prepaid fees."""

    __tablename__ = "risk_accounts"

    account: str = Field(primary_key=True)
    bank: str = Field(index=True)
    institution_id: str = Field(index=True)
    agreed_by: str
    agreed_at: datetime = Field(sa_column=utc_column(nullable=False))


class LedgerDay(RiskTable, table=True):
    """One account's day as a bank reported it."""

    __tablename__ = "risk_ledger_days"

    account: str = Field(primary_key=True)
    day: date = Field(primary_key=True)
    institution_id: str = Field(index=True)
    batch_id: str
    balance_yuan: float
    prepaid_received_yuan: float
    lessons_delivered: int
    released_yuan: float
    refunds_yuan: float


class BankBatchRecord(RiskTable, table=True):
    """An accepted batch: its id makes a re-sent batch change nothing."""

    __tablename__ = "risk_bank_batches"

    batch_id: str = Field(primary_key=True)
    bank: str
    rows: int
    received_at: datetime = Field(sa_column=utc_column(nullable=False))


class LevelChange(RiskTable, table=True):
    """Every change of an institution's level, with why (append-only)."""

    __tablename__ = "risk_level_changes"

    change_id: str = Field(primary_key=True)
    institution_id: str = Field(index=True)
    from_level: str
    to_level: str
    score: float
    reasons: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    signal_ids: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    episode_id: str | None = None
    changed_at: datetime = Field(sa_column=utc_column(nullable=False))


class FollowedCase(RiskTable, table=True):
    """A case about a known institution, so its outcomes become signals on it."""

    __tablename__ = "risk_cases"

    case_id: str = Field(primary_key=True)
    institution_id: str
