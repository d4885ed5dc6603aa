"""The handled offsets of several consumers, committed in batches and flushed on shutdown."""

from __future__ import annotations

import asyncio

from aiokafka import TopicPartition

from govkit.offsets import OffsetCommits


class SlowCommitter:
    """A consumer whose commits take a moment, as a broker's answer does."""

    def __init__(self, name: str, log: list[tuple[str, dict[TopicPartition, int]]]) -> None:
        self.name, self.log = name, log

    async def commit(self, offsets: dict[TopicPartition, int]) -> None:
        await asyncio.sleep(0.01)
        self.log.append((self.name, offsets))


async def test_a_flush_meeting_a_consumers_own_commit_commits_each_offset_once():
    """While the flush awaits one consumer's commit, the other's own batch may go out first;
    the flush then finds nothing left for it, and stops no worse for it."""
    log: list[tuple[str, dict[TopicPartition, int]]] = []
    first, second = SlowCommitter("first", log), SlowCommitter("second", log)
    commits = OffsetCommits(interval=0)
    commits.handled(first, "cases", 0, 41)
    commits.handled(second, "cases", 1, 7)
    await commits.flush()
    await asyncio.sleep(0.05)  # what the consumers' own batches still had to do
    assert sorted(log, key=lambda entry: entry[0]) == [
        ("first", {TopicPartition("cases", 0): 42}),
        ("second", {TopicPartition("cases", 1): 8}),
    ]
