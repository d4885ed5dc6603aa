"""The floors, each measured a few times in the same run as the load: what one hop of each kind
costs on this machine now, with nothing of ours around it."""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import httpx
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from temporalio.client import Client
from temporalio.worker import Worker

from benchmarks.load.signal_echo import SignalEcho
from benchmarks.outbox_relay import fill
from contracts.topics import Topic
from govkit.db import create_db_engine
from govkit.migrations import upgrade_to_head
from govkit.topics import ensure_topics
from patrol.app import SCHEMA

# One topic for every run (created once, read from its end), an hour's retention.
FLOOR_PREFIX = "bench."
FLOOR_TOPIC = Topic("load.floor", 1, 3_600_000, "n", "the load harness's Kafka floor")


@dataclass(frozen=True)
class Floors:
    """Medians, in seconds."""

    kafka_hop: float
    temporal_round_trip: float
    gateway_constant: float
    outbox_commit: float


async def _median(samples: int, once: Callable[[], Awaitable[None]]) -> float:
    await once()  # warm: connections, caches
    times = []
    for _ in range(samples):
        started = time.perf_counter()
        await once()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


async def kafka_hop(bootstrap: str, samples: int) -> float:
    """Produce (acks from all in-sync replicas, as the relays) → a consumer has it."""
    await asyncio.to_thread(ensure_topics, bootstrap, prefix=FLOOR_PREFIX, topics=(FLOOR_TOPIC,))
    partition = TopicPartition(FLOOR_PREFIX + FLOOR_TOPIC.name, 0)
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await producer.start()
    await consumer.start()
    try:
        consumer.assign([partition])
        await consumer.seek_to_end(partition)
        await consumer.position(partition)

        async def hop() -> None:
            await producer.send_and_wait(partition.topic, b"x" * 1000, partition=0)
            await consumer.getone(partition)

        return await _median(samples, hop)
    finally:
        await producer.stop()
        await consumer.stop()


async def temporal_round_trip(address: str, samples: int) -> float:
    """Start a workflow, signal it, have its result: on a task queue of this run's own worker."""
    client = await Client.connect(address)
    queue = f"load-floor-{uuid.uuid4().hex[:8]}"
    async with Worker(client, task_queue=queue, workflows=[SignalEcho]):

        async def round_trip() -> None:
            handle = await client.start_workflow(
                SignalEcho.run, id=f"{queue}-{uuid.uuid4().hex[:8]}", task_queue=queue
            )
            await handle.signal(SignalEcho.signal)
            await handle.result()

        return await _median(samples, round_trip)


async def gateway_constant(
    http: httpx.AsyncClient, gateway: str, headers: dict[str, str], samples: int
) -> float:
    """The inspections checklist through the gateway: token checks and one forward, no I/O."""

    async def ask() -> None:
        (await http.get(f"{gateway}/api/inspections/checklist", headers=headers)).raise_for_status()

    return await _median(samples, ask)


async def outbox_commit(samples: int) -> float:
    """One outbox row committed to a fresh SQLite file, the services' default database."""
    with tempfile.TemporaryDirectory() as scratch:
        engine = create_db_engine(f"sqlite:///{scratch}/outbox.db")
        upgrade_to_head(engine, "patrol", SCHEMA)

        async def commit() -> None:
            fill(engine, 1, 1)

        try:
            return await _median(samples, commit)
        finally:
            engine.dispose()


async def measure(
    bootstrap: str,
    temporal: str,
    http: httpx.AsyncClient,
    gateway: str,
    headers: dict[str, str],
    samples: int,
) -> Floors:
    """One after the other, so that they do not load each other."""
    return Floors(
        kafka_hop=await kafka_hop(bootstrap, samples),
        temporal_round_trip=await temporal_round_trip(temporal, samples),
        gateway_constant=await gateway_constant(http, gateway, headers, samples),
        outbox_commit=await outbox_commit(samples),
    )
