"""The parked letters as they stand, read from the dead-letter topics, and their replay.

A dead-letter topic is compacted and keyed by the letter's id: a letter is parked once
(parking the same record again writes the same id), and a replay writes the letter again
marked replayed, so the newest record of each id says whether it still waits. A replay puts
the original key, value and headers back on the original topic; every consumer of that topic
sees it again and, being idempotent, changes nothing it had already handled.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from aiokafka import TopicPartition

from govkit import dead_letters
from govkit.consumers import Consumers
from govkit.errors import NotFound, WrongState
from govkit.kafka_looks import KafkaLooks

log = logging.getLogger(__name__)

DLQ_PARTITIONS = 1


@dataclass(frozen=True)
class Letter:
    """One record one consumer group could not handle."""

    id: str
    consumer: str
    topic: str
    partition: int
    offset: int
    error: str
    attempts: int
    parked_at: str
    key: bytes | None
    value: bytes
    headers: dead_letters.Headers
    parked_with: dead_letters.Headers
    replayed_at: str | None = None
    replayed_by: str | None = None

    @classmethod
    def of(cls, letter_id: str, value: bytes, headers: dead_letters.Headers) -> Letter:
        added = {name: raw for name, raw in headers if name in dead_letters.OWN_HEADERS}

        def text(name: str) -> str:
            return added[name].decode("utf-8", "replace")

        def text_if_any(name: str) -> str | None:
            return text(name) if name in added else None

        return cls(
            id=letter_id,
            consumer=text(dead_letters.CONSUMER),
            topic=text(dead_letters.TOPIC),
            partition=int(text(dead_letters.PARTITION)),
            offset=int(text(dead_letters.OFFSET)),
            error=text(dead_letters.ERROR),
            attempts=int(text(dead_letters.ATTEMPTS)),
            parked_at=text(dead_letters.PARKED_AT),
            key=added.get(dead_letters.KEY),
            value=value,
            headers=tuple(
                (name, raw) for name, raw in headers if name not in dead_letters.OWN_HEADERS
            ),
            parked_with=headers,
            replayed_at=text_if_any(dead_letters.REPLAYED_AT),
            replayed_by=text_if_any(dead_letters.REPLAYED_BY),
        )


async def read_letters(looks: KafkaLooks, topics: Iterable[str]) -> list[Letter]:
    """Every letter parked from `topics`, the newest state of each, oldest parked first."""
    partitions = [
        TopicPartition(dead_letters.dead_letter_topic(topic), p)
        for topic in topics
        for p in range(DLQ_PARTITIONS)
    ]
    async with looks.clients() as (_, reader):
        reader.assign(partitions)  # first: it fetches the topics' metadata at once
        starts = await reader.beginning_offsets(partitions)
        ends = await reader.end_offsets(partitions)
        # Only partitions holding letters: with none, there is nothing to wait for.
        ends = {tp: end for tp, end in ends.items() if starts[tp] < end}
        if not ends:
            return []
        reader.assign(list(ends))
        for partition in ends:
            reader.seek(partition, starts[partition])
        letters: dict[str, Letter] = {}
        while any([await reader.position(tp) < end for tp, end in ends.items()]):
            batches = await reader.getmany(timeout_ms=1000)
            for record in (r for records in batches.values() for r in records):
                if record.key is not None and record.offset < ends[TopicPartition(record.topic, 0)]:
                    letter_id = record.key.decode("utf-8", "replace")
                    try:
                        letter = Letter.of(letter_id, record.value or b"", tuple(record.headers))
                    except (KeyError, ValueError):  # not parked by a consumer: nothing to replay
                        log.warning("%s@%d is no dead letter", record.topic, record.offset)
                        continue
                    letters[letter_id] = letter
        return sorted(letters.values(), key=lambda letter: letter.parked_at)


class DeadLetterOffice:
    """The letters of one process's consumer groups: listed, counted, replayed once."""

    def __init__(self, consumers: Consumers) -> None:
        self._consumers = consumers
        self._replaying = asyncio.Lock()

    def topics(self) -> list[str]:
        """The topics this process consumes, as named on Kafka."""
        return self._consumers.topics()

    def short_topics(self) -> list[str]:
        """The same, as the contracts name them."""
        prefix = self._consumers.topic_prefix
        return [topic.removeprefix(prefix) for topic in self.topics()]

    def full_topic(self, name: str) -> str:
        """A topic as Kafka names it, given as Kafka or the contracts name it."""
        return name if name in self.topics() else self._consumers.topic_prefix + name

    async def letters(self) -> list[Letter]:
        groups = {consumer.group for consumer in self._consumers.declared}
        everything = await read_letters(self._consumers.looks, self._consumers.topics())
        return [letter for letter in everything if letter.consumer in groups]

    async def parked(self) -> dict[str, int]:
        """Letters waiting (not replayed), per consumer group."""
        counts: dict[str, int] = {}
        for letter in await self.letters():
            if letter.replayed_at is None:
                counts[letter.consumer] = counts.get(letter.consumer, 0) + 1
        return counts

    async def replay(self, letter_id: str, by: str) -> Letter:
        """Put the letter's record back on its topic, once; mark the letter replayed."""
        async with self._replaying:
            letter = next((x for x in await self.letters() if x.id == letter_id), None)
            if letter is None:
                raise NotFound(f"没有这封死信 (no dead letter {letter_id!r} of this service)")
            if letter.replayed_at is not None:
                raise WrongState(
                    f"死信已重放 (dead letter {letter_id} was replayed at {letter.replayed_at} "
                    f"by {letter.replayed_by}; a letter is replayed once)"
                )
            sink = self._consumers.sink
            await sink.send(letter.topic, letter.key, letter.value, letter.headers)
            replayed_at = datetime.now(UTC).isoformat()
            mark = (
                (dead_letters.REPLAYED_AT, replayed_at.encode()),
                (dead_letters.REPLAYED_BY, by.encode()),
            )
            marked = letter.parked_with + mark
            await sink.send(
                dead_letters.dead_letter_topic(letter.topic),
                letter.id.encode(),
                letter.value,
                marked,
            )
            return Letter.of(letter.id, letter.value, marked)
