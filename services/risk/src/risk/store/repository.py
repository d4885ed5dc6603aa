"""The repository risk's use cases read and write through; SQL here, a fake in fast tests."""

from __future__ import annotations

from typing import Protocol

from sqlmodel import Session, col, select

from govkit.http import PageParams
from govkit.principal import Scope
from govkit.queries import page_of, within
from risk.store.tables import RiskSignal


class RiskRepository(Protocol):
    def add(self, signal: RiskSignal) -> None: ...

    def signal(self, signal_id: str) -> RiskSignal | None: ...

    def signals(
        self, institution_id: str, scope: Scope, page: PageParams
    ) -> tuple[list[RiskSignal], int]: ...


class SqlRiskRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, signal: RiskSignal) -> None:
        self._session.add(signal)

    def signal(self, signal_id: str) -> RiskSignal | None:
        return self._session.get(RiskSignal, signal_id)

    def signals(
        self, institution_id: str, scope: Scope, page: PageParams
    ) -> tuple[list[RiskSignal], int]:
        query = within(select(RiskSignal), RiskSignal, scope).where(
            RiskSignal.institution_id == institution_id
        )
        return page_of(self._session, query, col(RiskSignal.occurred_at).desc(), page)
