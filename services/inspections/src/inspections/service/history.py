"""An order's history: one entry per step, kept with the order's own change."""

from __future__ import annotations

from datetime import datetime

from inspections.service.common import Uow
from inspections.store.tables import Order, OrderEntry


def enter(
    order: Order,
    kind: str,
    by: str,
    uow: Uow,
    *,
    entry_id: str | None = None,
    note: str = "",
    files: list[str] | None = None,
    passed: bool | None = None,
    rung: str | None = None,
    level: int | None = None,
    deadline: datetime | None = None,
) -> OrderEntry:
    """Add the step (a workflow command's entry carries the command's own id)."""
    entry = OrderEntry(
        entry_id=entry_id or uow.new_id(),
        order_id=order.order_id,
        kind=kind,
        district=order.district,
        township=order.township,
        unit_id=order.unit_id,
        unit_code=order.unit_code,
        by=by,
        at=uow.now,
        note=note,
        files=files or [],
        passed=passed,
        rung=rung,
        level=level,
        deadline=deadline,
    )
    uow.repo.add(order)
    uow.repo.add(entry)
    return entry
