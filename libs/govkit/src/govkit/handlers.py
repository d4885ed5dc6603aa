"""Subscribers as a table: event type → handler, with one rule for types nobody handles.

An event type a consumer has no handler for (one of another consumer's, or one newer than
this code) is logged, counted and skipped: it never stops the partition behind it. Every
consumer of the platform looks its events up in an `EventTable` (the services' subscribers,
the workflows bridge, the calendar feed); `/health` shows each consumer group's counts. A
record that fails is retried and then parked (`govkit.dead_letters`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from contracts.envelope import Envelope
from contracts.events import Message
from contracts.topics import Topic
from govkit.consumers import Consumers
from govkit.event_table import EventTable, UseCase
from govkit.uow import UnitOfWork


def handle_once(table: EventTable[UseCase], envelope: Envelope, uow: UnitOfWork[Any]) -> None:
    """Run the event's use case and the delivery mark in one transaction, once per event id."""
    found = table.lookup(envelope)
    if found is not None:
        _handle_found(found, envelope, uow)


def _handle_found(found: tuple[Message, UseCase], envelope: Envelope, uow: UnitOfWork[Any]) -> None:
    message, use_case = found
    with uow:
        if uow.first_delivery(envelope):
            use_case(message, uow)
            uow.commit()


def subscribe(
    consumers: Consumers,
    *,
    topic: Topic,
    group_id: str,
    table: EventTable[UseCase],
    unit_of_work: Callable[[], UnitOfWork[Any]],
) -> None:
    """Consume `topic` at least once; each event's transaction runs off the event loop."""

    async def on_event(envelope: Envelope) -> None:
        # An event this consumer skips costs neither a thread nor a transaction.
        if (found := table.lookup(envelope)) is not None:
            await asyncio.to_thread(_handle_found, found, envelope, unit_of_work())

    summary = f"{table.consumer}: {', '.join(table.event_types)}"
    consumers.subscribe(topic, group_id, table, on_event, summary)


class ConsumerSettings(Protocol):
    consumer_group: str


@dataclass(frozen=True)
class Subscription:
    """One consumer of a service: a topic, its table, and a suffix naming its consumer group."""

    topic: Topic
    table: EventTable[UseCase]
    group_suffix: str = ""


def subscriptions(
    *wanted: Subscription,
) -> Callable[[Consumers, Callable[[], UnitOfWork[Any]], ConsumerSettings], None]:
    """A service's `register_subscribers`: each subscription in its own consumer group."""

    def register(
        consumers: Consumers,
        unit_of_work: Callable[[], UnitOfWork[Any]],
        settings: ConsumerSettings,
    ) -> None:
        for subscription in wanted:
            subscribe(
                consumers,
                topic=subscription.topic,
                group_id=settings.consumer_group + subscription.group_suffix,
                table=subscription.table,
                unit_of_work=unit_of_work,
            )

    return register
