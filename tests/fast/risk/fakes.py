"""Risk's repository in memory."""

from __future__ import annotations

from govkit.fakes import fake_page
from govkit.http import PageParams
from govkit.principal import Scope
from risk.store.tables import RiskSignal


class FakeRiskRepository:
    def __init__(self) -> None:
        self.signals_by_id: dict[str, RiskSignal] = {}

    def add(self, signal: RiskSignal) -> None:
        self.signals_by_id[signal.signal_id] = signal

    def signal(self, signal_id: str) -> RiskSignal | None:
        return self.signals_by_id.get(signal_id)

    def signals(
        self, institution_id: str, scope: Scope, page: PageParams
    ) -> tuple[list[RiskSignal], int]:
        return fake_page(
            self.signals_by_id.values(),
            page,
            scope=scope,
            newest_first=lambda signal: signal.occurred_at,
            where=lambda signal: signal.institution_id == institution_id,
        )
