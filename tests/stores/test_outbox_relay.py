"""The outbox relay against real Kafka: batched, in order per key, shared by replicas."""

from __future__ import annotations

import asyncio
import json
import uuid
from datetime import UTC, datetime

import pytest
from opentelemetry.sdk.trace import TracerProvider
from sqlalchemy import update
from sqlmodel import Session, col, select

from contracts.topics import ENFORCEMENT_CASES
from govkit.messaging import create_broker
from govkit.migrations import upgrade_to_head
from govkit.outbox import OutboxRelay
from govkit.tables import OutboxMessage
from govkit.topics import ensure_topics
from patrol.app import SCHEMA
from tests.support.kafka import read_to_end
from tests.support.stack import KAFKA

NOW = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)
TOPIC = ENFORCEMENT_CASES.name


@pytest.fixture
def outbox(empty_database):
    upgrade_to_head(empty_database, "patrol", SCHEMA)
    return empty_database


@pytest.fixture
def prefix() -> str:
    prefix = f"test-relay-{uuid.uuid4().hex[:8]}."
    ensure_topics(KAFKA, prefix=prefix, topics=(ENFORCEMENT_CASES,))
    return prefix


@pytest.fixture
async def relays(outbox, prefix):
    """Two relays over one outbox, each with its own producer: two replicas of a service."""
    brokers = [create_broker(KAFKA, TracerProvider(), client_id=f"relay-{n}") for n in (1, 2)]
    for broker in brokers:
        await broker.start()
    yield [OutboxRelay(outbox, broker, topic_prefix=prefix, batch=50) for broker in brokers]
    for broker in brokers:
        await broker.stop()


@pytest.mark.parametrize("empty_database", ["postgresql"], indirect=True)
async def test_two_relays_publish_every_row_once_and_each_key_in_order(outbox, relays, prefix):
    keys = [f"case-{n}" for n in range(30)]
    _write(outbox, [(keys[n % len(keys)], json.dumps({"n": n})) for n in range(900)])

    await asyncio.gather(*(_drain(relay, outbox) for relay in relays))

    received = _read(prefix)
    assert sorted(n for _, n in received) == list(range(900))  # all, none twice
    for of_key in _by_key(received).values():
        assert of_key == sorted(of_key)  # in the order they were written


async def test_a_row_that_fails_holds_back_the_later_rows_of_its_key(outbox, relays, prefix):
    relay = relays[0]
    _write(
        outbox,
        [
            ("case-a", "not json: the publish of this row fails"),
            ("case-a", json.dumps({"n": 2})),
            ("case-b", json.dumps({"n": 3})),
            ("case-b", json.dumps({"n": 4})),
        ],
    )

    assert await relay.publish_pending() == 2
    assert [row.key for row in relay.pending()] == ["case-a", "case-a"]

    with Session(outbox) as session:
        session.execute(
            update(OutboxMessage)
            .where(col(OutboxMessage.key) == "case-a", col(OutboxMessage.payload).like("not%"))
            .values(payload=json.dumps({"n": 1}))
        )
        session.commit()
    assert await relay.publish_pending() == 2

    assert _by_key(_read(prefix)) == {"case-a": [1, 2], "case-b": [3, 4]}


@pytest.mark.parametrize("empty_database", ["postgresql"], indirect=True)
async def test_a_key_whose_older_row_another_replica_holds_is_left_to_that_replica(
    outbox, relays, prefix
):
    _write(outbox, [("case-a", json.dumps({"n": 1})), ("case-b", json.dumps({"n": 2}))])
    _write(outbox, [("case-a", json.dumps({"n": 3}))])
    with Session(outbox) as other_replica:
        held = other_replica.exec(
            select(OutboxMessage)
            .where(col(OutboxMessage.key) == "case-a")
            .order_by(col(OutboxMessage.position))
            .limit(1)
            .with_for_update()
        ).one()
        # case-b only: case-a's 3 must not overtake the 1 the other replica holds.
        assert await relays[0].publish_pending() == 1
        assert json.loads(held.payload) == {"n": 1}
    assert await relays[0].publish_pending() == 2
    assert _by_key(_read(prefix)) == {"case-a": [1, 3], "case-b": [2]}


def _write(engine, rows: list[tuple[str, str]]) -> None:
    with Session(engine) as session:
        for key, payload in rows:
            session.add(
                OutboxMessage(
                    event_id=str(uuid.uuid4()),
                    topic=TOPIC,
                    key=key,
                    payload=payload,
                    created_at=NOW,
                )
            )
        session.commit()


async def _drain(relay: OutboxRelay, engine) -> None:
    while await relay.publish_pending() or await asyncio.to_thread(relay.pending):
        await asyncio.sleep(0.05)  # what is left is the other replica's claim


def _read(prefix: str) -> list[tuple[str, int]]:
    """Every message on the topic as (key, n), in order within each partition."""
    return [(m.key.decode(), json.loads(m.value)["n"]) for m in read_to_end(prefix + TOPIC)]


def _by_key(received: list[tuple[str, int]]) -> dict[str, list[int]]:
    keys: dict[str, list[int]] = {}
    for key, n in received:
        keys.setdefault(key, []).append(n)
    return keys
