"""Risk's subscriber: every compliance violation the registry finds becomes a signal, once."""

from __future__ import annotations

from contracts.events import ComplianceViolationFound
from contracts.topics import INSTITUTIONS_REGISTRY
from govkit.handlers import EventTable, Subscription, UseCase, subscriptions
from risk import service

REGISTRY = EventTable[UseCase](
    "risk: signals", {ComplianceViolationFound: service.record_violation}
)


register_subscribers = subscriptions(Subscription(INSTITUTIONS_REGISTRY, REGISTRY))
