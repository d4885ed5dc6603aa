"""Time the outbox relay publishing 5,000 committed events to the real Kafka broker.

`.venv/bin/python -m benchmarks.outbox_relay [--database-url URL] [--rows N] [--per-key K]`:
N rows (default 5,000), K (default 5) for each case key, like the dispatches and steps of one
case; a fresh SQLite file unless a database URL (e.g. an empty PostgreSQL database) is given,
a fresh topic on the broker at GOV_KAFKA_BOOTSTRAP. Reports events/s from the first claim to
the last mark.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
import uuid
from datetime import UTC, datetime

from opentelemetry.sdk.trace import TracerProvider
from sqlalchemy import Engine
from sqlmodel import Session

from contracts.topics import ENFORCEMENT_CASES
from govkit.db import create_db_engine
from govkit.messaging import create_broker
from govkit.migrations import upgrade_to_head
from govkit.outbox import OutboxRelay
from govkit.tables import OutboxMessage
from govkit.topics import ensure_topics
from patrol.app import SCHEMA

KAFKA = os.environ.get("GOV_KAFKA_BOOTSTRAP", "127.0.0.1:9092")
# About the size of a DepartmentTaskDispatched envelope.
PAYLOAD = '{"specversion": "1.0", "data": {"note": "%s"}}' % ("x" * 900)


def fill(engine: Engine, rows: int, per_key: int) -> None:
    now = datetime.now(UTC)
    with Session(engine) as session:
        for n in range(rows):
            session.add(
                OutboxMessage(
                    event_id=str(uuid.uuid4()),
                    topic=ENFORCEMENT_CASES.name,
                    key=f"case-{n // per_key}",
                    payload=PAYLOAD,
                    created_at=now,
                )
            )
        session.commit()


async def drain(engine: Engine, prefix: str) -> tuple[int, float]:
    broker = create_broker(KAFKA, TracerProvider(), client_id="bench-relay")
    await broker.start()
    try:
        relay = OutboxRelay(engine, broker, topic_prefix=prefix)
        started, published = time.perf_counter(), 0
        while count := await relay.publish_pending():
            published += count
        return published, time.perf_counter() - started
    finally:
        await broker.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="")
    parser.add_argument("--rows", type=int, default=5_000)
    parser.add_argument("--per-key", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        engine = create_db_engine(args.database_url or f"sqlite:///{scratch}/outbox.db")
        upgrade_to_head(engine, "patrol", SCHEMA)
        fill(engine, args.rows, args.per_key)
        prefix = f"bench-{uuid.uuid4().hex[:8]}."
        ensure_topics(KAFKA, prefix=prefix, topics=(ENFORCEMENT_CASES,))
        published, elapsed = asyncio.run(drain(engine, prefix))
        engine.dispose()
    print(
        f"{engine.dialect.name}: published {published:,} events ({args.per_key} per key) in "
        f"{elapsed:.2f} s: {published / elapsed:,.0f} events/s"
    )


if __name__ == "__main__":
    main()
