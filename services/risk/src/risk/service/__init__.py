"""Risk's use cases: each takes its command and a unit of work, and is the domain's only caller."""

from __future__ import annotations

from govkit.uow import UnitOfWork
from risk.store.repository import RiskRepository

Uow = UnitOfWork[RiskRepository]
