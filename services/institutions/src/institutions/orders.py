"""Rectification orders on the institution's record, as inspections issues, moves and closes them.

Subscribers' use cases: each runs inside the caller's transaction, once per event id. An order
for a school (no registry id) or for an institution this registry does not hold is passed over.
"""

from __future__ import annotations

from contracts.events import (
    OrderDeadlineSet,
    OrderEscalated,
    RectificationOrderClosed,
    RectificationOrderIssued,
)
from institutions.service import Uow
from institutions.store.tables import OpenOrder


def order_issued(event: RectificationOrderIssued, uow: Uow) -> None:
    """A new order shows on the institution's record until it is closed."""
    if event.institution_id is None or uow.repo.institution(event.institution_id) is None:
        return
    if uow.repo.order(event.order_id) is None:
        uow.repo.add(OpenOrder.from_event(event, event.institution_id))


def order_deadline_set(event: OrderDeadlineSet, uow: Uow) -> None:
    """The order's deadline moved (a failed re-inspection, a holiday)."""
    order = uow.repo.order(event.order_id)
    if order is not None:
        order.deadline = event.deadline
        uow.repo.add(order)


def order_escalated(event: OrderEscalated, uow: Uow) -> None:
    """The overdue order reached a rung of the ladder (督办单 → 通报 → 约谈 → 问责)."""
    order = uow.repo.order(event.order_id)
    if order is not None:
        order.rung = event.rung.value
        uow.repo.add(order)


def order_closed(event: RectificationOrderClosed, uow: Uow) -> None:
    """销号: the order leaves the record."""
    order = uow.repo.order(event.order_id)
    if order is not None:
        uow.repo.remove(order)
