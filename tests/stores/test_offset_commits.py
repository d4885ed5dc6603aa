"""On a real broker, a consumer's offsets are committed in batches, each only after its record
was handled, and a record neither handled nor parked is read again (ADR 0019)."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime

import pytest
from aiokafka import AIOKafkaConsumer
from faststream.kafka import KafkaBroker

from contracts.envelope import Envelope
from contracts.events import TaskAcknowledged
from contracts.topics import ENFORCEMENT_CASES
from contracts.vocabulary import Department
from govkit.consumers import Consumers
from govkit.dead_letters import Retry
from govkit.event_table import EventTable
from govkit.topics import drop_topics, ensure_topics
from tests.support.kafka import consumed_to_end, publish_many
from tests.support.stack import KAFKA
from tests.support.waiting import eventually

AT = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
RECORDS = 40


def acknowledged(case_id: str, n: int) -> Envelope:
    event = TaskAcknowledged(
        task_id=f"{case_id}:education",
        case_id=case_id,
        department=Department.EDUCATION,
        officer=f"officer-{n}",
        acknowledged_at=AT,
    )
    return Envelope.of(event, event_id=f"{case_id}-{n}", source="/tests", time=AT)


class FlakySink:
    """A dead-letter topic that cannot be reached the first time."""

    def __init__(self) -> None:
        self.refused = 0

    async def send(self, *_: object) -> None:
        self.refused += 1
        raise ConnectionError("dead-letter topic unreachable")


@pytest.fixture
def prefix(stack_up):
    name = f"offsets-{uuid.uuid4().hex[:8]}."
    ensure_topics(KAFKA, prefix=name, topics=(ENFORCEMENT_CASES,))
    yield name
    drop_topics(KAFKA, prefix=name)


async def test_offsets_are_committed_in_batches_after_handling_and_a_failure_is_read_again(
    prefix, monkeypatch
):
    commits: list[dict] = []
    real_commit = AIOKafkaConsumer.commit

    async def counted(self, offsets=None):
        commits.append(dict(offsets or {}))
        await real_commit(self, offsets)

    monkeypatch.setattr(AIOKafkaConsumer, "commit", counted)
    handled: list[str] = []
    failing = {"offsets-fail-once"}

    async def handle(envelope: Envelope) -> None:
        handled.append(envelope.id)
        if envelope.id in failing:
            failing.discard(envelope.id)
            raise RuntimeError("the database is down")

    group, topic = f"offsets-{uuid.uuid4().hex[:6]}", prefix + ENFORCEMENT_CASES.name
    broker = KafkaBroker(KAFKA)
    consumers = Consumers(broker, KAFKA, prefix, retry=Retry(attempts=1))
    sink = FlakySink()
    consumers.sink = sink  # type: ignore[assignment]
    table = EventTable[object]("offsets test", {TaskAcknowledged: object()})
    consumers.subscribe(ENFORCEMENT_CASES, group, table, handle, "records what it handles")
    case_id = "case-1"  # one key: one partition, in order
    sent = [acknowledged(case_id, n) for n in range(RECORDS)]
    sent[10] = sent[10].model_copy(update={"id": "offsets-fail-once"})
    async with broker:
        await broker.start()
        publish_many(topic, [(case_id, envelope) for envelope in sent])

        async def committed_to_end() -> bool:
            return await asyncio.to_thread(consumed_to_end, group, topic)

        await eventually(committed_to_end, what="the group's offsets at the topic's end")
    # Every record handled, the failing one twice (read again, not skipped), in order.
    expected = [e.id for e in sent[:11]] + [e.id for e in sent[10:]]
    assert handled == expected
    assert sink.refused == 1
    # Committed in batches, never one commit per record; never past an unhandled record.
    assert 1 <= len(commits) < RECORDS / 4
    assert all(offsets for offsets in commits)
