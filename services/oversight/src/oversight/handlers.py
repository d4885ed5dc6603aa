"""Oversight's one subscriber: fold every case event that moves a figure, once per event id."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from faststream.kafka import KafkaBroker

from contracts.topics import ENFORCEMENT_CASES
from govkit.handlers import EventTable, UseCase, subscribe
from govkit.uow import UnitOfWork
from oversight import service
from oversight.domain.facts import FOLDED_EVENTS
from oversight.settings import OversightSettings

CASES = EventTable[UseCase](
    "oversight: leadership facts", dict.fromkeys(FOLDED_EVENTS, service.fold)
)


def register_subscribers(
    broker: KafkaBroker, unit_of_work: Callable[[], UnitOfWork[Any]], settings: OversightSettings
) -> None:
    subscribe(
        broker,
        topic=ENFORCEMENT_CASES,
        prefix=settings.topic_prefix,
        group_id=settings.consumer_group,
        table=CASES,
        unit_of_work=unit_of_work,
    )
