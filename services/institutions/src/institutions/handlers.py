"""The registry's subscriber: inspections' rectification orders on each institution's record."""

from __future__ import annotations

from contracts.events import (
    OrderDeadlineSet,
    OrderEscalated,
    RectificationOrderClosed,
    RectificationOrderIssued,
)
from contracts.topics import INSPECTIONS_EVENTS
from govkit.handlers import EventTable, Subscription, UseCase, subscriptions
from institutions import orders

ORDERS = EventTable[UseCase](
    "institutions: open orders",
    {
        RectificationOrderIssued: orders.order_issued,
        OrderDeadlineSet: orders.order_deadline_set,
        OrderEscalated: orders.order_escalated,
        RectificationOrderClosed: orders.order_closed,
    },
)

register_subscribers = subscriptions(Subscription(INSPECTIONS_EVENTS, ORDERS))
