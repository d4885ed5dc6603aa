"""Risk's use cases: each takes its command and a unit of work, and is the domain's only caller."""

from __future__ import annotations

from contracts.events import ComplianceViolationFound
from govkit.http import PageParams
from govkit.principal import Principal
from govkit.uow import UnitOfWork
from risk.domain.signals import signal_from_violation, signal_scope
from risk.store.repository import RiskRepository
from risk.store.tables import RiskSignal

Uow = UnitOfWork[RiskRepository]


def record_violation(event: ComplianceViolationFound, uow: Uow) -> None:
    """A violation the registry found is kept as a signal about the institution."""
    if uow.repo.signal(event.violation_id) is None:
        signal = signal_from_violation(event, received_at=uow.now)
        uow.repo.add(RiskSignal(**signal.model_dump()))


def signals(
    institution_id: str, reader: Principal, page: PageParams, uow: Uow
) -> tuple[list[RiskSignal], int]:
    """An institution's signals within the reader's area, newest first."""
    with uow:
        return uow.repo.signals(institution_id, signal_scope(reader), page)
