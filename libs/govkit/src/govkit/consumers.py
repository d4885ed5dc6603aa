"""Every Kafka consumer of one process, declared in one place and built the same way.

A consumer receives each record raw (FastStream's JSON decoding is bypassed, so a record that
is not JSON reaches the guarded path instead of failing before it), takes it through
`govkit.dead_letters.consume`, and its offset is committed after it was handled or parked
(`govkit.offsets`, in batches). A record neither handled nor parked is read again next. The
declarations are what the process's `/health` measures and what its admin API's dead letters
belong to.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from faststream.kafka import KafkaBroker, KafkaMessage
from faststream.message import StreamMessage
from faststream.middlewares import AckPolicy

from contracts.topics import Topic
from govkit.dead_letters import Handle, Headers, Record, Retry, consume
from govkit.event_table import EventTable
from govkit.kafka_looks import KafkaLooks
from govkit.offsets import OffsetCommits
from govkit.stopping import within_bound


@dataclass(frozen=True)
class Consumer:
    """One consumer group reading one topic (full name, prefix included) through a table."""

    group: str
    topic: str
    partitions: int
    table: EventTable[Any]


def record_of(raw: ConsumerRecord[bytes, bytes]) -> Record:
    return Record(
        topic=raw.topic,
        partition=raw.partition,
        offset=raw.offset,
        key=raw.key,
        value=raw.value or b"",
        headers=tuple(raw.headers),
    )


class KafkaSink:
    """The producer of dead letters and replays: original bytes and headers, as they were.

    Started on first use (a process that never parks anything never opens it).
    """

    def __init__(self, bootstrap: str) -> None:
        self._bootstrap = bootstrap
        self._producer: AIOKafkaProducer | None = None
        self._starting = asyncio.Lock()

    async def send(self, topic: str, key: bytes | None, value: bytes, headers: Headers) -> None:
        async with self._starting:
            if self._producer is None:
                producer = AIOKafkaProducer(
                    bootstrap_servers=self._bootstrap, acks="all", enable_idempotence=True
                )
                await producer.start()
                self._producer = producer
        await self._producer.send_and_wait(topic, value=value, key=key, headers=list(headers))

    async def stop(self) -> None:
        if self._producer is not None:
            await self._producer.stop()
            self._producer = None


async def _raw_body(message: StreamMessage[Any]) -> bytes:
    """The record's bytes as they are: decoding is the guarded path's job."""
    return message.body


@dataclass
class Consumers:
    """The consumers of one process and where they park what they cannot handle."""

    broker: KafkaBroker
    bootstrap: str
    topic_prefix: str
    retry: Retry = Retry()
    declared: list[Consumer] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.sink = KafkaSink(self.bootstrap)
        self.looks = KafkaLooks(self.bootstrap)
        self.commits = OffsetCommits()

    async def stop(self) -> None:
        """Commit what was handled, stop the broker (its consumers and its producer), then the
        dead letters' producer and the clients that look at Kafka; each within its bound."""
        await within_bound(self.commits.flush(), "committing the handled offsets")
        await within_bound(self.broker.stop(), "stopping the broker")
        await within_bound(self.sink.stop(), "stopping the dead letters' producer")
        await within_bound(self.looks.stop(), "stopping the clients that look at Kafka")

    def subscribe(
        self, topic: Topic, group: str, table: EventTable[Any], handle: Handle, summary: str
    ) -> None:
        """Consume `topic` in `group` at least once; each envelope goes to `handle`."""
        name = self.topic_prefix + topic.name
        self.declared.append(Consumer(group, name, topic.partitions, table))

        async def on_record(message: KafkaMessage) -> None:
            record = record_of(message.raw_message)
            try:
                await consume(record, handle, consumer=group, sink=self.sink, retry=self.retry)
            except BaseException:
                # Neither handled nor parked (the dead-letter topic unreachable, or stopping):
                # the consumer reads it again next, and nothing after it is committed first.
                where = TopicPartition(record.topic, record.partition)
                message.consumer.seek(partition=where, offset=record.offset)
                raise
            # (faststream's in-memory test broker hands a stand-in that has nothing to commit)
            if isinstance(kafka := message.consumer, AIOKafkaConsumer):
                self.commits.handled(kafka, record.topic, record.partition, record.offset)

        on_record.__doc__ = summary
        self.broker.subscriber(
            name,
            group_id=group,
            auto_offset_reset="earliest",
            ack_policy=AckPolicy.MANUAL,  # committed by `self.commits`, once handled
            decoder=_raw_body,
        )(on_record)

    def topics(self) -> list[str]:
        return sorted({consumer.topic for consumer in self.declared})

    def groups(self) -> dict[str, list[Consumer]]:
        by_group: dict[str, list[Consumer]] = {}
        for consumer in self.declared:
            by_group.setdefault(consumer.group, []).append(consumer)
        return by_group
