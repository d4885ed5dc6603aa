"""How each consumer group of a process is doing: lag per topic, letters parked, types
skipped, and whether it is stuck.

A group is `degraded` when messages were already waiting one window ago and it has committed
nothing since: its lag grew (or stood) without progress. The process looks every few seconds;
a group that is merely busy commits within the window and stays `up`.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from aiokafka import TopicPartition
from aiokafka.errors import KafkaError

from govkit.background_checks import BackgroundChecks, Check
from govkit.consumers import Consumer, Consumers
from govkit.dead_letter_log import DeadLetterOffice
from govkit.kafka_looks import KafkaLooks

STALL_SECONDS = 60.0


@dataclass(frozen=True)
class Progress:
    """One look at a group on a topic: when, its committed offsets summed, and its lag."""

    at: float
    committed: int
    lag: int


def stalled(history: Sequence[Progress], now: Progress, window: float) -> bool:
    """Messages waited `window` seconds ago already, and nothing was committed since."""
    before = [sample for sample in history if now.at - sample.at >= window]
    if not before:
        return False
    then = before[-1]
    return then.lag > 0 and now.lag >= then.lag and now.committed <= then.committed


@dataclass
class ConsumerWatch:
    """The looks at each (group, topic) within the last window, to tell a stall."""

    window: float = STALL_SECONDS
    clock: Callable[[], float] = time.monotonic
    _history: dict[tuple[str, str], list[Progress]] = field(default_factory=dict)

    def observe(self, group: str, topic: str, committed: int, lag: int) -> bool:
        """Record this look; True if the group is stuck on the topic."""
        now = Progress(self.clock(), committed, lag)
        history = self._history.setdefault((group, topic), [])
        stuck = stalled(history, now, self.window)
        history.append(now)
        # Keep the newest look older than the window and every look after it.
        old = [i for i, sample in enumerate(history) if now.at - sample.at >= self.window]
        del history[: old[-1] if old else 0]
        return stuck


async def group_offsets(
    looks: KafkaLooks, consumers: Sequence[Consumer]
) -> dict[tuple[str, str], tuple[int, int]]:
    """(committed, lag) of each consumer: its group's committed offsets on its topic, summed,
    and how many records lie after them (a partition never committed counts from its start)."""
    async with looks.clients() as (admin, reader):
        partitions = sorted(
            {
                TopicPartition(c.topic, partition)
                for c in consumers
                for partition in range(c.partitions)
            }
        )
        reader.assign(partitions)  # first: it fetches the topics' metadata at once
        starts = await reader.beginning_offsets(partitions)
        ends = await reader.end_offsets(partitions)
        result = {}
        for group in {consumer.group for consumer in consumers}:
            offsets = await admin.list_consumer_group_offsets(group)
            for consumer in (c for c in consumers if c.group == group):
                mine = [tp for tp in partitions if tp.topic == consumer.topic]
                committed = {
                    tp: max(offsets[tp].offset if tp in offsets else -1, starts[tp]) for tp in mine
                }
                result[(group, consumer.topic)] = (
                    sum(committed.values()),
                    sum(ends[tp] - committed[tp] for tp in mine),
                )
        return result


def consumer_report(
    consumers: Iterable[Consumer],
    offsets: dict[tuple[str, str], tuple[int, int]],
    parked: dict[str, int],
    watch: ConsumerWatch,
) -> dict[str, dict[str, Any]]:
    """Per group: `status` (`up` or `degraded`), `lag` per topic, letters `parked` and not
    replayed, event types `skipped` (not this group's business)."""
    report: dict[str, dict[str, Any]] = {}
    for consumer in consumers:
        entry = report.setdefault(
            consumer.group,
            {"status": "up", "lag": {}, "parked": parked.get(consumer.group, 0), "skipped": {}},
        )
        committed, lag = offsets[(consumer.group, consumer.topic)]
        entry["lag"][consumer.topic] = lag
        entry["skipped"].update(consumer.table.skipped)
        if watch.observe(consumer.group, consumer.topic, committed, lag):
            entry["status"] = "degraded"
    return report


@dataclass
class ConsumerHealth:
    """What `/health` says of a process's consumer groups: a look every `every` seconds in the
    background while the process runs, so a stall shows whoever asks and however often."""

    consumers: Consumers
    office: DeadLetterOffice
    watch: ConsumerWatch = field(default_factory=ConsumerWatch)
    every: float = 5.0
    timeout: float = 10.0
    looks: BackgroundChecks[dict[str, dict[str, Any]]] = field(init=False)

    def __post_init__(self) -> None:
        self.looks = BackgroundChecks({"consumers": Check(self._look, self.timeout)}, self.every)

    def watching(self) -> contextlib.AbstractAsyncContextManager[None]:
        """Look at the consumer groups while the block runs (not at all without consumers)."""
        if not self.consumers.declared:
            return contextlib.nullcontext()
        return self.looks.running()

    def report(self) -> tuple[dict[str, dict[str, Any]], float | None]:
        """Per group (empty without consumers) as of the latest look, and its age in seconds."""
        if not self.consumers.declared:
            return {}, None
        look = self.looks.readings()["consumers"]
        reason = f"the consumer groups were not looked at within {self.timeout:g} s"
        return look.value or {"error": {"reason": reason}}, look.age

    async def _look(self) -> dict[str, dict[str, Any]]:
        declared = self.consumers.declared
        try:
            offsets, parked = await asyncio.gather(
                group_offsets(self.consumers.looks, declared), self.office.parked()
            )
        except KafkaError as exc:
            return {"error": {"reason": f"Kafka did not say how the consumers are: {exc!r}"}}
        return consumer_report(declared, offsets, parked, self.watch)
