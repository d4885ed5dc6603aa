"""Subscribers as a table: event type → handler, with one rule for types nobody handles.

An event type a consumer has no handler for (one of another consumer's, or one newer than
this code) is logged, counted and skipped: it never stops the partition behind it.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from faststream.kafka import KafkaBroker

from contracts.envelope import Envelope
from contracts.events import Message
from contracts.topics import Topic
from govkit.messaging import AT_LEAST_ONCE
from govkit.uow import UnitOfWork

log = logging.getLogger(__name__)

H = TypeVar("H")
UseCase = Callable[[Any, UnitOfWork[Any]], None]
"""A subscriber's use case: `(message, uow)`, changing state inside the caller's transaction."""


class EventTable(Generic[H]):
    """The handlers of one consumer, by message type."""

    def __init__(self, consumer: str, handlers: Mapping[type[Message], H]) -> None:
        self.consumer = consumer
        self._by_type = {message.EVENT_TYPE: (message, h) for message, h in handlers.items()}
        self.skipped: Counter[str] = Counter()

    @property
    def event_types(self) -> list[str]:
        return sorted(self._by_type)

    def lookup(self, envelope: Envelope) -> tuple[Message, H] | None:
        """The typed message and its handler, or None (logged and counted) for other types."""
        entry = self._by_type.get(envelope.type)
        if entry is None:
            self.skipped[envelope.type] += 1
            log.info("%s skips event %s of type %s", self.consumer, envelope.id, envelope.type)
            return None
        message_type, handler = entry
        return message_type.model_validate(envelope.data), handler


def handle_once(table: EventTable[UseCase], envelope: Envelope, uow: UnitOfWork[Any]) -> None:
    """Run the event's use case and the delivery mark in one transaction, once per event id."""
    found = table.lookup(envelope)
    if found is None:
        return
    message, use_case = found
    with uow:
        if uow.first_delivery(envelope):
            use_case(message, uow)
            uow.commit()


def subscribe(
    broker: KafkaBroker,
    *,
    topic: Topic,
    prefix: str,
    group_id: str,
    table: EventTable[UseCase],
    unit_of_work: Callable[[], UnitOfWork[Any]],
) -> None:
    """Consume `topic` at least once; each event's transaction runs off the event loop."""

    async def on_event(envelope: Envelope) -> None:
        await asyncio.to_thread(handle_once, table, envelope, unit_of_work())

    on_event.__doc__ = f"{table.consumer}: {', '.join(table.event_types)}"
    broker.subscriber(
        prefix + topic.name,
        group_id=group_id,
        auto_offset_reset="earliest",
        ack_policy=AT_LEAST_ONCE,
    )(on_event)


class ConsumerSettings(Protocol):
    topic_prefix: str
    consumer_group: str


@dataclass(frozen=True)
class Subscription:
    """One consumer of a service: a topic, its table, and a suffix naming its consumer group."""

    topic: Topic
    table: EventTable[UseCase]
    group_suffix: str = ""


def subscriptions(
    *wanted: Subscription,
) -> Callable[[KafkaBroker, Callable[[], UnitOfWork[Any]], ConsumerSettings], None]:
    """A service's `register_subscribers`: each subscription in its own consumer group."""

    def register(
        broker: KafkaBroker,
        unit_of_work: Callable[[], UnitOfWork[Any]],
        settings: ConsumerSettings,
    ) -> None:
        for subscription in wanted:
            subscribe(
                broker,
                topic=subscription.topic,
                prefix=settings.topic_prefix,
                group_id=settings.consumer_group + subscription.group_suffix,
                table=subscription.table,
                unit_of_work=unit_of_work,
            )

    return register
