"""Risk's subscriber: every compliance violation the registry finds becomes a signal, once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from faststream.kafka import KafkaBroker

from contracts.events import ComplianceViolationFound
from contracts.topics import INSTITUTIONS_REGISTRY
from govkit.handlers import EventTable, UseCase, subscribe
from govkit.uow import UnitOfWork
from risk import service
from risk.settings import RiskSettings

REGISTRY = EventTable[UseCase](
    "risk: signals", {ComplianceViolationFound: service.record_violation}
)


def register_subscribers(
    broker: KafkaBroker, unit_of_work: Callable[[], UnitOfWork[Any]], settings: RiskSettings
) -> None:
    subscribe(
        broker,
        topic=INSTITUTIONS_REGISTRY,
        prefix=settings.topic_prefix,
        group_id=settings.consumer_group,
        table=REGISTRY,
        unit_of_work=unit_of_work,
    )
