"""The risk exchange's tables and queries."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, DateTime
from sqlalchemy.orm import registry
from sqlmodel import Field, Session, SQLModel, col, func, select


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
    occurred_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    received_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


def signals_of(
    session: Session,
    *,
    institution_id: str,
    scope: dict[str, str] | None,
    offset: int,
    limit: int,
) -> tuple[list[RiskSignal], int]:
    query = select(RiskSignal).where(RiskSignal.institution_id == institution_id)
    for column, value in (scope or {}).items():
        query = query.where(getattr(RiskSignal, column) == value)
    count = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(
        query.order_by(col(RiskSignal.occurred_at).desc()).offset(offset).limit(limit)
    ).all()
    return list(rows), count
