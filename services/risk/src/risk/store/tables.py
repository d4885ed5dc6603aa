"""The risk exchange's table: every signal received, append-only."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from govkit.tables import utc_column


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
