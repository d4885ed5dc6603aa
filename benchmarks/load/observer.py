"""Watches `enforcement.cases` (under the deployment's topic prefix) from its end, with no
consumer group, and writes what it sees into the ledger at the moment it sees it."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from datetime import datetime

from aiokafka import AIOKafkaConsumer
from pydantic import ValidationError

from benchmarks.load.ledger import Ledger, Task
from contracts.envelope import Envelope
from contracts.events import DepartmentTaskDispatched, TaskAcknowledged, TaskEscalated
from contracts.topics import ENFORCEMENT_CASES
from contracts.vocabulary import Clock


def _seconds(stamp: str) -> float:
    return datetime.fromisoformat(stamp).timestamp()


def record(ledger: Ledger, envelope: Envelope, seen_at: float) -> None:
    data = envelope.data
    if envelope.type == DepartmentTaskDispatched.EVENT_TYPE:
        task = Task(data["task_id"], data["department"], seen_at, _seconds(data["acknowledge_by"]))
        ledger.dispatched(data["case_id"], task)
    elif envelope.type == TaskAcknowledged.EVENT_TYPE:
        ledger.acknowledged(data["task_id"], seen_at)
    elif envelope.type == TaskEscalated.EVENT_TYPE and data["clock"] == Clock.ACKNOWLEDGE:
        ledger.escalated(data["task_id"], seen_at)


@contextlib.asynccontextmanager
async def observing(ledger: Ledger, bootstrap: str, topic_prefix: str) -> AsyncIterator[None]:
    """From the topic's end as it is now: returns once the consumer is in place."""
    topic = topic_prefix + ENFORCEMENT_CASES.name
    # Without a group the consumer takes every partition of the topic, from its end.
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=bootstrap, enable_auto_commit=False)
    await consumer.start()
    try:
        partitions = consumer.assignment()
        if not partitions:
            raise SystemExit(f"no topic {topic} on {bootstrap}: is --topic-prefix right?")
        await consumer.seek_to_end(*partitions)
        for partition in partitions:
            await consumer.position(partition)
        reading = asyncio.create_task(_read(consumer, ledger))
        try:
            yield
        finally:
            reading.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await reading
    finally:
        await consumer.stop()


async def _read(consumer: AIOKafkaConsumer, ledger: Ledger) -> None:
    while True:
        for records in (await consumer.getmany(timeout_ms=1000)).values():
            seen_at = time.time()
            for message in records:
                try:
                    envelope = Envelope.model_validate_json(message.value)
                except ValidationError:
                    continue  # not ours to judge: the platform's consumers park such records
                record(ledger, envelope, seen_at)
